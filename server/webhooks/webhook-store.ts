import type { StoredWebhookSubscription, WebhookSubscriptionPatch } from './webhook-subscription.js';
import type { NewWebhookDelivery, WebhookDelivery } from './webhook-delivery.js';

/** The subscriptions admins manage. */
export interface WebhookSubscriptionStore {
  /** Fails with `conflict` when the id is taken. */
  createSubscription(subscription: StoredWebhookSubscription): Promise<void>;
  /** Undefined when there is no such subscription. */
  updateSubscription(
    id: string,
    patch: WebhookSubscriptionPatch & { secret?: string | undefined },
    updatedAt: string,
  ): Promise<StoredWebhookSubscription | undefined>;
  /** Removes it and every delivery still owed to it; false when there was none. */
  deleteSubscription(id: string): Promise<boolean>;
  getSubscription(id: string): Promise<StoredWebhookSubscription | undefined>;
  /**
   * In one step: `secret` becomes the secret, the one it replaces becomes the previous secret until
   * `previousExpiresAt` (null: dropped at once), and any older previous secret is gone. Undefined when there
   * is no such subscription.
   */
  rotateSecret(
    id: string,
    rotation: { secret: string; previousExpiresAt: string | null; updatedAt: string },
  ): Promise<StoredWebhookSubscription | undefined>;
  /** Forgets previous secrets whose grace ended at or before `at` (ISO time); how many. */
  dropExpiredSecrets(at: string): Promise<number>;
  /** Oldest first. */
  listSubscriptions(): Promise<StoredWebhookSubscription[]>;
}

/** The durable outbox: what was accepted is here until delivered, through restarts. */
export interface WebhookOutbox {
  enqueue(deliveries: readonly NewWebhookDelivery[]): Promise<void>;
  /** Pending deliveries due at `nowMs`, soonest first, at most `limit`. */
  due(nowMs: number, limit: number): Promise<WebhookDelivery[]>;
  /** The earliest time after `afterMs` a pending delivery is due, or undefined when none is. */
  nextDueAtMs(afterMs: number): Promise<number | undefined>;
  /** Delivered: gone from the outbox. */
  complete(id: string): Promise<void>;
  /** Failed with a retry to come. */
  reschedule(
    id: string,
    outcome: { attempts: number; nextAttemptAtMs: number; lastError: string; at: string },
  ): Promise<void>;
  /** Failed for good: kept as a dead letter for an admin to see. */
  bury(id: string, outcome: { attempts: number; lastError: string; at: string }): Promise<void>;
  /** Newest first. */
  deadLetters(options: { limit: number }): Promise<WebhookDelivery[]>;
  /** A dead letter back to pending, due at `nowMs`, with its attempts counted afresh; false when none. */
  revive(id: string, nowMs: number, at: string): Promise<boolean>;
  /** Drops a dead letter; false when there was none. */
  discard(id: string): Promise<boolean>;
  /**
   * Drops dead letters that failed before `failedBefore` (ISO time), then, per subscription, all but the
   * newest `keepPerSubscription`; how many went. Pending deliveries are never touched.
   */
  pruneDeadLetters(options: { failedBefore: string; keepPerSubscription: number }): Promise<number>;
  /** Pending deliveries in all (for the admin and the tests). */
  pendingCount(): Promise<number>;
}

export type WebhookStore = WebhookSubscriptionStore & WebhookOutbox;
