import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { QuickReply } from '../../engine/desk/quick-reply.js';
import { createSqliteDatabase } from './create-sqlite-database.js';
import { createSqliteQuickReplyStore } from './quick-reply-store.js';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function openFile(): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'livedesk-quick-replies-'));
  folders.push(folder);
  return path.join(folder, 'livedesk.sqlite');
}

const at = '2026-06-01T00:00:00.000Z';
const reply = (id: string, shortcut: string, overrides: Partial<QuickReply> = {}): QuickReply => ({
  id,
  shortcut,
  locale: 'en',
  team: null,
  title: shortcut,
  text: `text of ${shortcut}`,
  updatedAt: at,
  updatedBy: 'editor',
  ...overrides,
});

describe('SQLite quick reply store', () => {
  it('stores, replaces, filters and removes replies, and keeps them across a reopen', async () => {
    const file = openFile();
    let database = createSqliteDatabase(file);
    let store = createSqliteQuickReplyStore({ database });
    await store.put(reply('a', '/hi'));
    await store.put(reply('b', '/hi', { locale: 'zh', text: '你好' }));
    await store.put(reply('a', '/hello'));
    database.close();

    database = createSqliteDatabase(file);
    store = createSqliteQuickReplyStore({ database });
    expect((await store.list()).map((stored) => [stored.id, stored.shortcut])).toEqual([
      ['a', '/hello'],
      ['b', '/hi'],
    ]);
    expect((await store.list({ locale: 'zh-CN' })).map((stored) => stored.id)).toEqual(['b']);
    expect(await store.remove('b')).toBe(true);
    expect(await store.remove('b')).toBe(false);
    expect(await store.get('b')).toBeUndefined();
    database.close();
  });

  it('refuses a second reply with the same shortcut, locale and team scope', async () => {
    const database = createSqliteDatabase(openFile());
    const store = createSqliteQuickReplyStore({ database });
    await store.put(reply('a', '/hi'));
    await expect(store.put(reply('b', '/hi'))).rejects.toMatchObject({ code: 'conflict' });
    await store.put(reply('c', '/hi', { team: 'finance' }));
    await expect(store.put(reply('d', '/hi', { team: 'finance' }))).rejects.toMatchObject({
      code: 'conflict',
    });
    expect((await store.list()).map((stored) => stored.id)).toEqual(['a', 'c']);
    database.close();
  });

  it('seeds the demo set once in the life of the file, never over what staff wrote or deleted', async () => {
    const database = createSqliteDatabase(openFile());
    const store = createSqliteQuickReplyStore({ database });
    expect(await store.seedDemo([reply('demo', '/hi')], at)).toBe(1);
    await store.remove('demo');
    expect(await store.seedDemo([reply('demo', '/hi')], at)).toBe(0);
    expect(await store.list()).toEqual([]);

    const other = createSqliteDatabase(openFile());
    const written = createSqliteQuickReplyStore({ database: other });
    await written.put(reply('mine', '/mine'));
    expect(await written.seedDemo([reply('demo', '/hi')], at)).toBe(0);
    expect((await written.list()).map((stored) => stored.id)).toEqual(['mine']);
    database.close();
    other.close();
  });

  it('lists the most used replies first, then by shortcut, and counts uses only of replies that exist', async () => {
    const file = openFile();
    let database = createSqliteDatabase(file);
    let store = createSqliteQuickReplyStore({ database });
    await store.put(reply('bye', '/bye'));
    await store.put(reply('hi', '/hi'));
    await store.put(reply('wait', '/wait'));
    expect((await store.list()).map((stored) => stored.shortcut)).toEqual(['/bye', '/hi', '/wait']);
    expect(await store.recordUse('hi', at)).toBe(true);
    expect(await store.recordUse('hi', at)).toBe(true);
    expect(await store.recordUse('wait', at)).toBe(true);
    expect(await store.recordUse('gone', at)).toBe(false);
    database.close();

    database = createSqliteDatabase(file);
    store = createSqliteQuickReplyStore({ database });
    expect((await store.list()).map((stored) => [stored.shortcut, stored.uses])).toEqual([
      ['/hi', 2],
      ['/wait', 1],
      ['/bye', 0],
    ]);
    await store.remove('hi');
    await store.put(reply('hi', '/hi'));
    expect((await store.list()).find((stored) => stored.id === 'hi')?.uses).toBe(0);
    database.close();
  });
});
