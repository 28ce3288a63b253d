import type { Redis } from 'ioredis';
import type { BusSubscriber, ClusterBus, JsonValue, Unsubscribe } from '../../server/cluster/bus.js';
import { createBusSubscriptions } from '../../server/cluster/bus-subscriptions.js';
import { mapRedisError } from './map-redis-error.js';

export interface RedisBusOptions {
  /** The node's command connection (from `openRedisClient`): it publishes. Its owner closes it. */
  redis: Redis;
  /** Put before every channel name, so two deployments (or two tests) on one Redis never hear each other. */
  channelPrefix?: string | undefined;
  /** The subscriber connection's name in `CLIENT LIST`. */
  connectionName?: string | undefined;
  /** A subscriber's bad message or failing handler, or a subscriber connection error. Default: standard error. */
  onError?: ((error: Error, context: { channel?: string }) => void) | undefined;
}

/**
 * The bus over Redis pub/sub. Publishing goes over the node's command connection; subscribing needs a
 * connection of its own (one in subscribe mode takes no other commands), which this bus opens and closes.
 * Each channel is subscribed once however many local subscribers it has. After a lost connection the
 * subscriber reconnects and subscribes again; messages sent in between are lost, which is why the bus is
 * unhealthy until then and `onStateChange(true)` is the cue to catch up from the shared store.
 */
export async function openRedisBus(options: RedisBusOptions): Promise<ClusterBus> {
  const prefix = options.channelPrefix ?? 'livedesk:';
  const onError =
    options.onError ?? ((error, context) => console.error('redis bus failed', { ...context, error }));
  const publisher = options.redis;
  const subscriber = publisher.duplicate({
    lazyConnect: true,
    autoResubscribe: false,
    ...(options.connectionName === undefined ? {} : { connectionName: options.connectionName }),
  });
  const subscriptions = createBusSubscriptions({ onError });
  /** Channels whose SUBSCRIBE is on its way: a second local subscriber waits for the same reply. */
  const pending = new Map<string, Promise<void>>();
  const listeners = new Set<(healthy: boolean) => void>();
  let resubscribed = false;
  let reported = false;
  let closed = false;

  const healthy = () =>
    !closed && resubscribed && publisher.status === 'ready' && subscriber.status === 'ready';
  const update = () => {
    const now = healthy();
    if (now === reported) return;
    reported = now;
    for (const listener of [...listeners]) listener(now);
  };

  subscriber.on('error', (error: Error) => onError(error, {}));
  subscriber.on('message', (channel: string, raw: string) => {
    if (channel.startsWith(prefix)) subscriptions.deliver(channel.slice(prefix.length), raw);
  });
  subscriber.on('ready', () => {
    const channels = subscriptions.channels().map((channel) => prefix + channel);
    const done = () => {
      resubscribed = true;
      update();
    };
    if (channels.length === 0) {
      done();
      return;
    }
    subscriber.subscribe(...channels).then(done, (error: unknown) => onError(mapRedisError(error), {}));
  });
  for (const connection of [publisher, subscriber]) {
    for (const event of ['ready', 'close', 'end', 'reconnecting']) {
      connection.on(event, () => {
        if (event !== 'ready' && connection === subscriber) resubscribed = false;
        update();
      });
    }
  }

  try {
    await subscriber.connect();
  } catch (error) {
    subscriber.disconnect();
    throw mapRedisError(error);
  }
  // The ready handler's (empty) resubscription finishes on a later tick; wait for it, briefly.
  await new Promise<void>((resolve) => setImmediate(resolve));
  update();

  const subscribeRemote = (channel: string): Promise<void> => {
    // While the connection is down the channel is subscribed on reconnect, with all the others.
    if (subscriber.status !== 'ready') return Promise.resolve();
    const request: Promise<void> = subscriber
      .subscribe(prefix + channel)
      .then(
        () => undefined,
        (error: unknown) => onError(mapRedisError(error), { channel }),
      )
      .finally(() => {
        if (pending.get(channel) === request) pending.delete(channel);
      });
    pending.set(channel, request);
    return request;
  };
  const unsubscribeRemote = (channel: string) => {
    if (subscriber.status !== 'ready') return;
    subscriber
      .unsubscribe(prefix + channel)
      .catch((error: unknown) => onError(mapRedisError(error), { channel }));
  };

  return {
    async publish(channel: string, message: JsonValue) {
      try {
        return await publisher.publish(prefix + channel, JSON.stringify(message));
      } catch (error) {
        throw mapRedisError(error);
      }
    },
    async subscribe<T>(channel: string, busSubscriber: BusSubscriber<T>): Promise<Unsubscribe> {
      const { first, unsubscribe } = subscriptions.add(channel, busSubscriber, unsubscribeRemote);
      if (first) await subscribeRemote(channel);
      else await pending.get(channel);
      return unsubscribe;
    },
    healthy,
    onStateChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      if (closed) return;
      closed = true;
      update();
      listeners.clear();
      await subscriber.quit().catch(() => subscriber.disconnect());
    },
  };
}
