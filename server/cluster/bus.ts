import type { z } from 'zod';

/** What crosses the bus: plain JSON, so any node (and any transport) reads exactly what was sent. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Stops one subscription; the others on the same channel carry on. */
export type Unsubscribe = () => void;

export interface BusSubscriber<T> {
  /** A message is trusted only once it parses: another node may run another version of Livedesk. */
  schema: z.ZodType<T>;
  onMessage(message: T): void;
  /** A message that is not JSON or fails the schema is dropped and reported here (or to the bus's `onError`). */
  onInvalid?: ((error: Error) => void) | undefined;
}

/**
 * Fire-and-forget messages between nodes, by channel name (`conversation.<id>`, `node.<nodeId>`,
 * `cache.knowledge`). At most once, in publish order per publisher and channel; nothing is kept for a
 * subscriber that is not listening, so whatever must not be lost is written to the shared store first and
 * the bus only says "look".
 */
export interface Bus {
  /**
   * Sends to every node subscribed to the channel, this one included. Resolves to how many nodes
   * (transport connections) received it: 0 means nobody listens. Rejects with `unavailable` when the
   * transport is down, rather than queueing what may never be sent.
   */
  publish(channel: string, message: JsonValue): Promise<number>;
  /** Resolves once the transport delivers the channel's messages to this subscriber. */
  subscribe<T>(channel: string, subscriber: BusSubscriber<T>): Promise<Unsubscribe>;
}

/** Whether a shared service answers now; `/healthz` reports it and frames are refused while it does not. */
export interface HealthReporter {
  healthy(): boolean;
  /** Called on every change, never twice with the same value. Returns the way to stop listening. */
  onStateChange(listener: (healthy: boolean) => void): () => void;
}

/** The bus a server holds: messages, health, and an end. */
export interface ClusterBus extends Bus, HealthReporter {
  close(): Promise<void>;
}
