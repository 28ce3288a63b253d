import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { ConversationEventSchema } from '../../engine/conversation/conversation-event-schema.js';
import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import { runConversationEventLogContract } from '../../test/contracts/conversation-event-log.contract.js';
import {
  createPostgresTestSchema,
  type PostgresTestSchema,
} from '../../test/support/postgres-test-schema.js';
import { createPostgresConversationEventLog, type ConversationFencing } from './conversation-event-log.js';
import { openPostgresPool } from './open-postgres-pool.js';

const openLog = (pool: pg.Pool, fencing?: ConversationFencing) =>
  createPostgresConversationEventLog<ConversationEvent>({
    pool,
    eventSchema: ConversationEventSchema,
    fencing,
  });

runConversationEventLogContract('postgres', async () => {
  const schema = await createPostgresTestSchema();
  const pools: pg.Pool[] = [];
  return {
    log: openLog(schema.pool),
    async reopen() {
      // A new pool and a new log: nothing cached from the first.
      const pool = await openPostgresPool({ url: schema.url, maxConnections: 2, migrate: false });
      pools.push(pool);
      return openLog(pool);
    },
    async countRows() {
      const result = await schema.pool.query<{ count: number }>(
        'SELECT count(*)::integer AS count FROM conversation_events',
      );
      return result.rows[0]!.count;
    },
    async insertRaw(row) {
      await schema.pool.query(
        'INSERT INTO conversation_events (conversation_id, sequence, type, at, body) VALUES ($1, $2, $3, $4, $5)',
        [row.conversationId, row.sequence, row.type, row.at, row.body],
      );
    },
    async cleanup() {
      for (const pool of pools) await pool.end();
      await schema.cleanup();
    },
  };
});

const AT = '2026-06-01T12:00:00.000Z';
const viewerSays = (text: string): ConversationEvent => ({
  type: 'viewer-message',
  text,
  channel: 'text',
  at: AT,
});

describe('PostgreSQL conversation event log', () => {
  const schemas: PostgresTestSchema[] = [];
  const fresh = async () => {
    const schema = await createPostgresTestSchema();
    schemas.push(schema);
    return schema;
  };
  afterEach(async () => {
    for (const schema of schemas.splice(0)) await schema.cleanup();
  });

  const sequencesOf = async (pool: pg.Pool, conversationId: string) =>
    (
      await pool.query<{ sequence: number }>(
        'SELECT sequence FROM conversation_events WHERE conversation_id = $1 ORDER BY sequence',
        [conversationId],
      )
    ).rows.map((row) => row.sequence);

  it('rejects the whole batch when another writer took a sequence, then numbers from the stored maximum', async () => {
    const { pool } = await fresh();
    const log = openLog(pool);
    expect((await log.append('c1', AT, viewerSays('one'))).sequence).toBe(1);
    // Another process writes the next event of c1 behind this log's back.
    await pool.query(
      `INSERT INTO conversation_events (conversation_id, sequence, type, at, body)
       VALUES ('c1', 2, 'viewer-message', $1, $2)`,
      [AT, JSON.stringify(viewerSays('elsewhere'))],
    );
    const results = await Promise.allSettled([
      log.append('c1', AT, viewerSays('clash')),
      log.append('c2', AT, viewerSays('bystander')),
    ]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect((results[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'conflict' });
    expect(await sequencesOf(pool, 'c2')).toEqual([]);

    expect((await log.append('c1', AT, viewerSays('three'))).sequence).toBe(3);
    expect((await log.append('c2', AT, viewerSays('bystander'))).sequence).toBe(1);
  });

  it('rejects the appends of a batch whose connection is killed before it commits, and stores none', async () => {
    const { pool, url } = await fresh();
    const log = openLog(pool);
    const blocker = new pg.Client({ connectionString: url });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE conversation_events IN EXCLUSIVE MODE');
      let settled = false;
      const appends = Promise.allSettled([
        log.append('c1', AT, viewerSays('one')),
        log.append('c2', AT, viewerSays('two')),
      ]).finally(() => {
        settled = true;
      });
      // Wait until the batch's statement is queued behind the lock, then kill its connection.
      let killed = 0;
      for (let attempt = 0; attempt < 100 && killed === 0; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        const result = await blocker.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE wait_event_type = 'Lock' AND query LIKE '%INSERT INTO conversation_events%'
              AND pid <> pg_backend_pid()`,
        );
        killed = result.rowCount ?? 0;
      }
      expect(killed).toBe(1);
      const results = await appends;
      expect(settled).toBe(true);
      expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
      expect((results[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'unavailable' });
      await blocker.query('ROLLBACK');
    } finally {
      await blocker.end();
    }
    const count = await pool.query<{ count: number }>(
      'SELECT count(*)::integer AS count FROM conversation_events',
    );
    expect(count.rows[0]!.count).toBe(0);
    // The pool replaces the dead connection and the log carries on.
    expect((await log.append('c1', AT, viewerSays('again'))).sequence).toBe(1);
  });

  it('rejects appends once its pool is ended instead of acknowledging them', async () => {
    const { url } = await fresh();
    const pool = await openPostgresPool({ url, maxConnections: 2, migrate: false });
    const log = openLog(pool);
    await log.append('c1', AT, viewerSays('before'));
    await pool.end();
    await expect(log.append('c1', AT, viewerSays('after'))).rejects.toMatchObject({ name: 'LivedeskError' });
  });

  it('stores text PostgreSQL cannot hold in jsonb without failing the batch around it', async () => {
    const { pool } = await fresh();
    const log = openLog(pool);
    const [odd, plain] = await Promise.all([
      log.append('c1', AT, viewerSays('nul\u0000 and a lone \uD800 surrogate')),
      log.append('c2', AT, viewerSays('plain')),
    ]);
    expect([odd.sequence, plain.sequence]).toEqual([1, 1]);
    const [stored] = await log.read('c1');
    expect(stored?.event).toMatchObject({ text: 'nul\uFFFD and a lone \uFFFD surrogate' });
  });

  describe('fencing', () => {
    const lease = async (pool: pg.Pool, conversationId: string, token: number, expiresInS = 60) => {
      await pool.query(
        `INSERT INTO conversation_leases (conversation_id, node_id, fencing_token, expires_at)
         VALUES ($1, 'node-a', $2, now() + make_interval(secs => $3))
         ON CONFLICT (conversation_id) DO UPDATE SET fencing_token = $2, expires_at = now() + make_interval(secs => $3)`,
        [conversationId, token, expiresInS],
      );
    };

    it('writes an append carrying the current token and refuses one carrying a stale token', async () => {
      const { pool } = await fresh();
      const tokens = new Map<string, bigint>([
        ['current', 7n],
        ['stale', 3n],
      ]);
      const log = openLog(pool, { tokenFor: (conversationId) => tokens.get(conversationId) });
      await lease(pool, 'current', 7);
      await lease(pool, 'stale', 4);
      const [current, stale] = await Promise.allSettled([
        log.append('current', AT, viewerSays('mine')),
        log.append('stale', AT, viewerSays('no longer mine')),
      ]);
      expect(current).toMatchObject({ status: 'fulfilled', value: { sequence: 1 } });
      expect(stale).toMatchObject({
        status: 'rejected',
        reason: { code: 'conflict', message: 'this node no longer owns the conversation' },
      });
      expect(await sequencesOf(pool, 'current')).toEqual([1]);
      expect(await sequencesOf(pool, 'stale')).toEqual([]);
    });

    it('fences every conversation by one lease (the cluster leader) when given its id', async () => {
      const { pool } = await fresh();
      let token = 9;
      const log = openLog(pool, { tokenFor: () => token, leaseId: 'livedesk:leader' });
      await lease(pool, 'livedesk:leader', 9);
      await expect(log.append('one', AT, viewerSays('led'))).resolves.toMatchObject({ sequence: 1 });
      await expect(log.append('two', AT, viewerSays('led too'))).resolves.toMatchObject({ sequence: 1 });
      // Another node became leader: this node's token is stale for every conversation.
      await lease(pool, 'livedesk:leader', 10);
      await expect(log.append('one', AT, viewerSays('deposed'))).rejects.toMatchObject({ code: 'conflict' });
      token = 10;
      await expect(log.append('one', AT, viewerSays('leader again'))).resolves.toMatchObject({ sequence: 2 });
      expect(await sequencesOf(pool, 'one')).toEqual([1, 2]);
    });

    it('refuses appends under an expired lease, without a lease row, or without a token', async () => {
      const { pool } = await fresh();
      const tokens = new Map<string, number>([
        ['expired', 5],
        ['unleased', 5],
      ]);
      const log = openLog(pool, { tokenFor: (conversationId) => tokens.get(conversationId) });
      await lease(pool, 'expired', 5, -1);
      await lease(pool, 'not-held', 5);
      const results = await Promise.allSettled([
        log.append('expired', AT, viewerSays('late')),
        log.append('unleased', AT, viewerSays('never leased')),
        log.append('not-held', AT, viewerSays('no token')),
      ]);
      expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected', 'rejected']);
      for (const result of results)
        expect((result as PromiseRejectedResult).reason).toMatchObject({ code: 'conflict' });
      const count = await pool.query<{ count: number }>(
        'SELECT count(*)::integer AS count FROM conversation_events',
      );
      expect(count.rows[0]!.count).toBe(0);
    });

    it('numbers from the log again when it gets a conversation back under a new token', async () => {
      const { pool } = await fresh();
      let token = 1;
      const nodeA = openLog(pool, { tokenFor: () => token });
      await lease(pool, 'c1', 1);
      expect((await nodeA.append('c1', AT, viewerSays('a1'))).sequence).toBe(1);
      // Node B takes the conversation over and writes while node A's cache still says 1.
      await lease(pool, 'c1', 2);
      const nodeB = openLog(pool, { tokenFor: () => 2 });
      expect((await nodeB.append('c1', AT, viewerSays('b1'))).sequence).toBe(2);
      // Node A is granted the lease again, under a newer token, without having tried to write in between.
      token = 3;
      await lease(pool, 'c1', 3);
      const [again, other] = await Promise.all([
        nodeA.append('c1', AT, viewerSays('a2')),
        nodeA.append('c1', AT, viewerSays('a3')),
      ]);
      expect([again.sequence, other.sequence]).toEqual([3, 4]);
      expect(
        (await nodeA.read('c1')).map((event) =>
          event.event.type === 'viewer-message' ? event.event.text : '',
        ),
      ).toEqual(['a1', 'b1', 'a2', 'a3']);
    });

    it('reads the stored maximum when a batch mixes a stale token with a new one for a conversation', async () => {
      const { pool } = await fresh();
      let token = 1;
      const nodeA = openLog(pool, { tokenFor: () => token });
      await lease(pool, 'c1', 1);
      expect((await nodeA.append('c1', AT, viewerSays('a1'))).sequence).toBe(1);
      await lease(pool, 'c1', 2);
      await openLog(pool, { tokenFor: () => 2 }).append('c1', AT, viewerSays('b1'));
      await lease(pool, 'c1', 3);
      // In one batch: an append made under the old token, then one under the new.
      const stale = nodeA.append('c1', AT, viewerSays('stale'));
      token = 3;
      const fresh3 = nodeA.append('c1', AT, viewerSays('a2'));
      await expect(stale).rejects.toMatchObject({ code: 'conflict' });
      expect((await fresh3).sequence).toBe(3);
    });
  });
});
