import { describe, expect, it } from 'vitest';
import { EntrySchema, type Entry } from '../../knowledge/entry.js';
import { createExactVectorIndex } from '../../knowledge/matching/exact-vector-index.js';
import { Matcher } from '../../knowledge/matching/matcher.js';
import type { GlossTable } from '../../knowledge/text/gloss-table.js';
import { createBuiltinEmbedder } from './builtin-embedder.js';

const GLOSSES: GlossTable = new Map([
  ['退款', ['refund']],
  ['充值', ['recharg', 'top']],
  ['金币', ['gold', 'coin']],
  ['礼物', ['gift', 'present']],
  ['送', ['send', 'give']],
  ['怎么', ['how']],
  ['申请', ['appli']],
  ['钱', ['monei']],
]);

function entry(id: string, locale: string, questions: string[]): Entry {
  return EntrySchema.parse({ id, locale, questions, answer: id });
}

function createMatcher(): { matcher: Matcher; loads: () => number } {
  let loads = 0;
  const embedder = createBuiltinEmbedder({
    loadGlossTable: () => {
      loads++;
      return Promise.resolve(GLOSSES);
    },
  });
  const matcher = new Matcher({
    embedder,
    analyzer: embedder.analyzer,
    createVectorIndex: (dimensions) => createExactVectorIndex({ dimensions }),
  });
  return { matcher, loads: () => loads };
}

const ENGLISH = [
  entry('en-refund', 'en', [
    'how do I get a refund',
    'I want my money back',
    'request a refund for my order',
  ]),
  entry('en-recharge', 'en', ['how do I recharge coins', 'top up my gold coins', 'recharge failed']),
  entry('en-gift', 'en', ['how do I send a gift', 'give a gift to the streamer', 'gift sending']),
];

describe('cross-lingual matching with the builtin embedder', () => {
  it('answers a Chinese question from an English-only entry', async () => {
    const { matcher, loads } = createMatcher();
    await matcher.rebuild(ENGLISH, []);
    expect(loads()).toBe(0);
    const decision = await matcher.match('怎么申请退款');
    expect(decision.candidates[0]?.entryId).toBe('en-refund');
    expect(decision.candidates[0]?.scores.gloss).toBeGreaterThan(0);
    expect((await matcher.match('金币充值')).candidates[0]?.entryId).toBe('en-recharge');
    expect(loads()).toBe(1);
  });

  it('still answers a Chinese question from the Chinese entry when both languages are there', async () => {
    const { matcher } = createMatcher();
    await matcher.rebuild(
      [
        ...ENGLISH,
        entry('zh-refund', 'zh', ['怎么退款', '申请退款', '退款多久到账']),
        entry('zh-gift', 'zh', ['怎么送礼物', '礼物送不出去']),
      ],
      [],
    );
    expect((await matcher.match('我要退款')).candidates[0]?.entryId).toBe('zh-refund');
    expect((await matcher.match('怎么送礼物给主播')).candidates[0]?.entryId).toBe('zh-gift');
    expect((await matcher.match('充值金币')).candidates[0]?.entryId).toBe('en-recharge');
  });

  it("scores an entry with a view in the question's language on that view only", async () => {
    const { matcher } = createMatcher();
    const bilingual = EntrySchema.parse({
      id: 'refund',
      locale: 'en',
      questions: ['how do I get a refund'],
      answer: 'refund',
      translations: { zh: { questions: ['怎么退款'], answer: '退款' } },
    });
    await matcher.rebuild([bilingual, ENGLISH[1]!], []);
    const best = (await matcher.match('退款')).candidates[0];
    expect(best?.entryId).toBe('refund');
    expect(best?.matchedLocale).toBe('zh');
  });
});
