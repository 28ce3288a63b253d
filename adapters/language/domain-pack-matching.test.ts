import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteKnowledgeStore, type SqliteKnowledgeStore } from '../sqlite/knowledge-store.js';
import { createDomainPackCatalog } from '../../knowledge/domain-packs/domain-pack-catalog.js';
import type { PackOverrideStore } from '../../knowledge/domain-packs/pack-overrides.js';
import { shippedPacks } from '../../knowledge/domain-packs/shipped-packs.js';
import { EntrySchema } from '../../knowledge/entry.js';
import { KnowledgeBase } from '../../knowledge/knowledge-base.js';
import { createExactVectorIndex } from '../../knowledge/matching/exact-vector-index.js';
import { Matcher } from '../../knowledge/matching/matcher.js';
import type { GlossTable } from '../../knowledge/text/gloss-table.js';
import type { TextAnalyzer } from '../../knowledge/text/text-analyzer.js';
import { createBuiltinEmbedder } from './builtin-embedder.js';

/** A few dictionary glosses, none for the pack's words, so what the pack adds is visible. */
const GLOSSES: GlossTable = new Map([
  ['怎么', ['how']],
  ['礼物', ['gift']],
  ['送', ['send']],
  ['钱', ['monei']],
]);

const ENTRIES = [
  EntrySchema.parse({
    id: 'zh-top-up',
    locale: 'zh',
    questions: ['主播怎么充值', '给主播充值的方法'],
    answer: 'a',
  }),
  EntrySchema.parse({ id: 'zh-gift', locale: 'zh', questions: ['怎么送礼物', '礼物送不出去'], answer: 'b' }),
  EntrySchema.parse({
    id: 'zh-password',
    locale: 'zh',
    questions: ['忘记密码怎么办', '怎么改密码'],
    answer: 'c',
  }),
  EntrySchema.parse({
    id: 'en-withdraw',
    locale: 'en',
    questions: ['how do I withdraw my earnings'],
    answer: 'd',
  }),
  EntrySchema.parse({ id: 'en-gift', locale: 'en', questions: ['how do I send a gift'], answer: 'e' }),
];

const noOverrides: PackOverrideStore = {
  list: () => Promise.resolve([]),
  put: () => Promise.resolve(undefined),
  reset: () => Promise.resolve(undefined),
  versions: () => Promise.resolve([]),
  revert: () => Promise.resolve({ found: false }),
};

let folder: string | undefined;
let store: SqliteKnowledgeStore | undefined;

afterEach(async () => {
  await store?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

let analyzer: TextAnalyzer | undefined;

async function openWith(packIds: string[]): Promise<KnowledgeBase> {
  folder = mkdtempSync(path.join(tmpdir(), 'livedesk-packs-'));
  store = createSqliteKnowledgeStore({ path: path.join(folder, 'livedesk.sqlite') });
  await store.importEntries(ENTRIES, 'test');
  const embedder = createBuiltinEmbedder({ loadGlossTable: () => Promise.resolve(GLOSSES) });
  analyzer = embedder.analyzer;
  const matcher = new Matcher({
    embedder,
    analyzer: embedder.analyzer,
    createVectorIndex: (dimensions) => createExactVectorIndex({ dimensions }),
  });
  const catalog = createDomainPackCatalog({
    shipped: shippedPacks(),
    activeIds: packIds,
    overrides: noOverrides,
  });
  return KnowledgeBase.open({
    store,
    matcher,
    extraSynonyms: async () => {
      const vocabulary = await catalog.vocabulary();
      embedder.analyzer.useGlossary?.(vocabulary.glossary);
      return vocabulary.synonyms;
    },
  });
}

describe('matching with domain packs', () => {
  it('reads pack slang as the words the entry uses only when the pack is loaded', async () => {
    const withPacks = await openWith(['general', 'show']);
    const decision = await withPacks.ask('zb怎么cz');
    expect(decision.query.normalized).toBe('主播怎么充值');
    expect(decision.candidates[0]?.entryId).toBe('zh-top-up');
    const packConfidence = decision.candidates[0]!.confidence;
    withPacks.close();
    await store!.close();
    store = undefined;

    const without = await openWith([]);
    const plain = await without.ask('zb怎么cz');
    expect(plain.query.normalized).toBe('zb怎么cz');
    const plainTopUp = plain.candidates.find((candidate) => candidate.entryId === 'zh-top-up');
    expect(plainTopUp?.confidence ?? 0).toBeLessThan(packConfidence);
    without.close();
  });

  it("glosses a Chinese word with its group's English words, so it meets an English entry", async () => {
    const withPacks = await openWith(['general']);
    // The knowledge base holds both languages, so the gloss view is loaded at rebuild.
    const glossed = analyzer!.analyze('怎么提现').glossFeatures;
    expect([...(glossed?.keys() ?? [])]).toContain('withdraw');
    const decision = await withPacks.ask('怎么提现');
    const withdraw = decision.candidates.find((candidate) => candidate.entryId === 'en-withdraw');
    withPacks.close();
    await store!.close();
    store = undefined;

    const without = await openWith([]);
    const plain = analyzer!.analyze('怎么提现').glossFeatures;
    expect([...(plain?.keys() ?? [])]).not.toContain('withdraw');
    const plainDecision = await without.ask('怎么提现');
    const plainWithdraw = plainDecision.candidates.find((candidate) => candidate.entryId === 'en-withdraw');
    expect(plainWithdraw?.scores.gloss ?? 0).toBeLessThan(withdraw?.scores.gloss ?? 1);
    without.close();
  });
});
