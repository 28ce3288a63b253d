import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBuiltinEmbedder } from '../adapters/language/builtin-embedder.js';
import { createSqliteKnowledgeStore, type SqliteKnowledgeStore } from '../adapters/sqlite/knowledge-store.js';
import type { EntryInput } from './entry.js';
import { KnowledgeBase } from './knowledge-base.js';
import { createExactVectorIndex } from './matching/exact-vector-index.js';
import { Matcher } from './matching/matcher.js';
import type { VectorIndex } from './ports.js';

const SEED: EntryInput[] = [
  {
    id: 'coins.top-up',
    locale: 'zh',
    questions: ['怎么充值金币', '金币在哪里充值', '我想买金币', '充值入口在哪'],
    answer: '进入 我的 > 钱包 > 充值。',
    translations: {
      en: {
        questions: ['how do I top up coins', 'where can I buy coins'],
        answer: 'Go to Me > Wallet > Top up.',
      },
    },
  },
  {
    id: 'account.password',
    locale: 'en',
    questions: ['I forgot my password', 'how do I reset my password', 'cannot log in, password wrong'],
    answer: 'Tap "Forgot password" on the login page.',
  },
  {
    id: 'shop.returns',
    locale: 'zh',
    questions: ['怎么退货', '买的衣服不合适想退', '七天无理由退货怎么申请'],
    answer: '在 订单 > 申请售后 提交退货。',
  },
  {
    id: 'shop.shipping',
    locale: 'en',
    questions: ['when will my order ship', 'how long does delivery take', 'where is my package'],
    answer: 'Orders ship within 48 hours.',
  },
];

const GIFT_WRAP: EntryInput = {
  id: 'shop.gift-wrap',
  locale: 'en',
  questions: [
    'can you gift wrap my order',
    'do you offer gift wrapping',
    'I want my order wrapped as a present',
  ],
  answer: 'Tick "Gift wrap" at checkout.',
};

/** A vector index factory that can be held shut, to catch the knowledge base in the middle of a build. */
function createGatedIndexFactory() {
  let gate: Promise<void> | undefined;
  let release = () => {};
  const factory = {
    calls: 0,
    create: async (dimensions: number): Promise<VectorIndex> => {
      factory.calls++;
      if (gate) await gate;
      return createExactVectorIndex({ dimensions });
    },
    hold() {
      gate = new Promise((resolve) => (release = resolve));
    },
    open() {
      gate = undefined;
      release();
    },
  };
  return factory;
}

describe('KnowledgeBase', () => {
  let folder: string;
  let store: SqliteKnowledgeStore;
  let matcher: Matcher;
  let gatedIndex: ReturnType<typeof createGatedIndexFactory>;
  let knowledgeBase: KnowledgeBase | undefined;
  let indexErrors: unknown[];

  const open = async (): Promise<KnowledgeBase> => {
    knowledgeBase = await KnowledgeBase.open({
      store,
      matcher,
      onIndexError: (error) => indexErrors.push(error),
    });
    return knowledgeBase;
  };

  const candidateIds = async (knowledge: KnowledgeBase, text: string): Promise<string[]> =>
    (await knowledge.ask(text)).candidates.map((candidate) => candidate.entryId);

  const topEntry = async (knowledge: KnowledgeBase, text: string): Promise<string | undefined> =>
    (await candidateIds(knowledge, text))[0];

  beforeEach(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'livedesk-knowledge-base-'));
    store = createSqliteKnowledgeStore({ path: path.join(folder, 'livedesk.sqlite') });
    await store.importEntries(SEED, 'seed');
    const embedder = createBuiltinEmbedder();
    gatedIndex = createGatedIndexFactory();
    matcher = new Matcher({ embedder, analyzer: embedder.analyzer, createVectorIndex: gatedIndex.create });
    knowledgeBase = undefined;
    indexErrors = [];
  });

  afterEach(async () => {
    gatedIndex.open();
    knowledgeBase?.close();
    await knowledgeBase?.whenIndexed();
    await store.close();
    rmSync(folder, { recursive: true, force: true });
    expect(indexErrors).toEqual([]);
  });

  it('makes an entry put into the store matchable once indexed, without rebuilding the index', async () => {
    const knowledge = await open();
    const rebuild = vi.spyOn(matcher, 'rebuild');
    const upsert = vi.spyOn(matcher, 'upsertEntry');
    expect(await candidateIds(knowledge, 'can you gift wrap my order')).not.toContain('shop.gift-wrap');

    await store.put(GIFT_WRAP, 'editor-anna');
    await knowledge.whenIndexed();

    expect(await topEntry(knowledge, 'can you gift wrap my order')).toBe('shop.gift-wrap');
    expect(upsert).toHaveBeenCalledTimes(1);
    expect(rebuild).not.toHaveBeenCalled();
  });

  it('answers a repeated question from the decision cache, whatever its case, spacing or punctuation', async () => {
    const knowledge = await open();
    const match = vi.spyOn(matcher, 'match');
    const first = await knowledge.ask('How do I top up coins?');
    const again = await knowledge.ask('  how do i top up coins ');
    expect(match).toHaveBeenCalledTimes(1);
    expect(again.best?.entryId).toBe(first.best?.entryId);
    expect(again.query.text).toBe('  how do i top up coins ');
    expect(knowledge.decisionCacheStats).toEqual({ hits: 1, misses: 1 });
    await knowledge.ask('How do I top up coins?', { context: { roomId: 'another-room' } });
    expect(match).toHaveBeenCalledTimes(2);
  });

  it('matches the new phrasing of an edited entry', async () => {
    const knowledge = await open();
    const question = 'my account is locked after too many attempts';
    expect(await topEntry(knowledge, question)).not.toBe('account.password');

    await store.put(
      { ...SEED[1]!, questions: [...SEED[1]!.questions, 'account locked after too many attempts'] },
      'editor-anna',
    );
    await knowledge.whenIndexed();

    expect(await topEntry(knowledge, question)).toBe('account.password');
  });

  it('stops matching an entry removed from the store', async () => {
    const knowledge = await open();
    expect(await topEntry(knowledge, '怎么退货')).toBe('shop.returns');
    const rebuild = vi.spyOn(matcher, 'rebuild');

    await store.remove('shop.returns', 'editor-anna');
    await knowledge.whenIndexed();

    expect(await candidateIds(knowledge, '怎么退货')).not.toContain('shop.returns');
    expect(rebuild).not.toHaveBeenCalled();
  });

  it('never matches a disabled entry, and matches it again once enabled', async () => {
    await store.put({ ...GIFT_WRAP, enabled: false }, 'editor-anna');
    const knowledge = await open();
    expect(await candidateIds(knowledge, 'can you gift wrap my order')).not.toContain('shop.gift-wrap');

    await store.put({ ...SEED[2]!, enabled: false }, 'editor-anna');
    await knowledge.whenIndexed();
    expect(await candidateIds(knowledge, '怎么退货')).not.toContain('shop.returns');

    await store.put({ ...GIFT_WRAP, enabled: true }, 'editor-anna');
    await knowledge.whenIndexed();
    expect(await topEntry(knowledge, 'can you gift wrap my order')).toBe('shop.gift-wrap');
  });

  it('re-learns the vocabulary when a synonym is added, so the slang matches', async () => {
    const knowledge = await open();
    expect((await knowledge.ask('大米怎么买')).action).toBe('none');
    const rebuild = vi.spyOn(matcher, 'rebuild');
    const upsert = vi.spyOn(matcher, 'upsertEntry');

    await store.putSynonym({ term: '大米', canonical: '金币', locale: 'zh' }, 'editor-anna');
    await knowledge.whenIndexed();

    const decision = await knowledge.ask('大米怎么买');
    expect(decision.query.normalized).toBe('金币怎么买');
    expect(decision).toMatchObject({ action: 'answer', best: { entryId: 'coins.top-up' } });
    expect(rebuild).toHaveBeenCalledTimes(1);
    expect(upsert).not.toHaveBeenCalled();
  });

  it('rebuilds once after a large import instead of patching entry by entry', async () => {
    const knowledge = await open();
    const rebuild = vi.spyOn(matcher, 'rebuild');
    const upsert = vi.spyOn(matcher, 'upsertEntry');
    const products = Array.from({ length: 60 }, (_, index) => `gadget model ${index + 1}`);

    await store.importEntries(
      products.map((product, index) => ({
        id: `product.${index + 1}`,
        locale: 'en',
        questions: [`does the ${product} have a warranty`, `${product} warranty period`],
        answer: `The ${product} has a one-year warranty.`,
      })),
      'editor-anna',
    );
    await knowledge.whenIndexed();

    expect(rebuild).toHaveBeenCalledTimes(1);
    expect(upsert).not.toHaveBeenCalled();
    expect(await topEntry(knowledge, 'what is the warranty period of the gadget model 42')).toBe(
      'product.42',
    );
    expect(await topEntry(knowledge, '怎么退货')).toBe('shop.returns');
  });

  it('restores matching when a change is reverted', async () => {
    const knowledge = await open();
    const removal = await store.remove('shop.returns', 'editor-anna');
    const edit = await store.put({ ...SEED[3]!, questions: ['do you ship to Mars'] }, 'editor-anna');
    await knowledge.whenIndexed();
    expect(await candidateIds(knowledge, '怎么退货')).not.toContain('shop.returns');
    expect(await topEntry(knowledge, 'where is my package')).not.toBe('shop.shipping');

    await store.revert(removal.versionId, 'editor-ben');
    await store.revert(edit!.versionId, 'editor-ben');
    await knowledge.whenIndexed();

    expect(await topEntry(knowledge, '怎么退货')).toBe('shop.returns');
    expect(await topEntry(knowledge, 'where is my package')).toBe('shop.shipping');
  });

  it('applies a change committed during the initial build after the build, not in the middle of it', async () => {
    const events: string[] = [];
    const rebuild = matcher.rebuild.bind(matcher);
    vi.spyOn(matcher, 'rebuild').mockImplementation(async (...args) => {
      events.push('rebuild started');
      await rebuild(...args);
      events.push('rebuild finished');
    });
    const upsert = matcher.upsertEntry.bind(matcher);
    vi.spyOn(matcher, 'upsertEntry').mockImplementation(async (...args) => {
      events.push(`upsert ${args[0].id}`);
      await upsert(...args);
    });
    gatedIndex.hold();

    const opening = open();
    await vi.waitFor(() => expect(gatedIndex.calls).toBe(1));
    await store.put(GIFT_WRAP, 'editor-anna');
    gatedIndex.open();
    const knowledge = await opening;
    await knowledge.whenIndexed();

    expect(events).toEqual(['rebuild started', 'rebuild finished', 'upsert shop.gift-wrap']);
    expect(await topEntry(knowledge, 'can you gift wrap my order')).toBe('shop.gift-wrap');
    expect(await topEntry(knowledge, '怎么充值金币')).toBe('coins.top-up');
  });

  it('makes a question asked during a rebuild wait for it instead of searching a half-built index', async () => {
    const knowledge = await open();
    gatedIndex.hold();

    await store.putSynonym({ term: '大米', canonical: '金币', locale: 'zh' }, 'editor-anna');
    await vi.waitFor(() => expect(gatedIndex.calls).toBe(2));
    const asked = knowledge.ask('怎么充值金币');
    gatedIndex.open();
    const decision = await asked;

    expect(decision.action).toBe('answer');
    expect(decision.best?.entryId).toBe('coins.top-up');
  });

  it('keeps indexing the rest of a batch of changes when one entry fails to index', async () => {
    const knowledge = await open();
    const failure = new Error('embedding failed');
    vi.spyOn(matcher, 'upsertEntry').mockRejectedValueOnce(failure);

    await store.importEntries([{ ...SEED[1]!, answer: 'Use "Forgot password".' }, GIFT_WRAP], 'editor-anna');
    await knowledge.whenIndexed();

    expect(indexErrors).toEqual([failure]);
    expect(await topEntry(knowledge, 'can you gift wrap my order')).toBe('shop.gift-wrap');
    indexErrors.length = 0;
  });

  it('stops following the store once closed', async () => {
    const knowledge = await open();
    const upsert = vi.spyOn(matcher, 'upsertEntry');

    knowledge.close();
    await store.put(GIFT_WRAP, 'editor-anna');
    await knowledge.whenIndexed();

    expect(upsert).not.toHaveBeenCalled();
  });
});
