import { afterEach, describe, expect, it } from 'vitest';
import { runQuickReplyStoreContract } from '../../test/contracts/quick-reply-store.contract.js';
import {
  createPostgresStoreHarness,
  type PostgresStoreHarness,
} from '../../test/support/postgres-store-harness.js';
import { waitForBlockedSessions } from '../../test/support/wait-for-blocked-sessions.js';
import { createPostgresQuickReplyStore, type PostgresQuickReplyStore } from './quick-reply-store.js';

const open = () => createPostgresStoreHarness((pool) => createPostgresQuickReplyStore({ pool }));

runQuickReplyStoreContract('postgres', open);

describe('PostgreSQL quick reply store', () => {
  const harnesses: PostgresStoreHarness<PostgresQuickReplyStore>[] = [];
  afterEach(async () => {
    for (const harness of harnesses.splice(0)) await harness.cleanup();
  });

  it('counts no use for a reply removed while the use was being recorded, and leaves no count behind', async () => {
    const harness = await open();
    harnesses.push(harness);
    const at = '2026-06-01T00:00:00.000Z';
    const reply = {
      id: 'hi',
      shortcut: '/hi',
      locale: 'en',
      team: null,
      title: 'Hi',
      text: 'Hello',
      updatedAt: at,
    };
    await harness.store.put({ ...reply, updatedBy: 'editor' });
    const remover = await harness.pool.connect();
    try {
      await remover.query('BEGIN');
      await remover.query("DELETE FROM quick_replies WHERE quick_reply_id = 'hi'");
      const pid = (await remover.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
      const node = await harness.openAnother();
      const recording = node.recordUse('hi', at);
      await waitForBlockedSessions(harness.pool, { blockerPid: pid, count: 1 });
      await remover.query('COMMIT');
      expect(await recording).toBe(false);
    } finally {
      remover.release();
    }
    const uses = await harness.pool.query<{ rows: number }>(
      'SELECT count(*)::integer AS rows FROM quick_reply_uses',
    );
    expect(uses.rows[0]?.rows).toBe(0);
    await harness.store.put({ ...reply, updatedBy: 'editor' });
    expect((await harness.store.list())[0]?.uses).toBe(0);
  });
});
