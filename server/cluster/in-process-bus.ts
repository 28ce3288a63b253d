import type { ClusterBus, JsonValue } from './bus.js';
import { createBusSubscriptions } from './bus-subscriptions.js';

export interface InProcessBusOptions {
  /** A subscriber's bad message or failing handler; default: written to standard error. */
  onError?: ((error: Error, context: { channel: string }) => void) | undefined;
}

/**
 * The single-node bus: every subscriber is in this process. Messages still go through JSON and arrive on a
 * later microtask, in publish order, as they would from Redis, so code written against it behaves the same
 * in a cluster (no shared objects, no re-entrant delivery inside `publish`).
 */
export function createInProcessBus(options: InProcessBusOptions = {}): ClusterBus {
  const onError =
    options.onError ?? ((error, context) => console.error('bus subscriber failed', { ...context, error }));
  const subscriptions = createBusSubscriptions({ onError });
  let closed = false;
  return {
    publish(channel: string, message: JsonValue) {
      if (closed) return Promise.reject(new Error('the bus is closed'));
      const raw = JSON.stringify(message);
      const receivers = subscriptions.has(channel) ? 1 : 0;
      queueMicrotask(() => subscriptions.deliver(channel, raw));
      return Promise.resolve(receivers);
    },
    subscribe(channel, subscriber) {
      const { unsubscribe } = subscriptions.add(channel, subscriber, () => undefined);
      return Promise.resolve(unsubscribe);
    },
    healthy: () => !closed,
    onStateChange: () => () => undefined,
    close() {
      closed = true;
      return Promise.resolve();
    },
  };
}
