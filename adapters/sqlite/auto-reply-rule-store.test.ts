import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AutoReplyRule } from '../../engine/desk/auto-reply.js';
import { createSqliteAutoReplyRuleStore } from './auto-reply-rule-store.js';
import { createSqliteDatabase } from './create-sqlite-database.js';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function openFile(): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'livedesk-auto-replies-'));
  folders.push(folder);
  return path.join(folder, 'livedesk.sqlite');
}

const at = '2026-06-01T00:00:00.000Z';
const rule = (id: string, keyword: string): AutoReplyRule => ({
  id,
  name: id,
  keywords: [keyword],
  locale: null,
  text: `about ${keyword}`,
  enabled: true,
  updatedAt: at,
  updatedBy: 'editor',
});

describe('SQLite auto-reply rule store', () => {
  it('keeps rules in the order first written, and its in-memory copy follows every write', async () => {
    const database = createSqliteDatabase(openFile());
    const store = createSqliteAutoReplyRuleStore({ database });
    await store.put(rule('b', '退款'));
    await store.put(rule('a', '充值'));
    expect(store.current().map((stored) => stored.id)).toEqual(['b', 'a']);
    await store.put({ ...rule('b', '退款'), enabled: false });
    expect(store.current().map((stored) => [stored.id, stored.enabled])).toEqual([
      ['b', false],
      ['a', true],
    ]);
    await store.remove('a');
    expect(store.current().map((stored) => stored.id)).toEqual(['b']);
    expect(await createSqliteAutoReplyRuleStore({ database }).list()).toEqual(store.current());
    database.close();
  });

  it('seeds the demo rules once', async () => {
    const database = createSqliteDatabase(openFile());
    const store = createSqliteAutoReplyRuleStore({ database });
    expect(await store.seedDemo([rule('demo', '充值')], at)).toBe(1);
    expect(store.current().map((stored) => stored.id)).toEqual(['demo']);
    await store.remove('demo');
    expect(await store.seedDemo([rule('demo', '充值')], at)).toBe(0);
    expect(store.current()).toEqual([]);
    database.close();
  });
});
