import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TermGroupSchema } from '../../knowledge/domain-packs/domain-pack.js';
import { createSqliteDatabase } from './create-sqlite-database.js';
import { createSqlitePackOverrideStore } from './domain-pack-override-store.js';

const group = (variants: string[], enabled = true) =>
  TermGroupSchema.parse({ id: 'top-up', zh: { canonical: '充值', variants }, enabled });

describe('SQLite domain pack override store', () => {
  let folder: string;
  let database: Database;

  beforeEach(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'livedesk-pack-overrides-'));
    database = createSqliteDatabase(path.join(folder, 'livedesk.sqlite'));
  });
  afterEach(() => {
    database.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('keeps each edit as a version with who, when, before and after, and reverts one', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const store = createSqlitePackOverrideStore({ database, clock: () => new Date((now += 1000)) });
    const first = await store.put({ packId: 'general', group: group(['cz']) }, 'ada');
    expect(first).toMatchObject({
      action: 'put',
      actor: 'ada',
      before: null,
      packId: 'general',
      groupId: 'top-up',
    });
    expect(await store.put({ packId: 'general', group: group(['cz']) }, 'ada')).toBeUndefined();
    const second = await store.put({ packId: 'general', group: group(['cz', '储值'], false) }, 'bo');
    expect(second?.before?.zh?.variants).toEqual(['cz']);
    expect(second?.after?.enabled).toBe(false);
    expect((await store.list()).map((override) => override.group.enabled)).toEqual([false]);

    const reverted = await store.revert(second!.versionId, 'cy');
    expect(reverted.version).toMatchObject({ action: 'revert', actor: 'cy' });
    expect((await store.list())[0]?.group.zh?.variants).toEqual(['cz']);
    expect(await store.revert(9999, 'cy')).toEqual({ found: false });

    await store.revert(first!.versionId, 'cy');
    expect(await store.list()).toEqual([]);
    const history = await store.versions({ packId: 'general', groupId: 'top-up' });
    expect(history.map((version) => version.action)).toEqual(['revert', 'revert', 'put', 'put']);
    expect(history[3]?.at).toBe('2026-01-01T00:00:01.000Z');
  });

  it('keeps knowledge bases apart and resets to the shipped group', async () => {
    const mine = createSqlitePackOverrideStore({ database, knowledgeBaseId: 'mine' });
    const other = createSqlitePackOverrideStore({ database, knowledgeBaseId: 'other' });
    await mine.put({ packId: 'show', group: group(['cz']) }, 'ada');
    expect(await other.list()).toEqual([]);
    const reset = await mine.reset('show', 'top-up', 'ada');
    expect(reset).toMatchObject({ action: 'reset', after: null });
    expect(await mine.list()).toEqual([]);
    expect(await mine.reset('show', 'top-up', 'ada')).toBeUndefined();
  });
});
