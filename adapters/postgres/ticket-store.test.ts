import { afterEach, describe, expect, it } from 'vitest';
import type { TicketStore } from '../../engine/tickets/ticket-store.js';
import {
  madeTicket,
  runTicketStoreContract,
  updatedTicket,
} from '../../test/contracts/ticket-store.contract.js';
import {
  createPostgresStoreHarness,
  type PostgresStoreHarness,
} from '../../test/support/postgres-store-harness.js';
import { waitForBlockedSessions } from '../../test/support/wait-for-blocked-sessions.js';
import { createPostgresTicketStore } from './ticket-store.js';

const open = () => createPostgresStoreHarness((pool) => createPostgresTicketStore({ pool }));

runTicketStoreContract('postgres', open);

describe('PostgreSQL ticket store', () => {
  const harnesses: PostgresStoreHarness<TicketStore>[] = [];
  afterEach(async () => {
    for (const harness of harnesses.splice(0)) await harness.cleanup();
  });
  const opened = async () => {
    const harness = await open();
    harnesses.push(harness);
    return harness;
  };

  it('lets exactly one of two nodes win replaces that wait on the same row together', async () => {
    const harness = await opened();
    const first = madeTicket('T-1', '2026-06-01T00:00:00.000Z');
    await harness.store.insert(first);
    const [nodeA, nodeB] = [await harness.openAnother(), await harness.openAnother()];
    const blocker = await harness.pool.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query("SELECT 1 FROM tickets WHERE ticket_id = 'T-1' FOR UPDATE");
      const pid = (await blocker.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
      const racing = Promise.all([
        nodeA.replace(updatedTicket(first.ticket, { expectedVersion: 1, priority: 'high' }), 1),
        nodeB.replace(updatedTicket(first.ticket, { expectedVersion: 1, priority: 'low' }), 1),
      ]);
      await waitForBlockedSessions(harness.pool, { blockerPid: pid, count: 2 });
      await blocker.query('COMMIT');
      const results = await racing;
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await harness.store.get('T-1')).toMatchObject({
        version: 2,
        priority: results[0] ? 'high' : 'low',
      });
      expect((await harness.store.history('T-1')).filter((entry) => entry.field === 'priority')).toHaveLength(
        1,
      );
    } finally {
      blocker.release();
    }
  });

  it('refuses the second of two unclosed tickets for one conversation inserted by two nodes together', async () => {
    const harness = await opened();
    const [nodeA, nodeB] = [await harness.openAnother(), await harness.openAnother()];
    const blocker = await harness.pool.connect();
    try {
      await blocker.query('BEGIN');
      // Inserts wait behind a SHARE lock, so both are in flight when it goes.
      await blocker.query('LOCK TABLE tickets IN SHARE MODE');
      const pid = (await blocker.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
      const racing = Promise.allSettled([
        nodeA.insert(madeTicket('T-1', '2026-06-01T00:00:00.000Z', { conversationId: 'c1' })),
        nodeB.insert(madeTicket('T-2', '2026-06-01T00:00:00.000Z', { conversationId: 'c1' })),
      ]);
      await waitForBlockedSessions(harness.pool, { blockerPid: pid, count: 2 });
      await blocker.query('COMMIT');
      const results = await racing;
      expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect(results.find((result) => result.status === 'rejected')?.reason).toMatchObject({
        code: 'conflict',
      });
      const rows = await harness.pool.query<{ tickets: number }>(
        'SELECT count(*)::integer AS tickets FROM tickets',
      );
      const history = await harness.pool.query<{ rows: number }>(
        'SELECT count(*)::integer AS rows FROM ticket_history',
      );
      expect([rows.rows[0]?.tickets, history.rows[0]?.rows]).toEqual([1, 1]);
    } finally {
      blocker.release();
    }
  });

  it('keeps the ticket as JSON and the filtered columns in step with it', async () => {
    const harness = await opened();
    const first = madeTicket('T-1', '2026-06-01T00:00:00.000Z', { conversationId: 'c1' });
    await harness.store.insert(first);
    const moved = updatedTicket(first.ticket, { expectedVersion: 1, assigneeId: 'u-bob', status: 'pending' });
    await harness.store.replace(moved, 1);
    const row = await harness.pool.query(
      `SELECT version, status, assignee_id, conversation_id, body->>'title' AS title, jsonb_typeof(body) AS kind
         FROM tickets`,
    );
    expect(row.rows).toEqual([
      {
        version: 2,
        status: 'pending',
        assignee_id: 'u-bob',
        conversation_id: 'c1',
        title: 'ticket T-1',
        kind: 'object',
      },
    ]);
  });
});
