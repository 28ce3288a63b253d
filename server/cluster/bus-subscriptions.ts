import type { BusSubscriber, Unsubscribe } from './bus.js';

type ErasedSubscriber = BusSubscriber<unknown>;

export interface BusSubscriptions {
  /** Adds a subscriber; `first` says the channel had none (the transport must subscribe to it). */
  add<T>(
    channel: string,
    subscriber: BusSubscriber<T>,
    onLast: (channel: string) => void,
  ): {
    first: boolean;
    unsubscribe: Unsubscribe;
  };
  /** Parses a message once and hands it to each subscriber of the channel that accepts it. */
  deliver(channel: string, raw: string): void;
  has(channel: string): boolean;
  channels(): string[];
}

/**
 * The subscribers of one node, by channel: what both bus adapters share. A subscriber's failure (a bad
 * message, a handler that throws) is reported and never reaches the others or the transport.
 */
export function createBusSubscriptions(options: {
  onError: (error: Error, context: { channel: string }) => void;
}): BusSubscriptions {
  const byChannel = new Map<string, Set<ErasedSubscriber>>();
  const report = (subscriber: ErasedSubscriber, error: Error, channel: string) => {
    if (subscriber.onInvalid) subscriber.onInvalid(error);
    else options.onError(error, { channel });
  };
  return {
    add(channel, subscriber, onLast) {
      let set = byChannel.get(channel);
      const first = set === undefined;
      if (!set) {
        set = new Set();
        byChannel.set(channel, set);
      }
      // A fresh wrapper, so one subscriber object passed twice is two subscriptions.
      const entry: ErasedSubscriber = {
        schema: subscriber.schema,
        onMessage: (message) => subscriber.onMessage(message as never),
        onInvalid: subscriber.onInvalid,
      };
      set.add(entry);
      let done = false;
      return {
        first,
        unsubscribe: () => {
          if (done) return;
          done = true;
          const current = byChannel.get(channel);
          if (!current?.delete(entry) || current.size > 0) return;
          byChannel.delete(channel);
          onLast(channel);
        },
      };
    },
    deliver(channel, raw) {
      const set = byChannel.get(channel);
      if (!set) return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch (error) {
        const invalid = new Error('a bus message is not JSON', { cause: error });
        for (const subscriber of set) report(subscriber, invalid, channel);
        return;
      }
      // A copy of the set: a handler may unsubscribe (itself or another) while we go through it.
      for (const subscriber of [...set]) {
        if (!set.has(subscriber)) continue;
        try {
          const result = subscriber.schema.safeParse(parsed);
          if (!result.success) {
            report(
              subscriber,
              new Error('a bus message does not match its schema', { cause: result.error }),
              channel,
            );
            continue;
          }
          subscriber.onMessage(result.data);
        } catch (error) {
          // A handler that throws (or a schema that cannot run) must not stop the others or the transport.
          options.onError(error instanceof Error ? error : new Error(String(error)), { channel });
        }
      }
    },
    has: (channel) => byChannel.has(channel),
    channels: () => [...byChannel.keys()],
  };
}
