import type pg from 'pg';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  runStaffUserStoreContract,
  STAFF_CHANGE_REACH_MS,
  staffRecord,
} from '../../test/contracts/staff-user-store.contract.js';
import { LivedeskError } from '../../knowledge/errors.js';
import {
  createPostgresTestSchema,
  TEST_POSTGRES_URL,
  type PostgresTestSchema,
} from '../../test/support/postgres-test-schema.js';
import { createTcpProxy, type TcpProxy } from '../../test/support/tcp-proxy.js';
import { openPostgresPool } from './open-postgres-pool.js';
import {
  createPostgresStaffUserStore,
  type PostgresStaffUserStore,
  type PostgresStaffUserStoreOptions,
} from './staff-user-store.js';

const failOnError = (error: Error) => {
  throw error;
};

runStaffUserStoreContract('postgres', async () => {
  const schema = await createPostgresTestSchema();
  const opened: PostgresStaffUserStore[] = [];
  const pools: pg.Pool[] = [];
  const store = await createPostgresStaffUserStore({ pool: schema.pool, onError: failOnError });
  opened.push(store);
  return {
    store,
    // Another node: its own pool and listener on the same schema.
    async openAnother() {
      const pool = await openPostgresPool({ url: schema.url, maxConnections: 2, migrate: false });
      pools.push(pool);
      const another = await createPostgresStaffUserStore({ pool, onError: failOnError });
      opened.push(another);
      return another;
    },
    async cleanup() {
      for (const each of opened) await each.close();
      for (const pool of pools) await pool.end();
      await schema.cleanup();
    },
  };
});

describe('PostgreSQL staff user store', () => {
  const schemas: PostgresTestSchema[] = [];
  const stores: PostgresStaffUserStore[] = [];
  const proxies: TcpProxy[] = [];
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
    for (const proxy of proxies.splice(0)) await proxy.close();
    for (const schema of schemas.splice(0)) await schema.cleanup();
  });

  async function setUp(options: Partial<PostgresStaffUserStoreOptions> = {}) {
    const schema = await createPostgresTestSchema();
    schemas.push(schema);
    const errors: Error[] = [];
    const store = await createPostgresStaffUserStore({
      pool: schema.pool,
      onError: (error) => errors.push(error),
      ...options,
    });
    stores.push(store);
    const listenerAlive = async () => {
      const pid = store.listenerStatus().backendPid;
      if (pid === undefined) return false;
      const found = await schema.pool.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid]);
      return found.rowCount === 1;
    };
    return { schema, store, errors, listenerAlive };
  }

  it('loads the accounts already stored when it starts', async () => {
    const { schema, store } = await setUp();
    await store.create(staffRecord('u1', 'ann'));
    const later = await createPostgresStaffUserStore({ pool: schema.pool, onError: failOnError });
    stores.push(later);
    expect(later.get('u1')).toEqual(staffRecord('u1', 'ann'));
  });

  it('follows a change made in SQL by an operator, not through any store', async () => {
    const { schema, store } = await setUp();
    await store.create(staffRecord('u1', 'ann', { role: 'admin' }));
    await schema.pool.query(
      "UPDATE staff_users SET role = 'agent', disabled = true, token_version = token_version + 1 WHERE id = 'u1'",
    );
    await vi.waitFor(
      () => expect(store.get('u1')).toMatchObject({ role: 'agent', disabled: true, tokenVersion: 2 }),
      { timeout: STAFF_CHANGE_REACH_MS, interval: 10 },
    );
  });

  it('ignores notices about another schema’s accounts', async () => {
    const { store } = await setUp();
    const other = await setUp();
    await store.create(staffRecord('u1', 'ann'));
    await other.store.create(staffRecord('u1', 'zed'));
    await other.store.update('u1', { disabled: true, updatedAt: '2025-02-01T00:00:00.000Z' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(store.get('u1')).toMatchObject({ username: 'ann', disabled: false });
  });

  it('reconnects a lost listener and reads again what changed while no one listened', async () => {
    const { schema, store, errors, listenerAlive } = await setUp({ minReconnectDelayMs: 300 });
    await store.create(staffRecord('u1', 'ann'));
    await store.create(staffRecord('u2', 'bob'));
    const pid = store.listenerStatus().backendPid;
    expect(pid).toBeDefined();
    await schema.pool.query('SELECT pg_terminate_backend($1)', [pid]);
    // Made while the listener is gone: no notice will ever arrive for these.
    await schema.pool.query("UPDATE staff_users SET disabled = true WHERE id = 'u1'");
    await schema.pool.query("DELETE FROM staff_users WHERE id = 'u2'");
    await vi.waitFor(
      () => {
        expect(store.get('u1')?.disabled).toBe(true);
        expect(store.get('u2')).toBeUndefined();
      },
      { timeout: 3_000, interval: 20 },
    );
    expect(errors.length).toBeGreaterThan(0);
    // And it listens again.
    expect(store.listenerStatus()).toMatchObject({ connected: true, sessions: 2 });
    expect(await listenerAlive()).toBe(true);
    await schema.pool.query("UPDATE staff_users SET capacity = 9 WHERE id = 'u1'");
    await vi.waitFor(() => expect(store.get('u1')?.capacity).toBe(9), { timeout: STAFF_CHANGE_REACH_MS });
  });

  it('keeps trying while the database is out of reach, then catches up with what it missed', async () => {
    const schema = await createPostgresTestSchema();
    schemas.push(schema);
    const target = new URL(TEST_POSTGRES_URL);
    const proxy = await createTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    proxies.push(proxy);
    const throughProxy = new URL(schema.url);
    throughProxy.port = String(proxy.port);
    const errors: Error[] = [];
    const store = await createPostgresStaffUserStore({
      pool: schema.pool,
      listenerConfig: { connectionString: throughProxy.toString() },
      minReconnectDelayMs: 20,
      maxReconnectDelayMs: 50,
      onError: (error) => errors.push(error),
    });
    stores.push(store);
    await proxy.stop();
    await vi.waitFor(() => expect(store.listenerStatus().connected).toBe(false));
    await schema.pool.query(
      `INSERT INTO staff_users (id, username, display_name, role, password_hash, password_changed_at, skills, teams,
         capacity, created_at, updated_at) VALUES ('u1', 'ann', 'Ann', 'admin', 'x', 'x', '[]', '[]', 0, 'x', 'x')`,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(store.get('u1')).toBeUndefined();
    await proxy.start();
    await vi.waitFor(() => expect(store.get('u1')?.username).toBe('ann'), { timeout: 3_000, interval: 20 });
    expect(store.listenerStatus().sessions).toBeGreaterThan(2);
    expect(errors.some((error) => error instanceof LivedeskError && error.code === 'unavailable')).toBe(true);
  });

  it('fails to start, leaving nothing open, when the accounts cannot be read', async () => {
    const schema = await createPostgresTestSchema();
    schemas.push(schema);
    await schema.pool.query('ALTER TABLE staff_users RENAME TO staff_users_gone');
    await expect(
      createPostgresStaffUserStore({ pool: schema.pool, onError: failOnError }),
    ).rejects.toMatchObject({
      code: 'internal',
    });
  });

  it('stops listening when closed', async () => {
    const { store, listenerAlive } = await setUp();
    expect(await listenerAlive()).toBe(true);
    const pid = store.listenerStatus().backendPid;
    await store.close();
    const { schema } = { schema: schemas.at(-1)! };
    await vi.waitFor(
      async () =>
        expect(
          (await schema.pool.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid])).rowCount,
        ).toBe(0),
      { timeout: 2_000 },
    );
  });
});
