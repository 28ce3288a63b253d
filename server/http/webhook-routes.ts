import type { Context, Hono } from 'hono';
import { z } from 'zod';
import type { Auth } from '../auth/auth.js';
import type { StaffRole } from '../auth/principal.js';
import type { WebhookAdmin } from '../webhooks/webhook-admin.js';
import { WEBHOOK_EVENT_TYPES, WebhookEventTypeSchema } from '../webhooks/webhook-event.js';
import {
  WebhookSubscriptionIdSchema,
  WebhookSubscriptionInputSchema,
  WebhookSubscriptionPatchSchema,
  WebhookSubscriptionSchema,
} from '../webhooks/webhook-subscription.js';
import { noteForAudit } from './audit-trail.js';
import { readParam, readQuery } from './desk-route-support.js';
import type { ApiRegistry } from './openapi/api-registry.js';
import { readJsonBody } from './read-json-body.js';
import { requireStaff } from './require-role.js';

const ADMINS: readonly StaffRole[] = ['admin'];
const tag = 'webhooks';
const DeliveryIdSchema = z.string().regex(/^dl_[A-Za-z0-9]{8,64}$/, 'not a delivery id');

const SubscriptionResponseSchema = z.object({ webhook: WebhookSubscriptionSchema });
const WithSecretSchema = z.object({
  webhook: WebhookSubscriptionSchema,
  /** Shown this once: Livedesk never returns it again. */
  secret: z.string(),
});
const DeadLetterSchema = z.object({
  id: z.string(),
  subscriptionId: z.string(),
  eventId: z.string(),
  eventType: WebhookEventTypeSchema,
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  failedAt: z.string(),
});
const DeadLetterQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });
const NOT_FOUND = { description: 'No such webhook or dead letter' };

function refused(
  context: Context,
  outcome: { code: 'not_found' | 'invalid_input'; message: string },
): Response {
  return context.json(
    { error: outcome.code, message: outcome.message },
    outcome.code === 'not_found' ? 404 : 400,
  );
}

/** Outbound webhooks for admins: subscriptions (the secret shown once), the dead letters, retry and discard. */
export function registerWebhookRoutes(
  app: Hono,
  options: { webhooks: WebhookAdmin; auth: Pick<Auth, 'verify'> },
  registry: ApiRegistry,
): void {
  const { webhooks } = options;
  const admins = requireStaff(options.auth, ADMINS);

  app.get('/api/webhooks', admins, async (context) =>
    context.json({
      webhooks: await webhooks.list(),
      eventTypes: [...WEBHOOK_EVENT_TYPES],
      pending: await webhooks.pendingCount(),
    }),
  );
  registry.add({
    method: 'get',
    path: '/api/webhooks',
    summary:
      'Every webhook subscription (never its secret), the event types one can ask for, and how many deliveries are pending',
    tag,
    auth: ADMINS,
    responses: {
      200: {
        description: 'The subscriptions',
        schema: z.object({
          webhooks: z.array(WebhookSubscriptionSchema),
          eventTypes: z.array(WebhookEventTypeSchema),
          pending: z.number().int(),
        }),
      },
    },
  });

  app.post('/api/webhooks', admins, async (context) => {
    const body = await readJsonBody(context, WebhookSubscriptionInputSchema);
    if (!body.ok) return body.response;
    const principal = context.get('principal');
    const created = await webhooks.create(body.value, principal.username ?? principal.userId);
    if (!created.ok) return refused(context, created);
    const { subscription } = created.value;
    // Which subscription and where it sends, never the secret.
    noteForAudit(context, { webhookId: subscription.id, url: subscription.url, events: subscription.events });
    return context.json({ webhook: subscription, secret: created.value.secret }, 201);
  });
  registry.add({
    method: 'post',
    path: '/api/webhooks',
    summary:
      'Subscribe a receiver: an http(s) URL (private and loopback addresses refused unless LIVEDESK_WEBHOOK_ALLOW_PRIVATE), the events it wants, active. The signing secret is in this answer only',
    tag,
    auth: ADMINS,
    body: WebhookSubscriptionInputSchema,
    responses: {
      201: { description: 'Created, with its secret', schema: WithSecretSchema },
      400: { description: 'Bad input or a URL the policy refuses' },
    },
  });

  app.patch('/api/webhooks/:id', admins, async (context) => {
    const id = readParam(context, 'id', WebhookSubscriptionIdSchema);
    if (!id.ok) return id.response;
    const body = await readJsonBody(context, WebhookSubscriptionPatchSchema);
    if (!body.ok) return body.response;
    const updated = await webhooks.update(id.value, body.value);
    if (!updated.ok) return refused(context, updated);
    return context.json({ webhook: updated.value });
  });
  registry.add({
    method: 'patch',
    path: '/api/webhooks/:id',
    summary:
      'Change a subscription: URL, events, active (paused: deliveries still owed become dead letters), description',
    tag,
    auth: ADMINS,
    body: WebhookSubscriptionPatchSchema,
    responses: {
      200: { description: 'Changed', schema: SubscriptionResponseSchema },
      400: { description: 'Bad input or a URL the policy refuses' },
      404: NOT_FOUND,
    },
  });

  app.delete('/api/webhooks/:id', admins, async (context) => {
    const id = readParam(context, 'id', WebhookSubscriptionIdSchema);
    if (!id.ok) return id.response;
    if (!(await webhooks.remove(id.value)))
      return context.json({ error: 'not_found', message: `no webhook ${id.value}` }, 404);
    return context.body(null, 204);
  });
  registry.add({
    method: 'delete',
    path: '/api/webhooks/:id',
    summary: 'Delete a subscription and every delivery still owed to it',
    tag,
    auth: ADMINS,
    responses: { 204: { description: 'Deleted' }, 404: NOT_FOUND },
  });

  app.post('/api/webhooks/:id/rotate-secret', admins, async (context) => {
    const id = readParam(context, 'id', WebhookSubscriptionIdSchema);
    if (!id.ok) return id.response;
    const rotated = await webhooks.rotateSecret(id.value);
    if (!rotated.ok) return refused(context, rotated);
    return context.json({ webhook: rotated.value.subscription, secret: rotated.value.secret });
  });
  registry.add({
    method: 'post',
    path: '/api/webhooks/:id/rotate-secret',
    summary:
      'A new signing secret, in this answer only; the old one still signs beside it (`v1=<new>,v1=<old>`) for LIVEDESK_WEBHOOK_SECRET_GRACE_SECONDS (default 24 h), then is dropped',
    tag,
    auth: ADMINS,
    responses: {
      200: { description: 'Rotated, with the new secret', schema: WithSecretSchema },
      404: NOT_FOUND,
    },
  });

  app.get('/api/webhooks/dead-letters', admins, async (context) => {
    const query = readQuery(context, DeadLetterQuerySchema);
    if (!query.ok) return query.response;
    return context.json({ deadLetters: await webhooks.deadLetters(query.value.limit) });
  });
  registry.add({
    method: 'get',
    path: '/api/webhooks/dead-letters',
    summary: 'Deliveries that failed every attempt or were refused, newest first, with the last error',
    tag,
    auth: ADMINS,
    query: DeadLetterQuerySchema,
    responses: {
      200: { description: 'Dead letters', schema: z.object({ deadLetters: z.array(DeadLetterSchema) }) },
    },
  });

  app.post('/api/webhooks/dead-letters/:deliveryId/retry', admins, async (context) => {
    const id = readParam(context, 'deliveryId', DeliveryIdSchema);
    if (!id.ok) return id.response;
    if (!(await webhooks.retry(id.value)))
      return context.json({ error: 'not_found', message: `no dead letter ${id.value}` }, 404);
    return context.body(null, 202);
  });
  registry.add({
    method: 'post',
    path: '/api/webhooks/dead-letters/:deliveryId/retry',
    summary: 'Retry a dead letter now, with a fresh count of attempts',
    tag,
    auth: ADMINS,
    responses: { 202: { description: 'Queued for delivery' }, 404: NOT_FOUND },
  });

  app.delete('/api/webhooks/dead-letters/:deliveryId', admins, async (context) => {
    const id = readParam(context, 'deliveryId', DeliveryIdSchema);
    if (!id.ok) return id.response;
    if (!(await webhooks.discard(id.value)))
      return context.json({ error: 'not_found', message: `no dead letter ${id.value}` }, 404);
    return context.body(null, 204);
  });
  registry.add({
    method: 'delete',
    path: '/api/webhooks/dead-letters/:deliveryId',
    summary: 'Discard a dead letter',
    tag,
    auth: ADMINS,
    responses: { 204: { description: 'Discarded' }, 404: NOT_FOUND },
  });
}
