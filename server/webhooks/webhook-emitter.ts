import { randomUUID } from 'node:crypto';
import type { Logger } from '../logging/logger.js';
import { WebhookEventTypeSchema, type WebhookBody, type WebhookEvent } from './webhook-event.js';
import type { NewWebhookDelivery } from './webhook-delivery.js';
import type { WebhookStore } from './webhook-store.js';
import type { StoredWebhookSubscription } from './webhook-subscription.js';

/** The port other parts of the server call (contracts.md): never blocks, never throws. */
export interface WebhookEmitter {
  emit(event: WebhookEvent): void;
}

export interface WebhookOutboxWriter extends WebhookEmitter {
  /** Resolves once every event emitted so far is in the outbox (shutdown, tests). */
  flush(): Promise<void>;
}

/**
 * Stores each event in the durable outbox, one delivery per active subscription that asked for its type,
 * in one write; the dispatcher (maybe on another node: the leader) sends them. Runs after the caller returns.
 */
export function createWebhookEmitter(options: {
  store: Pick<WebhookStore, 'listSubscriptions' | 'enqueue'>;
  clock?: (() => Date) | undefined;
  newId?: (() => string) | undefined;
  /** Called once an event's deliveries are stored (the dispatcher's `wake`). */
  onEnqueued?: (() => void) | undefined;
  logger?: Logger | undefined;
}): WebhookOutboxWriter {
  const clock = options.clock ?? (() => new Date());
  const newId = options.newId ?? (() => randomUUID().replaceAll('-', ''));
  const pending = new Set<Promise<void>>();

  const deliveriesOf = (
    event: WebhookEvent,
    subscriptions: readonly StoredWebhookSubscription[],
  ): NewWebhookDelivery[] => {
    const type = WebhookEventTypeSchema.safeParse(event.type);
    if (!type.success) {
      options.logger?.error({ type: event.type }, 'webhook event of an unknown type dropped');
      return [];
    }
    const wanted = subscriptions.filter(
      (subscription) => subscription.active && subscription.events.includes(type.data),
    );
    if (wanted.length === 0) return [];
    const body: WebhookBody = {
      id: `evt_${newId()}`,
      type: type.data,
      occurredAt: event.occurredAt,
      data: event.data,
    };
    const text = JSON.stringify(body);
    const now = clock();
    return wanted.map((subscription) => ({
      id: `dl_${newId()}`,
      subscriptionId: subscription.id,
      eventId: body.id,
      eventType: type.data,
      body: text,
      nextAttemptAtMs: now.getTime(),
      createdAt: now.toISOString(),
    }));
  };

  // Events emitted in the same turn of the event loop are stored in one write (one commit, not one each).
  let batch: WebhookEvent[] = [];
  const store = async (events: readonly WebhookEvent[]): Promise<void> => {
    const subscriptions = await options.store.listSubscriptions();
    const deliveries = events.flatMap((event) => deliveriesOf(event, subscriptions));
    if (deliveries.length === 0) return;
    await options.store.enqueue(deliveries);
    options.onEnqueued?.();
  };

  return {
    emit(event) {
      batch.push(event);
      if (batch.length > 1) return;
      const task = new Promise<void>((resolve) => setImmediate(resolve))
        .then(() => {
          const events = batch;
          batch = [];
          return store(events).catch((error: unknown) =>
            options.logger?.error(
              { error, types: events.map((stored) => stored.type) },
              'webhook events not stored in the outbox',
            ),
          );
        })
        .finally(() => pending.delete(task));
      pending.add(task);
    },
    async flush() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}
