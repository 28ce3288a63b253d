import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LivedeskError } from '../../knowledge/errors.js';
import type { Bus, JsonValue } from './bus.js';
import { createInProcessBus } from './in-process-bus.js';
import { createOwnerRequests, nodeChannel, type OwnerRequest, type OwnerRequests } from './owner-requests.js';

const EchoSchema = z.object({ echoed: z.string() });
const FrameSchema = z.object({ text: z.string() });

const opened: OwnerRequests[] = [];
afterEach(() => {
  for (const requests of opened.splice(0)) requests.close();
});

async function node(
  bus: Bus,
  nodeId: string,
  handle: (request: OwnerRequest) => Promise<JsonValue> = (request) =>
    Promise.resolve({ echoed: FrameSchema.parse(request.body).text }),
): Promise<OwnerRequests> {
  const requests = await createOwnerRequests({ bus, nodeId, handle });
  opened.push(requests);
  return requests;
}

describe('createOwnerRequests', () => {
  it('asks the owning node and resolves to its reply', async () => {
    const bus = createInProcessBus();
    const asker = await node(bus, 'node-a');
    await node(bus, 'node-b');

    const reply = await asker.request({ nodeId: 'node-b', body: { text: 'hello' }, schema: EchoSchema });

    expect(reply).toEqual({ echoed: 'hello' });
  });

  it('hands requests to the owner in the order they were sent', async () => {
    const bus = createInProcessBus();
    const seen: string[] = [];
    const asker = await node(bus, 'node-a');
    await node(bus, 'node-b', (request) => {
      seen.push(FrameSchema.parse(request.body).text);
      return Promise.resolve({ echoed: 'ok' });
    });

    await Promise.all(
      ['one', 'two', 'three', 'four'].map((text) =>
        asker.request({ nodeId: 'node-b', body: { text }, schema: EchoSchema }),
      ),
    );

    expect(seen).toEqual(['one', 'two', 'three', 'four']);
  });

  it("passes the owner's LivedeskError back, and hides any other failure", async () => {
    const bus = createInProcessBus();
    const asker = await node(bus, 'node-a');
    await node(bus, 'node-b', (request) =>
      FrameSchema.parse(request.body).text === 'known'
        ? Promise.reject(new LivedeskError('conflict', 'no satisfaction survey is open'))
        : Promise.reject(new Error('secret table name in here')),
    );

    await expect(
      asker.request({ nodeId: 'node-b', body: { text: 'known' }, schema: EchoSchema }),
    ).rejects.toMatchObject({
      code: 'conflict',
      message: 'no satisfaction survey is open',
    });
    const hidden = asker.request({ nodeId: 'node-b', body: { text: 'other' }, schema: EchoSchema });
    await expect(hidden).rejects.toMatchObject({ code: 'internal' });
    await expect(hidden).rejects.not.toThrow(/secret/);
  });

  it('times out when the owner does not answer, and tells the owner to stop', async () => {
    const bus = createInProcessBus();
    let ownerSignal: AbortSignal | undefined;
    const asker = await node(bus, 'node-a');
    await node(bus, 'node-b', (request) => {
      ownerSignal = request.signal;
      return new Promise(() => undefined);
    });

    const started = Date.now();
    await expect(
      asker.request({ nodeId: 'node-b', body: { text: 'slow' }, schema: EchoSchema, timeoutMs: 50 }),
    ).rejects.toMatchObject({ code: 'timeout', retryable: true });

    expect(Date.now() - started).toBeLessThan(1_000);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(ownerSignal?.aborted).toBe(true);
  });

  it("ends as aborted when the caller's signal fires", async () => {
    const bus = createInProcessBus();
    const asker = await node(bus, 'node-a');
    await node(bus, 'node-b', () => new Promise(() => undefined));
    const controller = new AbortController();

    const pending = asker.request({
      nodeId: 'node-b',
      body: { text: 'x' },
      schema: EchoSchema,
      signal: controller.signal,
    });
    controller.abort();

    await expect(pending).rejects.toMatchObject({ code: 'aborted' });
    await expect(
      asker.request({ nodeId: 'node-b', body: { text: 'x' }, schema: EchoSchema, signal: controller.signal }),
    ).rejects.toMatchObject({ code: 'aborted' });
  });

  it('fails at once, retryably, when no node listens on the owner channel', async () => {
    const bus = createInProcessBus();
    const asker = await node(bus, 'node-a');

    await expect(
      asker.request({ nodeId: 'node-dead', body: { text: 'x' }, schema: EchoSchema, timeoutMs: 5_000 }),
    ).rejects.toMatchObject({ code: 'unavailable', retryable: true });
  });

  it('refuses a reply that does not match the expected schema', async () => {
    const bus = createInProcessBus();
    const asker = await node(bus, 'node-a');
    await node(bus, 'node-b', () => Promise.resolve({ unexpected: true }));

    await expect(
      asker.request({ nodeId: 'node-b', body: { text: 'x' }, schema: EchoSchema }),
    ).rejects.toMatchObject({
      code: 'internal',
    });
  });

  it('fails waiting requests when closed, and ignores foreign messages on its channel', async () => {
    const bus = createInProcessBus();
    const invalid: Error[] = [];
    const asker = await createOwnerRequests({
      bus,
      nodeId: 'node-a',
      handle: () => Promise.resolve(null),
      onInvalid: (error) => invalid.push(error),
    });
    await node(bus, 'node-b', () => new Promise(() => undefined));

    await bus.publish(nodeChannel('node-a'), { kind: 'gossip' });
    const pending = asker.request({ nodeId: 'node-b', body: { text: 'x' }, schema: EchoSchema });
    await new Promise((resolve) => setTimeout(resolve, 10));
    asker.close();

    await expect(pending).rejects.toMatchObject({ code: 'unavailable' });
    expect(invalid).toHaveLength(1);
  });
});
