import { randomBytes } from 'node:crypto';
import type { WebhookDelivery } from './webhook-delivery.js';
import { DEFAULT_SECRET_GRACE_SECONDS } from './webhook-settings.js';
import type { WebhookStore } from './webhook-store.js';
import type {
  StoredWebhookSubscription,
  WebhookSubscription,
  WebhookSubscriptionInput,
  WebhookSubscriptionPatch,
} from './webhook-subscription.js';
import { checkWebhookUrl, type WebhookUrlPolicy } from './webhook-url-policy.js';

export type AdminOutcome<T> =
  { ok: true; value: T } | { ok: false; code: 'not_found' | 'invalid_input'; message: string };

/** A dead letter as the admin shows it: which event, which receiver, the last error. */
export interface DeadLetter {
  id: string;
  subscriptionId: string;
  eventId: string;
  eventType: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  failedAt: string;
}

export interface WebhookAdmin {
  list(): Promise<WebhookSubscription[]>;
  /** The new subscription and its secret: the only time the secret is shown. */
  create(
    input: WebhookSubscriptionInput,
    by: string,
  ): Promise<AdminOutcome<{ subscription: WebhookSubscription; secret: string }>>;
  update(id: string, patch: WebhookSubscriptionPatch): Promise<AdminOutcome<WebhookSubscription>>;
  remove(id: string): Promise<boolean>;
  /**
   * A new secret, shown once; the old one still signs deliveries beside it for the grace period
   * (`secretGraceSeconds`), then is dropped.
   */
  rotateSecret(id: string): Promise<AdminOutcome<{ subscription: WebhookSubscription; secret: string }>>;
  deadLetters(limit: number): Promise<DeadLetter[]>;
  pendingCount(): Promise<number>;
  retry(deliveryId: string): Promise<boolean>;
  discard(deliveryId: string): Promise<boolean>;
}

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

function newSubscriptionId(): string {
  return `wh_${randomBytes(12).toString('hex')}`;
}

/** What the admin routes do, over the store: URLs checked against the policy, secrets made here. */
export function createWebhookAdmin(options: {
  store: WebhookStore;
  policy: WebhookUrlPolicy;
  clock?: (() => Date) | undefined;
  /** How long a rotated-out secret keeps signing (LIVEDESK_WEBHOOK_SECRET_GRACE_SECONDS); default 24 h. */
  secretGraceSeconds?: number | undefined;
  /** A retried dead letter is due now: wake the dispatcher. */
  onRevived?: (() => void) | undefined;
}): WebhookAdmin {
  const { store, policy } = options;
  const now = () => (options.clock ?? (() => new Date()))();
  const checkUrl = async (url: string): Promise<AdminOutcome<string>> => {
    const check = await checkWebhookUrl(url, policy, { signal: AbortSignal.timeout(5_000) });
    return check.ok
      ? { ok: true, value: check.url.href }
      : { ok: false, code: 'invalid_input', message: check.message };
  };
  return {
    async list() {
      const at = now().toISOString();
      // A grace period that ended is not shown, even before the next pruning drops its secret.
      return (await store.listSubscriptions()).map((stored) =>
        withoutSecret(
          stored.previousSecret && stored.previousSecret.expiresAt <= at
            ? { ...stored, previousSecret: undefined }
            : stored,
        ),
      );
    },
    async create(input, by) {
      const url = await checkUrl(input.url);
      if (!url.ok) return url;
      const at = now().toISOString();
      const secret = newWebhookSecret();
      const stored: StoredWebhookSubscription = {
        id: newSubscriptionId(),
        url: url.value,
        events: input.events,
        active: input.active,
        description: input.description,
        secret,
        createdAt: at,
        createdBy: by,
        updatedAt: at,
      };
      await store.createSubscription(stored);
      return { ok: true, value: { subscription: withoutSecret(stored), secret } };
    },
    async update(id, patch) {
      let url: string | undefined;
      if (patch.url !== undefined) {
        const checked = await checkUrl(patch.url);
        if (!checked.ok) return checked;
        url = checked.value;
      }
      const updated = await store.updateSubscription(
        id,
        { ...patch, ...(url ? { url } : {}) },
        now().toISOString(),
      );
      return updated ? { ok: true, value: withoutSecret(updated) } : notFound(id);
    },
    remove: (id) => store.deleteSubscription(id),
    async rotateSecret(id) {
      const secret = newWebhookSecret();
      const at = now();
      const graceSeconds = options.secretGraceSeconds ?? DEFAULT_SECRET_GRACE_SECONDS;
      const updated = await store.rotateSecret(id, {
        secret,
        previousExpiresAt:
          graceSeconds > 0 ? new Date(at.getTime() + graceSeconds * 1000).toISOString() : null,
        updatedAt: at.toISOString(),
      });
      return updated ? { ok: true, value: { subscription: withoutSecret(updated), secret } } : notFound(id);
    },
    async deadLetters(limit) {
      return (await store.deadLetters({ limit })).map(deadLetterOf);
    },
    pendingCount: () => store.pendingCount(),
    async retry(deliveryId) {
      const at = now();
      const revived = await store.revive(deliveryId, at.getTime(), at.toISOString());
      if (revived) options.onRevived?.();
      return revived;
    },
    discard: (deliveryId) => store.discard(deliveryId),
  };
}

function notFound(id: string): AdminOutcome<never> {
  return { ok: false, code: 'not_found', message: `no webhook ${id}` };
}

function withoutSecret(stored: StoredWebhookSubscription): WebhookSubscription {
  const { secret: _secret, previousSecret, ...subscription } = stored;
  return previousSecret
    ? { ...subscription, previousSecretExpiresAt: previousSecret.expiresAt }
    : subscription;
}

function deadLetterOf(delivery: WebhookDelivery): DeadLetter {
  return {
    id: delivery.id,
    subscriptionId: delivery.subscriptionId,
    eventId: delivery.eventId,
    eventType: delivery.eventType,
    attempts: delivery.attempts,
    lastError: delivery.lastError,
    createdAt: delivery.createdAt,
    failedAt: delivery.updatedAt,
  };
}
