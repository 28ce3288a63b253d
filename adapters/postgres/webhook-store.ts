import type { Pool } from 'pg';
import { z } from 'zod';
import { LivedeskError } from '../../knowledge/errors.js';
import { WebhookDeliverySchema, type WebhookDelivery } from '../../server/webhooks/webhook-delivery.js';
import { WebhookEventTypeSchema } from '../../server/webhooks/webhook-event.js';
import type { WebhookStore } from '../../server/webhooks/webhook-store.js';
import {
  WebhookSubscriptionSchema,
  type StoredWebhookSubscription,
} from '../../server/webhooks/webhook-subscription.js';
import { mapPostgresError } from './map-postgres-error.js';
import { withTransaction } from './with-transaction.js';

const SubscriptionRowSchema = z.object({
  subscription_id: z.string(),
  url: z.string(),
  events: z.unknown(),
  active: z.boolean(),
  description: z.string(),
  secret: z.string(),
  created_at: z.string(),
  created_by: z.string(),
  updated_at: z.string(),
  previous_secret: z.string().nullable(),
  previous_secret_expires_at: z.string().nullable(),
});

const DeliveryRowSchema = z.object({
  delivery_id: z.string(),
  subscription_id: z.string(),
  event_id: z.string(),
  event_type: z.string(),
  body: z.string(),
  status: z.string(),
  attempts: z.number(),
  // bigint comes back as text from pg.
  next_attempt_at_ms: z.coerce.number(),
  last_error: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});

/** Webhook subscriptions and the delivery outbox in the shared PostgreSQL database. */
export function createPostgresWebhookStore(options: { pool: Pool }): WebhookStore {
  const { pool } = options;
  const query = async (text: string, values: unknown[] = []) => {
    try {
      return await pool.query(text, values);
    } catch (error) {
      throw mapPostgresError(error);
    }
  };
  return {
    async createSubscription(subscription) {
      const parsed = WebhookSubscriptionSchema.parse(subscription);
      try {
        await pool.query(
          `INSERT INTO webhook_subscriptions
             (subscription_id, url, events, active, description, secret, created_at, created_by, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [
            parsed.id,
            parsed.url,
            JSON.stringify(parsed.events),
            parsed.active,
            parsed.description,
            subscription.secret,
            parsed.createdAt,
            parsed.createdBy,
            parsed.updatedAt,
          ],
        );
      } catch (error) {
        if ((error as { code?: unknown }).code === '23505')
          throw new LivedeskError('conflict', `webhook ${parsed.id} exists already`);
        throw mapPostgresError(error);
      }
    },
    updateSubscription: (id, patch, updatedAt) =>
      withTransaction(pool, async (client) => {
        const found = await client.query(
          'SELECT * FROM webhook_subscriptions WHERE subscription_id = $1 FOR UPDATE',
          [id],
        );
        if (found.rows.length === 0) return undefined;
        const current = subscriptionOf(found.rows[0]);
        const next: StoredWebhookSubscription = {
          ...current,
          ...(patch.url === undefined ? {} : { url: patch.url }),
          ...(patch.events === undefined ? {} : { events: patch.events }),
          ...(patch.active === undefined ? {} : { active: patch.active }),
          ...(patch.description === undefined ? {} : { description: patch.description }),
          ...(patch.secret === undefined ? {} : { secret: patch.secret }),
          updatedAt,
        };
        await client.query(
          `UPDATE webhook_subscriptions SET url = $1, events = $2, active = $3, description = $4, secret = $5,
             updated_at = $6 WHERE subscription_id = $7`,
          [next.url, JSON.stringify(next.events), next.active, next.description, next.secret, updatedAt, id],
        );
        return next;
      }),
    async deleteSubscription(id) {
      const result = await query('DELETE FROM webhook_subscriptions WHERE subscription_id = $1', [id]);
      return (result.rowCount ?? 0) > 0;
    },
    async getSubscription(id) {
      const result = await query('SELECT * FROM webhook_subscriptions WHERE subscription_id = $1', [id]);
      return result.rows.length === 0 ? undefined : subscriptionOf(result.rows[0]);
    },
    async listSubscriptions() {
      const result = await query('SELECT * FROM webhook_subscriptions ORDER BY created_at, subscription_id');
      return result.rows.map(subscriptionOf);
    },
    rotateSecret: (id, rotation) =>
      withTransaction(pool, async (client) => {
        const found = await client.query(
          'SELECT * FROM webhook_subscriptions WHERE subscription_id = $1 FOR UPDATE',
          [id],
        );
        if (found.rows.length === 0) return undefined;
        const current = subscriptionOf(found.rows[0]);
        const previous =
          rotation.previousExpiresAt === null
            ? undefined
            : { secret: current.secret, expiresAt: rotation.previousExpiresAt };
        await client.query(
          `UPDATE webhook_subscriptions SET secret = $1, previous_secret = $2, previous_secret_expires_at = $3,
             updated_at = $4 WHERE subscription_id = $5`,
          [rotation.secret, previous?.secret ?? null, previous?.expiresAt ?? null, rotation.updatedAt, id],
        );
        const { previousSecret: _replaced, ...rest } = current;
        return {
          ...rest,
          secret: rotation.secret,
          updatedAt: rotation.updatedAt,
          ...(previous ? { previousSecret: previous } : {}),
        };
      }),
    async dropExpiredSecrets(at) {
      const result = await query(
        `UPDATE webhook_subscriptions SET previous_secret = NULL, previous_secret_expires_at = NULL
         WHERE previous_secret_expires_at <= $1`,
        [at],
      );
      return result.rowCount ?? 0;
    },
    pruneDeadLetters: ({ failedBefore, keepPerSubscription }) =>
      withTransaction(pool, async (client) => {
        const byAge = await client.query(
          `DELETE FROM webhook_deliveries WHERE status = 'dead' AND updated_at < $1`,
          [failedBefore],
        );
        // Each subscription's newest dead letters are kept; the rest, oldest first, go.
        const byCount = await client.query(
          `DELETE FROM webhook_deliveries WHERE delivery_id IN (
             SELECT delivery_id FROM (
               SELECT delivery_id, row_number() OVER (
                 PARTITION BY subscription_id ORDER BY updated_at DESC, delivery_id DESC) AS newest
               FROM webhook_deliveries WHERE status = 'dead') AS ranked
             WHERE newest > $1)`,
          [keepPerSubscription],
        );
        return (byAge.rowCount ?? 0) + (byCount.rowCount ?? 0);
      }),
    async enqueue(deliveries) {
      if (deliveries.length === 0) return;
      const values: unknown[] = [];
      const rows = deliveries.map((delivery, index) => {
        values.push(
          delivery.id,
          delivery.subscriptionId,
          delivery.eventId,
          WebhookEventTypeSchema.parse(delivery.eventType),
          delivery.body,
          delivery.nextAttemptAtMs,
          delivery.createdAt,
        );
        const at = index * 7;
        return `($${at + 1}, $${at + 2}, $${at + 3}, $${at + 4}, $${at + 5}, 'pending', 0, $${at + 6}, NULL, $${at + 7}, $${at + 7})`;
      });
      // One statement: all of an event's deliveries are stored or none.
      await query(
        `INSERT INTO webhook_deliveries (delivery_id, subscription_id, event_id, event_type, body, status, attempts,
           next_attempt_at_ms, last_error, created_at, updated_at) VALUES ${rows.join(', ')}`,
        values,
      );
    },
    async due(nowMs, limit) {
      const result = await query(
        `SELECT * FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at_ms <= $1
         ORDER BY next_attempt_at_ms, delivery_id LIMIT $2`,
        [nowMs, limit],
      );
      return result.rows.map(deliveryOf);
    },
    async nextDueAtMs(afterMs) {
      const result = await query(
        `SELECT min(next_attempt_at_ms) AS due FROM webhook_deliveries
         WHERE status = 'pending' AND next_attempt_at_ms > $1`,
        [afterMs],
      );
      const due = (result.rows[0] as { due: string | null } | undefined)?.due;
      return due === null || due === undefined ? undefined : Number(due);
    },
    async complete(id) {
      await query('DELETE FROM webhook_deliveries WHERE delivery_id = $1', [id]);
    },
    async reschedule(id, outcome) {
      await query(
        `UPDATE webhook_deliveries SET attempts = $1, next_attempt_at_ms = $2, last_error = $3, updated_at = $4
         WHERE delivery_id = $5 AND status = 'pending'`,
        [outcome.attempts, outcome.nextAttemptAtMs, outcome.lastError, outcome.at, id],
      );
    },
    async bury(id, outcome) {
      await query(
        `UPDATE webhook_deliveries SET status = 'dead', attempts = $1, last_error = $2, updated_at = $3
         WHERE delivery_id = $4 AND status = 'pending'`,
        [outcome.attempts, outcome.lastError, outcome.at, id],
      );
    },
    async deadLetters({ limit }) {
      const result = await query(
        `SELECT * FROM webhook_deliveries WHERE status = 'dead' ORDER BY updated_at DESC, delivery_id DESC LIMIT $1`,
        [limit],
      );
      return result.rows.map(deliveryOf);
    },
    async revive(id, nowMs, at) {
      const result = await query(
        `UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_attempt_at_ms = $1, updated_at = $2
         WHERE delivery_id = $3 AND status = 'dead'`,
        [nowMs, at, id],
      );
      return (result.rowCount ?? 0) > 0;
    },
    async discard(id) {
      const result = await query(
        `DELETE FROM webhook_deliveries WHERE delivery_id = $1 AND status = 'dead'`,
        [id],
      );
      return (result.rowCount ?? 0) > 0;
    },
    async pendingCount() {
      const result = await query(
        `SELECT count(*)::int AS total FROM webhook_deliveries WHERE status = 'pending'`,
      );
      return (result.rows[0] as { total: number }).total;
    },
  };
}

function subscriptionOf(raw: unknown): StoredWebhookSubscription {
  const row = SubscriptionRowSchema.parse(raw);
  return {
    ...WebhookSubscriptionSchema.parse({
      id: row.subscription_id,
      url: row.url,
      events: row.events,
      active: row.active,
      description: row.description,
      createdAt: row.created_at,
      createdBy: row.created_by,
      updatedAt: row.updated_at,
    }),
    secret: row.secret,
    ...(row.previous_secret === null || row.previous_secret_expires_at === null
      ? {}
      : { previousSecret: { secret: row.previous_secret, expiresAt: row.previous_secret_expires_at } }),
  };
}

function deliveryOf(raw: unknown): WebhookDelivery {
  const row = DeliveryRowSchema.parse(raw);
  return WebhookDeliverySchema.parse({
    id: row.delivery_id,
    subscriptionId: row.subscription_id,
    eventId: row.event_id,
    eventType: row.event_type,
    body: row.body,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAtMs: row.next_attempt_at_ms,
    lastError: row.last_error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}
