import { afterEach, describe, expect, it } from 'vitest';
import type { AutoReplyRule } from '../../engine/desk/auto-reply.js';
import { runAutoReplyRuleStoreContract } from '../../test/contracts/auto-reply-rule-store.contract.js';
import {
  createPostgresStoreHarness,
  type PostgresStoreHarness,
} from '../../test/support/postgres-store-harness.js';
import {
  createPostgresAutoReplyRuleStore,
  type PostgresAutoReplyRuleStore,
} from './auto-reply-rule-store.js';

const open = (onChange?: () => void) =>
  createPostgresStoreHarness((pool) => createPostgresAutoReplyRuleStore({ pool, onChange }));

runAutoReplyRuleStoreContract('postgres', () => open());

const rule = (id: string, keyword: string): AutoReplyRule => ({
  id,
  name: id,
  keywords: [keyword],
  locale: null,
  text: `about ${keyword}`,
  enabled: true,
  updatedAt: '2026-06-01T00:00:00.000Z',
  updatedBy: 'editor',
});

describe('PostgreSQL auto-reply rule store', () => {
  const harnesses: PostgresStoreHarness<PostgresAutoReplyRuleStore>[] = [];
  afterEach(async () => {
    for (const harness of harnesses.splice(0)) await harness.cleanup();
  });

  it('serves the stored rules from the start, and another node’s writes after a refresh', async () => {
    let changes = 0;
    const harness = await open(() => (changes += 1));
    harnesses.push(harness);
    await harness.store.put(rule('a', '充值'));
    expect(changes).toBe(1);
    const node = await harness.openAnother();
    expect(node.current().map((stored) => stored.id)).toEqual(['a']);

    await harness.store.put(rule('b', '退款'));
    expect(node.current().map((stored) => stored.id)).toEqual(['a']);
    await node.refresh();
    expect(node.current().map((stored) => stored.id)).toEqual(['a', 'b']);
    expect(changes).toBe(2);
  });

  it('keeps the copy in step with the database when writes through one store overlap', async () => {
    const harness = await open();
    harnesses.push(harness);
    await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        index % 3 === 2 ? harness.store.refresh() : harness.store.put(rule(`r${index}`, `k${index}`)),
      ),
    );
    const stored = await harness.pool.query('SELECT rule_id FROM auto_reply_rules ORDER BY position');
    expect(harness.store.current().map((current) => current.id)).toEqual(
      stored.rows.map((row: { rule_id: string }) => row.rule_id),
    );
  });
});
