import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Bus, JsonValue } from '../../server/cluster/bus.js';

export interface BusHarness {
  /** Two nodes on one transport; the in-process bus is one node, so it is both. */
  nodes: [Bus, Bus];
  /** What the buses reported to their `onError` (handlers that threw, messages nobody could read). */
  errors: Error[];
  cleanup(): Promise<void>;
}

const TextMessageSchema = z.object({ text: z.string() });
const CountSchema = z.object({ n: z.number().int() });

/** Polls until `check` holds; the bus is asynchronous on every transport. */
export async function eventually(check: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for a condition');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Long enough for a message that should not arrive to have arrived on loopback. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

/**
 * What every Bus promises, in process and over Redis:
 * `runBusContract('redis', async () => ({ nodes: [a, b], errors, cleanup }))`.
 */
export function runBusContract(name: string, createHarness: () => Promise<BusHarness>): void {
  describe(`Bus contract: ${name}`, () => {
    let harness: BusHarness;
    let publisher: Bus;
    let listener: Bus;

    beforeEach(async () => {
      harness = await createHarness();
      [publisher, listener] = harness.nodes;
    });

    afterEach(async () => {
      await harness.cleanup();
    });

    async function collect<T>(bus: Bus, channel: string, schema: z.ZodType<T>) {
      const received: T[] = [];
      const invalid: Error[] = [];
      const unsubscribe = await bus.subscribe(channel, {
        schema,
        onMessage: (message) => received.push(message),
        onInvalid: (error) => invalid.push(error),
      });
      return { received, invalid, unsubscribe };
    }

    it('delivers a message published on one node to a subscriber on another', async () => {
      const inbox = await collect(listener, 'conversation.c1', TextMessageSchema);

      const receivers = await publisher.publish('conversation.c1', { text: 'hello' });

      expect(receivers).toBeGreaterThanOrEqual(1);
      await eventually(() => inbox.received.length === 1);
      expect(inbox.received).toEqual([{ text: 'hello' }]);
    });

    it('keeps publish order for a thousand messages on one channel', async () => {
      const inbox = await collect(listener, 'conversation.ordered', CountSchema);

      await Promise.all(
        Array.from({ length: 1000 }, (_, n) => publisher.publish('conversation.ordered', { n })),
      );

      await eventually(() => inbox.received.length === 1000, 5_000);
      expect(inbox.received.map((message) => message.n)).toEqual(Array.from({ length: 1000 }, (_, n) => n));
    });

    it('reaches every subscriber of a channel, and none of another channel', async () => {
      const first = await collect(listener, 'cache.knowledge', TextMessageSchema);
      const second = await collect(publisher, 'cache.knowledge', TextMessageSchema);
      const other = await collect(listener, 'cache.signals', TextMessageSchema);

      await publisher.publish('cache.knowledge', { text: 'entry changed' });

      await eventually(() => first.received.length === 1 && second.received.length === 1);
      await settle();
      expect(other.received).toEqual([]);
      expect(first.received).toEqual(second.received);
    });

    it('stops one subscriber on unsubscribe and leaves the others', async () => {
      const leaving = await collect(listener, 'conversation.c2', TextMessageSchema);
      const staying = await collect(listener, 'conversation.c2', TextMessageSchema);

      leaving.unsubscribe();
      leaving.unsubscribe();
      await publisher.publish('conversation.c2', { text: 'after' });

      await eventually(() => staying.received.length === 1);
      await settle();
      expect(leaving.received).toEqual([]);
    });

    it('reports no receivers once the last subscriber has gone', async () => {
      const inbox = await collect(listener, 'node.gone', TextMessageSchema);
      expect(await publisher.publish('node.gone', { text: 'here?' })).toBeGreaterThanOrEqual(1);

      await eventually(() => inbox.received.length === 1);

      inbox.unsubscribe();

      let receivers = -1;
      // Over a network the unsubscribe takes a round trip to land.
      for (let attempt = 0; attempt < 50 && receivers !== 0; attempt += 1) {
        receivers = await publisher.publish('node.gone', { text: 'here?' });
        if (receivers !== 0) await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(receivers).toBe(0);
      expect(await publisher.publish('node.never-subscribed', { text: 'anyone?' })).toBe(0);
    });

    it('drops a message that fails its schema, reports it, and delivers the next', async () => {
      const inbox = await collect(listener, 'conversation.c3', TextMessageSchema);

      await publisher.publish('conversation.c3', { text: 42 });
      await publisher.publish('conversation.c3', { text: 'fine' });

      await eventually(() => inbox.received.length === 1);
      expect(inbox.received).toEqual([{ text: 'fine' }]);
      expect(inbox.invalid).toHaveLength(1);
      expect(inbox.invalid[0]?.message).toMatch(/schema/);
    });

    it('keeps delivering to the others when one handler throws, and reports the failure', async () => {
      await listener.subscribe('conversation.c4', {
        schema: TextMessageSchema,
        onMessage: () => {
          throw new Error('handler broke');
        },
      });
      const healthy = await collect(listener, 'conversation.c4', TextMessageSchema);

      await publisher.publish('conversation.c4', { text: 'one' });
      await publisher.publish('conversation.c4', { text: 'two' });

      await eventually(() => healthy.received.length === 2);
      expect(harness.errors.map((error) => error.message)).toEqual(['handler broke', 'handler broke']);
    });

    it('sends a copy as JSON: later changes to the object and non-JSON details do not travel', async () => {
      const AnySchema: z.ZodType<JsonValue> = z.json();
      const inbox = await collect(listener, 'conversation.c5', AnySchema);
      const message: { [key: string]: JsonValue } = { text: 'before', nested: { list: [1, 2] } };

      const published = publisher.publish('conversation.c5', message);
      message.text = 'after';
      await published;

      await eventually(() => inbox.received.length === 1);
      expect(inbox.received[0]).toEqual({ text: 'before', nested: { list: [1, 2] } });
    });

    it('delivers to a subscriber on the publishing node too', async () => {
      const own = await collect(publisher, 'conversation.c6', TextMessageSchema);

      await publisher.publish('conversation.c6', { text: 'echo' });

      await eventually(() => own.received.length === 1);
    });
  });
}
