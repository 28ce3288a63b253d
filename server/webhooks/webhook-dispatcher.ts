import type { Logger } from '../logging/logger.js';
import { attemptDelivery } from './attempt-delivery.js';
import { retryDelayMs } from './retry-delay.js';
import { signingSecretsAt } from './signing-secrets.js';
import type { WebhookDelivery } from './webhook-delivery.js';
import type { WebhookSettings } from './webhook-settings.js';
import type { WebhookStore } from './webhook-store.js';

export interface WebhookDispatcher {
  /** Starts reading the outbox (the process in single-node mode, the leader in a cluster). */
  start(): void;
  /** Something was enqueued or revived: look now rather than at the next poll. */
  wake(): void;
  /** Stops reading; attempts in flight are aborted and stay pending for the next start. */
  stop(): Promise<void>;
  readonly running: boolean;
}

export interface WebhookDispatcherOptions {
  store: WebhookStore;
  settings: WebhookSettings;
  clock?: (() => Date) | undefined;
  random?: (() => number) | undefined;
  logger?: Logger | undefined;
}

/**
 * Delivers the outbox in the background: at most `concurrency` POSTs at once, each a promise of its own, so
 * nothing waits on a receiver (not the turn that caused the event, not the event loop). A failed attempt
 * is rescheduled with back-off or, after `maxAttempts` or a refusal, kept as a dead letter.
 */
export function createWebhookDispatcher(options: WebhookDispatcherOptions): WebhookDispatcher {
  const { store, settings, logger } = options;
  const now = () => (options.clock ?? (() => new Date()))();
  const inFlight = new Map<string, Promise<void>>();
  let stopper: AbortController | undefined;
  let timer: NodeJS.Timeout | undefined;
  let reading: Promise<void> | undefined;
  let readAgain = false;
  // Attempts that ended while the outbox was being read: that read may predate their completion and
  // still list them as due, so they must not start again from it (it sent one event twice under load).
  const endedDuringRead = new Set<string>();

  const schedule = (delayMs: number): void => {
    if (!stopper) return;
    clearTimeout(timer);
    timer = setTimeout(() => wake(), Math.max(0, Math.min(delayMs, settings.pollIntervalMs)));
    timer.unref();
  };

  const wake = (): void => {
    if (!stopper) return;
    if (reading) {
      readAgain = true;
      return;
    }
    reading = fill()
      .catch((error: unknown) => {
        logger?.error({ error }, 'webhook outbox read failed');
        schedule(settings.pollIntervalMs);
      })
      .finally(() => {
        reading = undefined;
        if (readAgain) {
          readAgain = false;
          wake();
        }
      });
  };

  const fill = async (): Promise<void> => {
    const signal = stopper?.signal;
    if (!signal || signal.aborted) return;
    const room = settings.concurrency - inFlight.size;
    if (room > 0) {
      // In-flight ones are still pending in the store: ask for enough to skip them.
      endedDuringRead.clear();
      const due = await store.due(now().getTime(), room + inFlight.size);
      const startable = due.filter((found) => !inFlight.has(found.id) && !endedDuringRead.has(found.id));
      endedDuringRead.clear();
      for (const delivery of startable.slice(0, room)) {
        const attempt = deliver(delivery, signal).finally(() => {
          inFlight.delete(delivery.id);
          if (reading) endedDuringRead.add(delivery.id);
          wake();
        });
        inFlight.set(delivery.id, attempt);
      }
    }
    // Due ones not started now (no room) start when an attempt ends, which wakes this; later ones on time.
    const nowMs = now().getTime();
    const next = await store.nextDueAtMs(nowMs);
    schedule(next === undefined ? settings.pollIntervalMs : next - nowMs);
  };

  const deliver = async (delivery: WebhookDelivery, signal: AbortSignal): Promise<void> => {
    try {
      const subscription = await store.getSubscription(delivery.subscriptionId);
      const at = now();
      const attempts = delivery.attempts + 1;
      if (!subscription) return; // deleted meanwhile: its deliveries went with it
      if (!subscription.active) {
        await store.bury(delivery.id, {
          attempts: delivery.attempts,
          lastError: 'the webhook is paused',
          at: at.toISOString(),
        });
        return;
      }
      const outcome = await attemptDelivery({
        url: subscription.url,
        secret: signingSecretsAt(subscription, at),
        eventId: delivery.eventId,
        body: delivery.body,
        policy: settings,
        timeoutMs: settings.timeoutMs,
        nowMs: at.getTime(),
        signal,
      });
      const doneAt = now();
      const fields = {
        deliveryId: delivery.id,
        subscriptionId: subscription.id,
        eventType: delivery.eventType,
        attempts,
      };
      switch (outcome.kind) {
        case 'stopped':
          return;
        case 'delivered':
          await store.complete(delivery.id);
          logger?.debug({ ...fields, status: outcome.status }, 'webhook delivered');
          return;
        case 'failed':
          await store.bury(delivery.id, { attempts, lastError: outcome.error, at: doneAt.toISOString() });
          logger?.warn({ ...fields, error: outcome.error }, 'webhook refused: kept as a dead letter');
          return;
        case 'retry': {
          if (attempts >= settings.maxAttempts) {
            await store.bury(delivery.id, { attempts, lastError: outcome.error, at: doneAt.toISOString() });
            logger?.warn(
              { ...fields, error: outcome.error },
              'webhook failed every attempt: kept as a dead letter',
            );
            return;
          }
          const delayMs = retryDelayMs({
            attempts,
            baseMs: settings.retryBaseMs,
            maxMs: settings.retryMaxMs,
            retryAfterMs: outcome.retryAfterMs,
            ...(options.random ? { random: options.random } : {}),
          });
          await store.reschedule(delivery.id, {
            attempts,
            nextAttemptAtMs: doneAt.getTime() + delayMs,
            lastError: outcome.error,
            at: doneAt.toISOString(),
          });
          logger?.info({ ...fields, error: outcome.error, delayMs }, 'webhook attempt failed: retrying');
          return;
        }
        default: {
          const unknown: never = outcome;
          throw new Error(`unknown outcome ${JSON.stringify(unknown)}`);
        }
      }
    } catch (error) {
      // The store failed: the delivery stays pending as it was and is tried again at the next read.
      logger?.error({ error, deliveryId: delivery.id }, 'webhook delivery bookkeeping failed');
    }
  };

  return {
    start() {
      if (stopper) return;
      stopper = new AbortController();
      wake();
    },
    wake,
    async stop() {
      const current = stopper;
      if (!current) return;
      stopper = undefined;
      clearTimeout(timer);
      current.abort();
      await reading;
      await Promise.allSettled([...inFlight.values()]);
    },
    get running() {
      return stopper !== undefined;
    },
  };
}
