import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { LivedeskError } from '../../knowledge/errors.js';
import { WebhookDeliverySchema, type WebhookDelivery } from '../../server/webhooks/webhook-delivery.js';
import { WebhookEventTypeSchema } from '../../server/webhooks/webhook-event.js';
import type { WebhookStore } from '../../server/webhooks/webhook-store.js';
import {
  WebhookSubscriptionSchema,
  type StoredWebhookSubscription,
} from '../../server/webhooks/webhook-subscription.js';
import { mapSqliteError } from './map-sqlite-error.js';

const SubscriptionRowSchema = z.object({
  subscription_id: z.string(),
  url: z.string(),
  events: z.string(),
  active: z.number(),
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
  next_attempt_at_ms: z.number(),
  last_error: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});

/** Webhook subscriptions and the delivery outbox in the Livedesk SQLite file. */
export function createSqliteWebhookStore(options: { database: Database }): WebhookStore {
  const { database } = options;
  const insertSubscription = database.prepare(
    `INSERT INTO webhook_subscriptions
       (subscription_id, url, events, active, description, secret, created_at, created_by, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const selectSubscription = database.prepare(
    'SELECT * FROM webhook_subscriptions WHERE subscription_id = ?',
  );
  const selectSubscriptions = database.prepare(
    'SELECT * FROM webhook_subscriptions ORDER BY created_at, subscription_id',
  );
  const writeSubscription = database.prepare(
    `UPDATE webhook_subscriptions SET url = ?, events = ?, active = ?, description = ?, secret = ?, updated_at = ?
     WHERE subscription_id = ?`,
  );
  const deleteSubscription = database.prepare('DELETE FROM webhook_subscriptions WHERE subscription_id = ?');
  const writeSecrets = database.prepare(
    `UPDATE webhook_subscriptions SET secret = ?, previous_secret = ?, previous_secret_expires_at = ?, updated_at = ?
     WHERE subscription_id = ?`,
  );
  const dropExpiredSecrets = database.prepare(
    `UPDATE webhook_subscriptions SET previous_secret = NULL, previous_secret_expires_at = NULL
     WHERE previous_secret_expires_at <= ?`,
  );
  const pruneDeadByAge = database.prepare(
    `DELETE FROM webhook_deliveries WHERE status = 'dead' AND updated_at < ?`,
  );
  // Each subscription's newest dead letters are kept; the rest, oldest first, go.
  const pruneDeadByCount = database.prepare(
    `DELETE FROM webhook_deliveries WHERE delivery_id IN (
       SELECT delivery_id FROM (
         SELECT delivery_id, row_number() OVER (
           PARTITION BY subscription_id ORDER BY updated_at DESC, delivery_id DESC) AS newest
         FROM webhook_deliveries WHERE status = 'dead')
       WHERE newest > ?)`,
  );
  const insertDelivery = database.prepare(
    `INSERT INTO webhook_deliveries (delivery_id, subscription_id, event_id, event_type, body, status, attempts,
       next_attempt_at_ms, last_error, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, NULL, ?, ?)`,
  );
  const selectDue = database.prepare(
    `SELECT * FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at_ms <= ?
     ORDER BY next_attempt_at_ms, delivery_id LIMIT ?`,
  );
  const selectNextDue = database.prepare<[number], { due: number | null }>(
    `SELECT min(next_attempt_at_ms) AS due FROM webhook_deliveries
     WHERE status = 'pending' AND next_attempt_at_ms > ?`,
  );
  const deleteDelivery = database.prepare('DELETE FROM webhook_deliveries WHERE delivery_id = ?');
  const reschedule = database.prepare(
    `UPDATE webhook_deliveries SET attempts = ?, next_attempt_at_ms = ?, last_error = ?, updated_at = ?
     WHERE delivery_id = ? AND status = 'pending'`,
  );
  const bury = database.prepare(
    `UPDATE webhook_deliveries SET status = 'dead', attempts = ?, last_error = ?, updated_at = ?
     WHERE delivery_id = ? AND status = 'pending'`,
  );
  const selectDead = database.prepare(
    `SELECT * FROM webhook_deliveries WHERE status = 'dead' ORDER BY updated_at DESC, delivery_id DESC LIMIT ?`,
  );
  const revive = database.prepare(
    `UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_attempt_at_ms = ?, updated_at = ?
     WHERE delivery_id = ? AND status = 'dead'`,
  );
  const discard = database.prepare(
    `DELETE FROM webhook_deliveries WHERE delivery_id = ? AND status = 'dead'`,
  );
  const countPending = database.prepare<[], { total: number }>(
    `SELECT count(*) AS total FROM webhook_deliveries WHERE status = 'pending'`,
  );
  const enqueueAll = database.transaction((rows: Parameters<WebhookStore['enqueue']>[0]) => {
    for (const row of rows) {
      insertDelivery.run(
        row.id,
        row.subscriptionId,
        row.eventId,
        WebhookEventTypeSchema.parse(row.eventType),
        row.body,
        row.nextAttemptAtMs,
        row.createdAt,
        row.createdAt,
      );
    }
  });
  const update = database.transaction(
    (id: string, patch: Parameters<WebhookStore['updateSubscription']>[1], updatedAt: string) => {
      const row = selectSubscription.get(id);
      if (row === undefined) return undefined;
      const current = subscriptionOf(row);
      const next: StoredWebhookSubscription = {
        ...current,
        ...(patch.url === undefined ? {} : { url: patch.url }),
        ...(patch.events === undefined ? {} : { events: patch.events }),
        ...(patch.active === undefined ? {} : { active: patch.active }),
        ...(patch.description === undefined ? {} : { description: patch.description }),
        ...(patch.secret === undefined ? {} : { secret: patch.secret }),
        updatedAt,
      };
      writeSubscription.run(
        next.url,
        JSON.stringify(next.events),
        next.active ? 1 : 0,
        next.description,
        next.secret,
        updatedAt,
        id,
      );
      return next;
    },
  );

  const rotate = database.transaction((id: string, rotation: Parameters<WebhookStore['rotateSecret']>[1]) => {
    const row = selectSubscription.get(id);
    if (row === undefined) return undefined;
    const current = subscriptionOf(row);
    const previous =
      rotation.previousExpiresAt === null
        ? undefined
        : { secret: current.secret, expiresAt: rotation.previousExpiresAt };
    writeSecrets.run(
      rotation.secret,
      previous?.secret ?? null,
      previous?.expiresAt ?? null,
      rotation.updatedAt,
      id,
    );
    const next: StoredWebhookSubscription = {
      ...current,
      secret: rotation.secret,
      previousSecret: previous,
      updatedAt: rotation.updatedAt,
    };
    if (!previous) delete next.previousSecret;
    return next;
  });
  const prune = database.transaction((failedBefore: string, keepPerSubscription: number) => {
    return pruneDeadByAge.run(failedBefore).changes + pruneDeadByCount.run(keepPerSubscription).changes;
  });

  return {
    createSubscription: (subscription) =>
      run(() => {
        const parsed = { ...WebhookSubscriptionSchema.parse(subscription), secret: subscription.secret };
        try {
          insertSubscription.run(
            parsed.id,
            parsed.url,
            JSON.stringify(parsed.events),
            parsed.active ? 1 : 0,
            parsed.description,
            parsed.secret,
            parsed.createdAt,
            parsed.createdBy,
            parsed.updatedAt,
          );
        } catch (error) {
          if ((error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
            throw new LivedeskError('conflict', `webhook ${parsed.id} exists already`);
          throw error;
        }
      }),
    updateSubscription: (id, patch, updatedAt) => run(() => update.immediate(id, patch, updatedAt)),
    deleteSubscription: (id) => run(() => deleteSubscription.run(id).changes > 0),
    getSubscription: (id) =>
      run(() => {
        const row = selectSubscription.get(id);
        return row === undefined ? undefined : subscriptionOf(row);
      }),
    listSubscriptions: () => run(() => selectSubscriptions.all().map(subscriptionOf)),
    rotateSecret: (id, rotation) => run(() => rotate.immediate(id, rotation)),
    dropExpiredSecrets: (at) => run(() => dropExpiredSecrets.run(at).changes),
    pruneDeadLetters: ({ failedBefore, keepPerSubscription }) =>
      run(() => prune.immediate(failedBefore, keepPerSubscription)),
    enqueue: (deliveries) => run(() => enqueueAll.immediate(deliveries)),
    due: (nowMs, limit) => run(() => selectDue.all(nowMs, limit).map(deliveryOf)),
    nextDueAtMs: (afterMs) => run(() => selectNextDue.get(afterMs)?.due ?? undefined),
    complete: (id) => run(() => void deleteDelivery.run(id)),
    reschedule: (id, outcome) =>
      run(
        () =>
          void reschedule.run(outcome.attempts, outcome.nextAttemptAtMs, outcome.lastError, outcome.at, id),
      ),
    bury: (id, outcome) => run(() => void bury.run(outcome.attempts, outcome.lastError, outcome.at, id)),
    deadLetters: ({ limit }) => run(() => selectDead.all(limit).map(deliveryOf)),
    revive: (id, nowMs, at) => run(() => revive.run(nowMs, at, id).changes > 0),
    discard: (id) => run(() => discard.run(id).changes > 0),
    pendingCount: () => run(() => countPending.get()!.total),
  };
}

function subscriptionOf(raw: unknown): StoredWebhookSubscription {
  const row = SubscriptionRowSchema.parse(raw);
  return {
    ...WebhookSubscriptionSchema.parse({
      id: row.subscription_id,
      url: row.url,
      events: JSON.parse(row.events) as unknown,
      active: row.active === 1,
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

function run<T>(operation: () => T): Promise<T> {
  try {
    return Promise.resolve(operation());
  } catch (error) {
    return Promise.reject(mapSqliteError(error));
  }
}
