import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ClusterBus } from '../../server/cluster/bus.js';
import { createOwnerRequests, type OwnerRequests } from '../../server/cluster/owner-requests.js';
import { eventually, runBusContract } from '../../test/contracts/bus.contract.js';
import { createTcpProxy, type TcpProxy } from '../../test/support/tcp-proxy.js';
import { openRedisClient } from './open-redis-client.js';
import { openRedisBus } from './redis-bus.js';

const REDIS_URL = process.env.LIVEDESK_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Every test's channels under a prefix of their own, so parallel tests never hear each other. */
const uniquePrefix = () => `livedesk-test:${randomBytes(6).toString('hex')}:`;

interface TestNode {
  redis: Redis;
  bus: ClusterBus;
}

async function openNode(options: {
  url?: string;
  prefix: string;
  errors?: Error[];
  name?: string;
}): Promise<TestNode> {
  const redis = await openRedisClient({ url: options.url ?? REDIS_URL, connectTimeoutMs: 2_000 });
  const bus = await openRedisBus({
    redis,
    channelPrefix: options.prefix,
    ...(options.name === undefined ? {} : { connectionName: options.name }),
    onError: (error) => options.errors?.push(error),
  });
  return { redis, bus };
}

async function closeNode(node: TestNode): Promise<void> {
  await node.bus.close();
  await node.redis.quit().catch(() => node.redis.disconnect());
}

runBusContract('redis', async () => {
  const prefix = uniquePrefix();
  const errors: Error[] = [];
  const first = await openNode({ prefix, errors });
  const second = await openNode({ prefix, errors });
  return {
    nodes: [first.bus, second.bus],
    // Errors from lost connections are not the contract's business; handler failures are.
    errors,
    cleanup: async () => {
      await closeNode(first);
      await closeNode(second);
    },
  };
});

describe('openRedisBus', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function node(options: { url?: string; prefix: string; name?: string }): Promise<TestNode> {
    const opened = await openNode(options);
    cleanups.push(() => closeNode(opened));
    return opened;
  }

  it('refuses to start against a Redis that is not there, naming the address', async () => {
    await expect(
      openRedisClient({ url: 'redis://:hunter2@127.0.0.1:1', connectTimeoutMs: 1_000 }),
    ).rejects.toThrow(/cannot reach Redis at 127\.0\.0\.1:1 \(ECONNREFUSED\); check LIVEDESK_REDIS_URL/);
    await expect(openRedisClient({ url: 'redis://:hunter2@127.0.0.1:1' })).rejects.not.toThrow(/hunter2/);
    await expect(openRedisClient({ url: 'http://127.0.0.1:6379' })).rejects.toThrow(
      /must start with redis:\/\//,
    );
  });

  it('reports unhealthy when its subscriber connection is killed, and healthy again once resubscribed', async () => {
    const prefix = uniquePrefix();
    const name = `bus-${randomBytes(4).toString('hex')}`;
    const listener = await node({ prefix, name });
    const publisher = await node({ prefix });
    const received: string[] = [];
    await listener.bus.subscribe('conversation.c1', {
      schema: z.string(),
      onMessage: (text) => received.push(text),
    });
    const states: boolean[] = [];
    listener.bus.onStateChange((healthy) => states.push(healthy));
    expect(listener.bus.healthy()).toBe(true);

    const killed = await killConnectionsNamed(publisher.redis, name);

    expect(killed).toBe(1);
    await eventually(() => states.length >= 2, 5_000);
    expect(states).toEqual([false, true]);
    expect(listener.bus.healthy()).toBe(true);
    await publisher.bus.publish('conversation.c1', 'after reconnect');
    await eventually(() => received.includes('after reconnect'));
  });

  it('goes unhealthy while Redis is unreachable, refuses to publish, and recovers by itself', async () => {
    const proxy: TcpProxy = await createTcpProxy({ host: '127.0.0.1', port: 6379 });
    cleanups.push(() => proxy.close());
    const prefix = uniquePrefix();
    const cut = await node({ url: `redis://127.0.0.1:${proxy.port}`, prefix });
    const direct = await node({ prefix });
    const received: string[] = [];
    await cut.bus.subscribe('cache.knowledge', {
      schema: z.string(),
      onMessage: (text) => received.push(text),
    });
    const states: boolean[] = [];
    cut.bus.onStateChange((healthy) => states.push(healthy));

    await proxy.stop();

    await eventually(() => !cut.bus.healthy(), 5_000);
    await expect(cut.bus.publish('cache.knowledge', 'while down')).rejects.toMatchObject({
      code: 'unavailable',
      retryable: true,
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(cut.bus.healthy()).toBe(false);

    await proxy.start();

    await eventually(() => cut.bus.healthy(), 10_000);
    expect(states).toEqual([false, true]);
    await direct.bus.publish('cache.knowledge', 'back');
    await eventually(() => received.includes('back'));
    expect(await cut.bus.publish('cache.knowledge', 'mine')).toBeGreaterThanOrEqual(1);
  });

  it('carries owner requests between two nodes', async () => {
    const prefix = uniquePrefix();
    const a = await node({ prefix });
    const b = await node({ prefix });
    const owner = await createOwnerRequests({
      bus: b.bus,
      nodeId: 'node-b',
      handle: (request) =>
        Promise.resolve({ handled: z.object({ text: z.string() }).parse(request.body).text }),
    });
    const asker: OwnerRequests = await createOwnerRequests({
      bus: a.bus,
      nodeId: 'node-a',
      handle: () => Promise.resolve(null),
    });
    cleanups.push(() => {
      owner.close();
      asker.close();
      return Promise.resolve();
    });

    const reply = await asker.request({
      nodeId: 'node-b',
      body: { text: 'viewer frame' },
      schema: z.object({ handled: z.string() }),
    });

    expect(reply).toEqual({ handled: 'viewer frame' });
    await expect(
      asker.request({ nodeId: 'node-gone', body: null, schema: z.null(), timeoutMs: 2_000 }),
    ).rejects.toMatchObject({ code: 'unavailable' });
  });
});

/** CLIENT KILL by id for every connection with this name (a subscriber cannot ask for its own id). */
async function killConnectionsNamed(redis: Redis, name: string): Promise<number> {
  const list = (await redis.call('CLIENT', 'LIST')) as string;
  const ids = list
    .split('\n')
    .filter((line) => line.includes(` name=${name} `))
    .map((line) => /\bid=(\d+)/.exec(line)?.[1])
    .filter((id): id is string => id !== undefined);
  for (const id of ids) await redis.call('CLIENT', 'KILL', 'ID', id);
  return ids.length;
}
