import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LivedeskError } from '../../knowledge/errors.js';
import type { EntryInput } from '../../knowledge/entry.js';
import type { KnowledgeStore } from '../../knowledge/ports.js';
import { runKnowledgeStoreContract } from '../../test/contracts/knowledge-store.contract.js';
import { createSqliteKnowledgeStore } from './knowledge-store.js';
import type { SqliteKnowledgeStoreOptions } from './knowledge-store.js';

runKnowledgeStoreContract('sqlite', () => {
  const folder = mkdtempSync(join(tmpdir(), 'livedesk-knowledge-'));
  const path = join(folder, 'livedesk.db');
  const opened: KnowledgeStore[] = [];
  const open = (knowledgeBaseId?: string) => {
    const store = createSqliteKnowledgeStore({
      path,
      knowledgeBaseId,
      onListenerError: (error) => {
        throw error;
      },
    });
    opened.push(store);
    return store;
  };
  return Promise.resolve({
    store: open(),
    openAnother: (options = {}) => Promise.resolve(open(options.knowledgeBaseId)),
    cleanup: async () => {
      for (const store of opened) await store.close();
      rmSync(folder, { recursive: true, force: true });
    },
  });
});

describe('SQLite knowledge store', () => {
  let folder: string;
  let path: string;
  const stores: KnowledgeStore[] = [];

  const open = (options: Partial<SqliteKnowledgeStoreOptions> = {}) => {
    const store = createSqliteKnowledgeStore({ path, ...options });
    stores.push(store);
    return store;
  };

  const raw = () => {
    const database = new Database(path);
    database.pragma('busy_timeout = 2000');
    return database;
  };

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'livedesk-knowledge-'));
    path = join(folder, 'livedesk.db');
  });

  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('rolls back the entries already written when SQLite fails in the middle of an import', async () => {
    const store = open();
    await store.put(entry('existing'), 'alice');
    const database = raw();
    database.exec(`
      CREATE TRIGGER refuse_third BEFORE INSERT ON knowledge_entries WHEN NEW.entry_id = 'third'
      BEGIN SELECT RAISE(ABORT, 'refused by test trigger'); END;
    `);
    database.close();
    const batch = [
      { ...entry('existing'), answer: 'changed' },
      entry('second'),
      entry('third'),
      entry('fourth'),
    ];

    const failure = await store.importEntries(batch, 'importer').catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(LivedeskError);
    expect(failure).toMatchObject({ code: 'conflict' });
    expect((failure as Error).message).not.toContain('refused by test trigger');
    expect((await store.list()).map((stored) => [stored.id, stored.answer])).toEqual([
      ['existing', 'Answer for existing.'],
    ]);
    expect(await store.versions()).toHaveLength(1);
  });

  it('records the time of each change from the injected clock', async () => {
    const store = open({ clock: () => new Date('2025-06-01T12:00:00.000Z') });

    const version = await store.put(entry('a'), 'alice');

    expect(version?.at).toBe('2025-06-01T12:00:00.000Z');
    expect((await store.versions())[0]?.at).toBe('2025-06-01T12:00:00.000Z');
  });

  it('keeps a write and tells the other listeners when one listener throws', async () => {
    const onListenerError = vi.fn();
    const store = open({ onListenerError });
    const heard = vi.fn();
    store.onChange(() => {
      throw new Error('listener bug');
    });
    store.onChange(heard);

    const version = await store.put(entry('a'), 'alice');

    expect(version?.action).toBe('create');
    expect(await store.get('a')).toBeDefined();
    expect(heard).toHaveBeenCalledOnce();
    expect(onListenerError).toHaveBeenCalledWith(expect.objectContaining({ message: 'listener bug' }));
  });

  it('sees the writes of another connection to the same file', async () => {
    const writer = open();
    const reader = open();

    await writer.put(entry('a'), 'alice');

    expect((await reader.get('a'))?.id).toBe('a');
  });

  it('fails loudly when a stored entry was broken by hand', async () => {
    const store = open();
    await store.put(entry('a'), 'alice');
    const database = raw();
    database.prepare(`UPDATE knowledge_entries SET body = '{"id":"a","questions":[]}'`).run();
    database.close();

    await expect(store.get('a')).rejects.toMatchObject({ code: 'internal' });
    await expect(store.list()).rejects.toMatchObject({ code: 'internal' });
  });

  it('reports a locked database as unavailable and retryable', async () => {
    const store = open({ busyTimeoutMs: 0 });
    const database = raw();
    database.exec('BEGIN IMMEDIATE');

    const failure = await store.put(entry('a'), 'alice').catch((error: unknown) => error);

    database.exec('ROLLBACK');
    database.close();
    expect(failure).toMatchObject({ code: 'unavailable', retryable: true });
    expect(await store.put(entry('a'), 'alice')).toBeDefined();
  });

  it('records synonym changes as versions, newest first', async () => {
    const store = createSqliteKnowledgeStore({ path, clock: () => new Date('2025-01-01T00:00:00.000Z') });
    stores.push(store);

    await store.putSynonym({ term: 'pk', canonical: 'battle' }, 'alice');
    await store.putSynonym({ term: 'pk', canonical: 'duel' }, 'bob');
    await store.putSynonym({ term: 'pk', canonical: 'duel' }, 'bob');
    await store.removeSynonym('pk', undefined, 'carol');
    await store.putSynonym({ term: 'yyds', canonical: '永远的神', locale: 'zh' }, 'dave');

    const versions = await store.synonymVersions();
    expect(versions.map(({ versionId: _versionId, ...rest }) => rest)).toEqual([
      {
        term: 'yyds',
        locale: 'zh',
        action: 'put',
        actor: 'dave',
        at: '2025-01-01T00:00:00.000Z',
        before: null,
        after: '永远的神',
      },
      {
        term: 'pk',
        locale: undefined,
        action: 'delete',
        actor: 'carol',
        at: '2025-01-01T00:00:00.000Z',
        before: 'duel',
        after: null,
      },
      {
        term: 'pk',
        locale: undefined,
        action: 'put',
        actor: 'bob',
        at: '2025-01-01T00:00:00.000Z',
        before: 'battle',
        after: 'duel',
      },
      {
        term: 'pk',
        locale: undefined,
        action: 'put',
        actor: 'alice',
        at: '2025-01-01T00:00:00.000Z',
        before: null,
        after: 'battle',
      },
    ]);
    expect(await store.synonymVersions({ limit: 1 })).toHaveLength(1);
  });

  it('stores entries without their defaults so the file stays small and readable', async () => {
    const store = open();
    await store.put(entry('a'), 'alice');
    const database = raw();
    const row = database.prepare('SELECT body FROM knowledge_entries').get() as { body: string };
    database.close();

    expect(row.body).toBe(
      '{"id":"a","locale":"en","questions":["Question about a?"],"answer":"Answer for a."}',
    );
  });

  it('rejects an empty knowledge base id', () => {
    expect(() => createSqliteKnowledgeStore({ path, knowledgeBaseId: ' ' })).toThrow(LivedeskError);
  });
});

function entry(id: string): EntryInput {
  return { id, locale: 'en', questions: [`Question about ${id}?`], answer: `Answer for ${id}.` };
}
