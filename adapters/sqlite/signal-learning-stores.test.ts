import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteDatabase } from './create-sqlite-database.js';
import { createSqliteSignalLabelStore } from './signal-label-store.js';
import { createSqliteSignalModelStore } from './signal-model-store.js';
import { alwaysFiresSignalModel } from '../../test/support/always-fires-signal-model.js';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function openDatabase() {
  const folder = mkdtempSync(path.join(tmpdir(), 'livedesk-signal-stores-'));
  folders.push(folder);
  return createSqliteDatabase(path.join(folder, 'livedesk.sqlite'));
}

const label = {
  conversationId: 'c1',
  turnId: 't1',
  text: '我要人工',
  signals: ['human_request'],
  reachedAgentId: 'alice',
  reachedAt: '2026-12-07T10:00:00.000Z',
};

describe('SQLite signal label store', () => {
  it('keeps a label once, and one mark per conversation and agent', async () => {
    const store = createSqliteSignalLabelStore({ database: openDatabase() });
    expect(await store.record(label)).toBe(true);
    expect(await store.record({ ...label, reachedAgentId: 'bob' })).toBe(false);
    const mark = {
      conversationId: 'c1',
      turnId: 't1',
      agentId: 'alice',
      note: 'fine',
      at: '2026-12-07T10:01:00.000Z',
    };
    await store.mark(mark);
    await store.mark({ ...mark, at: '2026-12-07T10:05:00.000Z' });
    expect(await store.latestFor('c1')).toEqual({
      ...label,
      marks: [{ agentId: 'alice', note: 'fine', at: mark.at }],
    });
    await store.mark({ ...mark, agentId: 'bob', note: '' });
    expect((await store.list())[0]?.marks.map((each) => each.agentId)).toEqual(['alice', 'bob']);
    expect(await store.unmark('c1', 'alice')).toBe(true);
    expect(await store.unmark('c1', 'alice')).toBe(false);
    expect((await store.latestFor('c1'))?.marks.map((each) => each.agentId)).toEqual(['bob']);
  });

  it('refuses a mark on a label that does not exist', async () => {
    const store = createSqliteSignalLabelStore({ database: openDatabase() });
    await expect(
      store.mark({ conversationId: 'nope', turnId: 't', agentId: 'a', note: '', at: label.reachedAt }),
    ).rejects.toMatchObject({ code: 'conflict' });
    expect(await store.list()).toEqual([]);
  });
});

describe('SQLite signal model store', () => {
  const version = (createdAt: string) => ({
    origin: 'uploaded' as const,
    createdBy: 'editor',
    createdAt,
    sources: ['hand-made'],
    testSplit: null,
    digest: `digest-${createdAt}`,
    model: alwaysFiresSignalModel(createdAt),
  });

  it('numbers versions, lists them newest first without weights, and keeps the model text', async () => {
    const store = createSqliteSignalModelStore({ database: openDatabase() });
    expect(await store.add(version('2026-12-01T00:00:00.000Z'))).toBe(1);
    expect(await store.add(version('2026-12-02T00:00:00.000Z'))).toBe(2);
    const listed = await store.list();
    expect(listed.map((each) => each.version)).toEqual([2, 1]);
    expect(listed[0]).toMatchObject({
      modelCreatedAt: '2026-12-02T00:00:00.000Z',
      classifiers: { human_request: { threshold: 0.5 } },
    });
    expect(listed[0]?.classifiers.human_request).not.toHaveProperty('weights');
    expect(JSON.parse((await store.get(1))!.modelText)).toEqual(
      alwaysFiresSignalModel('2026-12-01T00:00:00.000Z'),
    );
    expect(await store.findByDigest('digest-2026-12-02T00:00:00.000Z')).toBe(2);
  });

  it('keeps the choice, and refuses an unknown version without changing it', async () => {
    const store = createSqliteSignalModelStore({ database: openDatabase() });
    expect(await store.choice()).toBeUndefined();
    await store.add(version('2026-12-01T00:00:00.000Z'));
    const chosen = { version: 1, chosenBy: 'editor', chosenAt: '2026-12-07T00:00:00.000Z' };
    await store.choose(chosen);
    await expect(store.choose({ ...chosen, version: 7 })).rejects.toMatchObject({ code: 'not_found' });
    expect(await store.choice()).toEqual(chosen);
    await store.choose({ ...chosen, version: null });
    expect((await store.choice())?.version).toBeNull();
  });
});
