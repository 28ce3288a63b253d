import type { Hono } from 'hono';
import { z } from 'zod';
import type { Auth } from '../auth/auth.js';
import type { StaffRole } from '../auth/principal.js';
import type { RetentionPolicy } from '../privacy/retention-policy.js';
import { RetentionPolicySchema } from '../privacy/retention-policy.js';
import type { RetentionRunner } from '../privacy/retention-runner.js';
import { ErasureModeSchema, type ViewerDataRequests } from '../privacy/viewer-data-requests.js';
import { noteForAudit } from './audit-trail.js';
import { readParam } from './desk-route-support.js';
import type { ApiRegistry } from './openapi/api-registry.js';
import { ErrorResponseSchema } from './openapi/error-response.js';
import { readJsonBody } from './read-json-body.js';
import { requireStaff } from './require-role.js';

const ADMINS: readonly StaffRole[] = ['admin'];
const tag = 'privacy';
const ViewerIdSchema = z.string().trim().min(1).max(128);

export const EraseRequestSchema = z.strictObject({
  mode: ErasureModeSchema.describe('`delete` removes them; `anonymise` keeps their shape without the viewer'),
  /** The viewer id typed again: an erasure cannot be undone. */
  confirmViewerId: z.string().trim().min(1).max(128),
});

const EraseResponseSchema = z.object({
  viewerId: z.string(),
  mode: ErasureModeSchema,
  conversations: z.number().int(),
  tickets: z.number().int(),
  /** Media records erased with their unshared files (issue 17). */
  media: z.number().int(),
});

const ExportSchema = z.object({
  format: z.literal('livedesk.viewer-export.v1'),
  viewerId: z.string(),
  exportedAt: z.string(),
  conversations: z.array(z.unknown()),
  satisfaction: z.array(z.unknown()),
  tickets: z.array(z.unknown()),
  auditMentions: z.array(z.unknown()),
  media: z.array(z.unknown()),
  counts: z.record(z.string(), z.number()),
});

const RetentionRunSchema = z.object({
  at: z.string(),
  mode: z.enum(['delete', 'anonymise']),
  conversations: z.number().int(),
  tickets: z.number().int(),
});
const RetentionStateSchema = z.object({
  policy: RetentionPolicySchema,
  lastRun: RetentionRunSchema.nullable(),
});

const refusals = {
  401: { description: 'Not signed in', schema: ErrorResponseSchema },
  403: { description: 'Not an admin', schema: ErrorResponseSchema },
};

export interface ViewerDataRouteOptions {
  auth: Pick<Auth, 'verify'>;
  requests: ViewerDataRequests;
  retention?: { policy: RetentionPolicy; runner: RetentionRunner } | undefined;
}

/** Admin-only: a viewer's data as a JSON download, its erasure, and the retention policy (each audited). */
export function registerViewerDataRoutes(
  app: Hono,
  options: ViewerDataRouteOptions,
  registry: ApiRegistry,
): void {
  const admins = requireStaff(options.auth, ADMINS);

  app.get('/api/privacy/viewers/:viewerId/export', admins, async (context) => {
    const viewerId = readParam(context, 'viewerId', ViewerIdSchema);
    if (!viewerId.ok) return viewerId.response;
    const exported = await options.requests.exportViewer(viewerId.value, context.req.raw.signal);
    noteForAudit(context, { counts: exported.counts });
    const file = `livedesk-viewer-${viewerId.value.replace(/[^A-Za-z0-9._-]/g, '_')}.json`;
    return context.body(JSON.stringify(exported, null, 2), 200, {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="${file}"`,
    });
  });
  registry.add({
    method: 'get',
    path: '/api/privacy/viewers/:viewerId/export',
    summary:
      'Everything kept about one viewer (conversations with every event, satisfaction, tickets with history, audit mentions) as a JSON download; audited',
    tag,
    auth: ADMINS,
    responses: { 200: { description: 'The export', schema: ExportSchema }, ...refusals },
  });

  app.post('/api/privacy/viewers/:viewerId/erase', admins, async (context) => {
    const viewerId = readParam(context, 'viewerId', ViewerIdSchema);
    if (!viewerId.ok) return viewerId.response;
    const body = await readJsonBody(context, EraseRequestSchema);
    if (!body.ok) return body.response;
    if (body.value.confirmViewerId !== viewerId.value)
      return context.json(
        {
          error: 'invalid_input',
          message: 'confirmViewerId must repeat the viewer id: an erasure cannot be undone',
        },
        400,
      );
    const result = await options.requests.eraseViewer(
      viewerId.value,
      body.value.mode,
      context.req.raw.signal,
    );
    if (!result.ok) {
      return context.json(
        { error: result.code, message: result.message, conversationIds: result.conversationIds },
        409,
      );
    }
    noteForAudit(context, {
      mode: result.mode,
      conversations: result.conversations,
      tickets: result.tickets,
      media: result.media,
      ...(result.replacementId ? { replacementId: result.replacementId } : {}),
    });
    return context.json({
      viewerId: viewerId.value,
      mode: result.mode,
      conversations: result.conversations,
      tickets: result.tickets,
      media: result.media,
    });
  });
  registry.add({
    method: 'post',
    path: '/api/privacy/viewers/:viewerId/erase',
    summary:
      'Erase one viewer: their conversations and tickets deleted or anonymised (their id replaced); audited with the counts',
    tag,
    auth: ADMINS,
    body: EraseRequestSchema,
    responses: {
      200: { description: 'What was erased', schema: EraseResponseSchema },
      400: {
        description: 'A malformed body, or the confirmation does not match',
        schema: ErrorResponseSchema,
      },
      ...refusals,
      409: { description: 'The viewer is talking to a person right now', schema: ErrorResponseSchema },
    },
  });

  app.get('/api/privacy/retention', admins, (context) =>
    context.json({
      policy: options.retention?.policy ?? {
        conversationsDays: 0,
        ticketsDays: 0,
        mode: 'anonymise',
        intervalMs: 21_600_000,
      },
      lastRun: options.retention?.runner.lastRun ?? null,
    }),
  );
  registry.add({
    method: 'get',
    path: '/api/privacy/retention',
    summary: 'The retention policy for closed conversations and tickets, and its last run on this node',
    tag,
    auth: ADMINS,
    responses: { 200: { description: 'The policy', schema: RetentionStateSchema }, ...refusals },
  });

  app.post('/api/privacy/retention/run', admins, async (context) => {
    if (!options.retention)
      return context.json({ error: 'not_found', message: 'no retention policy is configured' }, 404);
    const run = await options.retention.runner.runOnce();
    noteForAudit(context, { conversations: run.conversations, tickets: run.tickets, mode: run.mode });
    return context.json(run);
  });
  registry.add({
    method: 'post',
    path: '/api/privacy/retention/run',
    summary: 'Apply the retention policy now (it also runs periodically on one node)',
    tag,
    auth: ADMINS,
    responses: {
      200: { description: 'What went', schema: RetentionRunSchema },
      ...refusals,
      404: { description: 'No retention policy configured', schema: ErrorResponseSchema },
    },
  });
}
