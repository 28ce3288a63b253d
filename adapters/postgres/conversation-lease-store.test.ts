import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { runLeaseStoreContract } from '../../test/contracts/conversation-lease-store.contract.js';
import {
  createPostgresTestSchema,
  type PostgresTestSchema,
} from '../../test/support/postgres-test-schema.js';
import { createTcpProxy } from '../../test/support/tcp-proxy.js';
import { assertConversationLease, createPostgresLeaseStore } from './conversation-lease-store.js';
import { createPostgresNodeRegistry } from './node-registry.js';
import { openPostgresPool } from './open-postgres-pool.js';
import { withTransaction } from './with-transaction.js';

/** One migrated schema for the contract's tests (migrating takes seconds); each test starts from empty tables. */
let contractSchema: Promise<PostgresTestSchema> | undefined;
afterAll(async () => {
  if (contractSchema) await (await contractSchema).cleanup();
});

runLeaseStoreContract('postgres', async () => {
  contractSchema ??= createPostgresTestSchema();
  const schema = await contractSchema;
  await schema.pool.query('TRUNCATE conversation_leases, cluster_nodes');
  return {
    store: createPostgresLeaseStore({ pool: schema.pool }),
    registry: createPostgresNodeRegistry({ pool: schema.pool }),
    cleanup: () => Promise.resolve(),
  };
});

describe('PostgreSQL conversation leases', () => {
  const schemas: PostgresTestSchema[] = [];
  afterEach(async () => {
    for (const schema of schemas.splice(0)) await schema.cleanup();
  });

  async function freshSchema(): Promise<PostgresTestSchema> {
    const schema = await createPostgresTestSchema();
    schemas.push(schema);
    return schema;
  }

  it('gives one winner to nodes racing on separate connections', async () => {
    const schema = await freshSchema();
    const stores = [0, 1, 2, 3].map(() => createPostgresLeaseStore({ pool: schema.pool }));

    for (let round = 0; round < 20; round += 1) {
      const grants = await Promise.all(
        stores.map((store, index) =>
          store.acquire({ conversationId: `race-${round}`, nodeId: `node-${index}`, ttlMs: 10_000 }),
        ),
      );
      expect(grants.filter((grant) => grant.granted)).toHaveLength(1);
    }
  });

  it("fences a stale owner's write and lets the current owner's through", async () => {
    const schema = await freshSchema();
    const store = createPostgresLeaseStore({ pool: schema.pool });
    const old = await store.acquire({ conversationId: 'c1', nodeId: 'node-a', ttlMs: 50 });
    await new Promise((resolve) => setTimeout(resolve, 120));
    const current = await store.acquire({ conversationId: 'c1', nodeId: 'node-b', ttlMs: 10_000 });
    if (!old.granted || !current.granted) throw new Error('both acquisitions should have been granted');

    await expect(
      withTransaction(schema.pool, (client) =>
        assertConversationLease(client, { conversationId: 'c1', token: old.token }),
      ),
    ).rejects.toMatchObject({ code: 'conflict' });
    await expect(
      withTransaction(schema.pool, (client) =>
        assertConversationLease(client, { conversationId: 'c1', token: current.token }),
      ),
    ).resolves.toBeUndefined();
  });

  it('makes a takeover wait for the write its fence let through', async () => {
    const schema = await freshSchema();
    const store = createPostgresLeaseStore({ pool: schema.pool });
    const old = await store.acquire({ conversationId: 'c2', nodeId: 'node-a', ttlMs: 100 });
    if (!old.granted) throw new Error('expected a grant');
    const order: string[] = [];
    let finishWrite: () => void = () => undefined;
    const writeMayFinish = new Promise<void>((resolve) => (finishWrite = resolve));
    let fencePassed: () => void = () => undefined;
    const fenceHeld = new Promise<void>((resolve) => (fencePassed = resolve));

    const write = withTransaction(schema.pool, async (client) => {
      await assertConversationLease(client, { conversationId: 'c2', token: old.token });
      fencePassed();
      await writeMayFinish;
      order.push('write committed');
    });
    await fenceHeld;
    await new Promise((resolve) => setTimeout(resolve, 150));
    const takeover = store
      .acquire({ conversationId: 'c2', nodeId: 'node-b', ttlMs: 10_000 })
      .then((grant) => order.push(`takeover ${grant.granted ? 'granted' : 'refused'}`));
    await new Promise((resolve) => setTimeout(resolve, 100));
    order.push('write finishing');
    finishWrite();
    await Promise.all([write, takeover]);

    expect(order).toEqual(['write finishing', 'write committed', 'takeover granted']);
  });

  it('fails as unavailable while the database is unreachable, and works again once it is back', async () => {
    const schema = await freshSchema();
    const proxy = await createTcpProxy({ host: '127.0.0.1', port: 5432 });
    const url = new URL(schema.url);
    url.port = String(proxy.port);
    const pool = await openPostgresPool({ url: url.toString(), migrate: false, connectTimeoutMs: 1_000 });
    const store = createPostgresLeaseStore({ pool });
    try {
      await store.acquire({ conversationId: 'c', nodeId: 'node-a', ttlMs: 10_000 });

      await proxy.stop();
      await expect(store.ownerOf('c')).rejects.toMatchObject({ code: 'unavailable', retryable: true });
      await expect(store.renewAll({ nodeId: 'node-a', ttlMs: 10_000 })).rejects.toMatchObject({
        code: 'unavailable',
      });

      await proxy.start();
      expect((await store.ownerOf('c'))?.nodeId).toBe('node-a');
    } finally {
      await pool.end();
      await proxy.close();
    }
  });
});
