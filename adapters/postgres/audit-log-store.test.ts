import type pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { runAuditLogContract } from '../../test/contracts/audit-log.contract.js';
import {
  createPostgresTestSchema,
  type PostgresTestSchema,
} from '../../test/support/postgres-test-schema.js';
import { createPostgresAuditLog } from './audit-log-store.js';

runAuditLogContract('postgres', async ({ clock }) => {
  const schema = await createPostgresTestSchema();
  // A small batch, so the ordering test crosses several.
  const audit = createPostgresAuditLog({
    pool: schema.pool,
    clock,
    batchSize: 40,
    onError: (error) => {
      throw error;
    },
  });
  return {
    audit,
    cleanup: async () => {
      await audit.flush();
      await schema.cleanup();
    },
  };
});

const entry = (action: string) => ({
  actorId: 'u1',
  actorUsername: 'ann',
  action,
  outcome: 'success' as const,
});

/** A pool whose first `failures` queries fail as a dropped connection would, recording every INSERT's actions. */
function flakyPool(failures: number) {
  const inserted: string[][] = [];
  let calls = 0;
  const pool = {
    query(_text: string, values: unknown[]) {
      calls += 1;
      if (calls <= failures)
        return Promise.reject(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }));
      inserted.push(values.filter((_, index) => index % 8 === 3) as string[]);
      return Promise.resolve({ rows: [], rowCount: values.length / 8 });
    },
  };
  return { pool: pool as unknown as pg.Pool, inserted, calls: () => calls };
}

describe('PostgreSQL audit log', () => {
  const schemas: PostgresTestSchema[] = [];
  afterEach(async () => {
    for (const schema of schemas.splice(0)) await schema.cleanup();
  });

  it('tries a batch again while the database is unavailable, keeping the order', async () => {
    const flaky = flakyPool(2);
    const lost: unknown[] = [];
    const audit = createPostgresAuditLog({
      pool: flaky.pool,
      batchSize: 2,
      retryDelayMs: 1,
      onError: (error, actions) => lost.push([error, actions]),
    });
    for (const action of ['a.one', 'a.two', 'a.three']) audit.record(entry(action));
    await audit.flush();
    expect(lost).toEqual([]);
    expect(flaky.inserted).toEqual([['a.one', 'a.two'], ['a.three']]);
    expect(flaky.calls()).toBe(4);
  });

  it('reports a batch it gave up on through onError, never to the caller, and goes on with the next', async () => {
    const flaky = flakyPool(3);
    const lost: [unknown, readonly string[]][] = [];
    const audit = createPostgresAuditLog({
      pool: flaky.pool,
      batchSize: 2,
      maxAttempts: 3,
      retryDelayMs: 1,
      onError: (error, actions) => lost.push([error, actions]),
    });
    for (const action of ['a.one', 'a.two', 'a.three'])
      expect(() => audit.record(entry(action))).not.toThrow();
    await audit.flush();
    expect(lost).toEqual([[expect.objectContaining({ code: 'unavailable' }), ['a.one', 'a.two']]]);
    expect(flaky.inserted).toEqual([['a.three']]);
  });

  it('does not try again what the database refused for good', async () => {
    const schema = await createPostgresTestSchema();
    schemas.push(schema);
    await schema.pool.query('ALTER TABLE audit_log RENAME TO audit_log_gone');
    const lost: [unknown, readonly string[]][] = [];
    const audit = createPostgresAuditLog({
      pool: schema.pool,
      retryDelayMs: 10_000,
      onError: (error, actions) => lost.push([error, actions]),
    });
    audit.record(entry('auth.login'));
    await audit.flush();
    expect(lost).toEqual([[expect.objectContaining({ code: 'internal' }), ['auth.login']]]);
  });

  it('reports entries beyond the waiting limit as lost instead of holding them', async () => {
    const flaky = flakyPool(0);
    const lost: (readonly string[])[] = [];
    const audit = createPostgresAuditLog({
      pool: flaky.pool,
      batchSize: 1,
      maxPendingEntries: 2,
      onError: (_error, actions) => lost.push(actions),
    });
    for (const action of ['a.one', 'a.two', 'a.three', 'a.four']) audit.record(entry(action));
    await audit.flush();
    expect(lost).toEqual([['a.three'], ['a.four']]);
    expect(flaky.inserted).toEqual([['a.one'], ['a.two']]);
    audit.record(entry('a.five'));
    await audit.flush();
    expect(flaky.inserted.flat()).toEqual(['a.one', 'a.two', 'a.five']);
  });
});
