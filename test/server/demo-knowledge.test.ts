import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteKnowledgeStore } from '../../adapters/sqlite/knowledge-store.js';
import { seedDemoKnowledge } from '../../server/demo-knowledge.js';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function openStore() {
  const folder = mkdtempSync(path.join(tmpdir(), 'livedesk-seed-'));
  folders.push(folder);
  return createSqliteKnowledgeStore({ path: path.join(folder, 'livedesk.sqlite') });
}

describe('demo knowledge seeding', () => {
  it('fills a new store with the demo entries and synonyms', async () => {
    const store = openStore();
    expect(await seedDemoKnowledge(store)).toBe(true);
    expect((await store.list()).length).toBeGreaterThanOrEqual(60);
    expect((await store.listSynonyms()).map((synonym) => synonym.term)).toContain('zb');
    expect(await seedDemoKnowledge(store)).toBe(false);
    await store.close();
  });

  it('finishes a seed that stopped after the synonyms', async () => {
    const store = openStore();
    await store.putSynonym({ term: 'zb', canonical: '主播', locale: 'zh' }, 'demo-seed');
    expect(await seedDemoKnowledge(store)).toBe(true);
    expect((await store.list()).length).toBeGreaterThanOrEqual(60);
    await store.close();
  });

  it('keeps a synonym the team already set for a demo term', async () => {
    const store = openStore();
    await store.putSynonym({ term: 'zb', canonical: '直播', locale: 'zh' }, 'editor-ann');
    await seedDemoKnowledge(store);
    expect((await store.listSynonyms()).find((synonym) => synonym.term === 'zb')?.canonical).toBe('直播');
    await store.close();
  });

  it('never brings the demo back to a knowledge base an editor emptied', async () => {
    const store = openStore();
    await store.put(
      { id: 'own.entry', locale: 'en', questions: ['our own question'], answer: 'Our answer.' },
      'editor-ann',
    );
    await store.remove('own.entry', 'editor-ann');
    expect(await seedDemoKnowledge(store)).toBe(false);
    expect(await store.list()).toEqual([]);
    await store.close();
  });
});
