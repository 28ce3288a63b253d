import { describe, expect, it } from 'vitest';
import { createHnswVectorIndex } from '../../adapters/hnswlib/hnsw-vector-index.js';
import { createBuiltinEmbedder } from '../../adapters/language/builtin-embedder.js';
import { EntrySchema, type Entry, type EntryInput } from '../entry.js';
import type { VectorIndex } from '../ports.js';
import { createExactVectorIndex } from './exact-vector-index.js';
import { Matcher } from './matcher.js';
import { DEFAULT_MATCHER_CONFIG, mergeMatcherConfig } from './matcher-config.js';

const entry = (input: EntryInput): Entry => EntrySchema.parse(input);

const KNOWLEDGE: Entry[] = [
  entry({
    id: 'coins.top-up',
    locale: 'zh',
    questions: ['怎么充值金币', '金币在哪里充值', '我想买金币', '充值入口在哪'],
    answer: '进入 我的 > 钱包 > 充值。',
    translations: {
      en: {
        questions: ['how do I top up coins', 'where can I buy coins', 'recharge my wallet'],
        answer: 'Go to Me > Wallet > Top up.',
      },
    },
  }),
  entry({
    id: 'coins.not-arrived',
    locale: 'zh',
    questions: ['充值了金币没到账', '付款成功但是金币没有到', '充的钱没到账怎么办'],
    answer: '请等待 5 分钟后刷新钱包。',
    translations: {
      en: {
        questions: ['I paid but the coins did not arrive', 'top up not received'],
        answer: 'Wait five minutes, then refresh your wallet.',
      },
    },
  }),
  entry({
    id: 'account.password',
    locale: 'en',
    questions: ['I forgot my password', 'how do I reset my password', 'cannot log in, password wrong'],
    answer: 'Tap "Forgot password" on the login page.',
    translations: {
      zh: { questions: ['忘记密码了怎么办', '怎么重置密码'], answer: '在登录页点“忘记密码”。' },
    },
  }),
  entry({
    id: 'shop.returns',
    locale: 'zh',
    questions: ['怎么退货', '买的衣服不合适想退', '七天无理由退货怎么申请'],
    answer: '在 订单 > 申请售后 提交退货。',
  }),
  entry({
    id: 'flash-sale.room-1',
    locale: 'zh',
    questions: ['今天的秒杀羽绒服多少钱', '秒杀价格是多少'],
    answer: '羽绒服秒杀价 199 元。',
    scope: { roomId: 'room-1', validFrom: '2026-01-01T00:00:00Z', validUntil: '2026-01-02T00:00:00Z' },
  }),
];

const indexes: [string, (dimensions: number) => VectorIndex | Promise<VectorIndex>][] = [
  ['exact', (dimensions) => createExactVectorIndex({ dimensions })],
  ['hnsw', (dimensions) => createHnswVectorIndex({ dimensions })],
];

async function buildMatcher(
  createVectorIndex: (dimensions: number) => VectorIndex | Promise<VectorIndex>,
  now = new Date('2026-01-01T12:00:00Z'),
): Promise<Matcher> {
  const embedder = createBuiltinEmbedder();
  const matcher = new Matcher({ embedder, analyzer: embedder.analyzer, createVectorIndex, clock: () => now });
  await matcher.rebuild(KNOWLEDGE, [{ term: 'cz', canonical: '充值', locale: 'zh' }]);
  return matcher;
}

describe.each(indexes)('matcher over the %s vector index', (_, createVectorIndex) => {
  it('answers a Chinese question with the entry and explains why', async () => {
    const matcher = await buildMatcher(createVectorIndex);
    const decision = await matcher.match('在哪里充值金币啊');
    expect(decision.action).toBe('answer');
    expect(decision.best?.entryId).toBe('coins.top-up');
    expect(decision.best?.explanation.sharedTerms).toContain('充值');
    expect(decision.best?.explanation.nearestPhrasing?.text).toBe('金币在哪里充值');
    expect(decision.confidence).toBeGreaterThan(decision.thresholds.answerMinConfidence);
    expect(decision.margin).toBeGreaterThan(0);
  });

  it('matches the English view of a bilingual entry', async () => {
    const decision = await (await buildMatcher(createVectorIndex)).match('where do I buy more coins?');
    expect(decision.best?.entryId).toBe('coins.top-up');
    expect(decision.best?.matchedLocale).toBe('en');
  });

  it('meets typos, homophones, slang and Traditional characters', async () => {
    const matcher = await buildMatcher(createVectorIndex);
    expect((await matcher.match('how do i reset my pasword')).candidates[0]?.entryId).toBe(
      'account.password',
    );
    expect((await matcher.match('冲值了金币没到账')).candidates[0]?.entryId).toBe('coins.not-arrived');
    expect((await matcher.match('cz了没到账')).candidates[0]?.entryId).toBe('coins.not-arrived');
    expect((await matcher.match('怎麼退貨')).candidates[0]?.entryId).toBe('shop.returns');
  });

  it('says honestly that nothing fits an unrelated question', async () => {
    const matcher = await buildMatcher(createVectorIndex);
    for (const question of ['what is the capital of France', '今天天气怎么样']) {
      const decision = await matcher.match(question);
      expect(decision.action, question).toBe('none');
      expect(decision.best).toBeUndefined();
    }
  });

  it('offers the close candidates instead of guessing between them', async () => {
    const matcher = await buildMatcher(createVectorIndex);
    // "金币" alone fits both coin entries; top-up leads clearly, but this setting calls any runner-up close.
    matcher.useConfig(mergeMatcherConfig(DEFAULT_MATCHER_CONFIG, { thresholds: { clarifyMinRatio: 0.05 } }));
    const decision = await matcher.match('金币');
    expect(decision.action).toBe('clarify');
    expect(
      decision.candidates
        .map((candidate) => candidate.entryId)
        .slice(0, 2)
        .sort(),
    ).toEqual(['coins.not-arrived', 'coins.top-up']);
  });

  it('matches a scoped entry only in its room and time window', async () => {
    const question = '秒杀的羽绒服多少钱';
    const inWindow = await buildMatcher(createVectorIndex);
    expect((await inWindow.match(question, { context: { roomId: 'room-1' } })).best?.entryId).toBe(
      'flash-sale.room-1',
    );
    const elsewhere = await inWindow.match(question, { context: { roomId: 'room-2' } });
    expect(elsewhere.candidates.map((candidate) => candidate.entryId)).not.toContain('flash-sale.room-1');
    const afterSale = await buildMatcher(createVectorIndex, new Date('2026-01-03T00:00:00Z'));
    const late = await afterSale.match(question, { context: { roomId: 'room-1' } });
    expect(late.candidates.map((candidate) => candidate.entryId)).not.toContain('flash-sale.room-1');
  });

  it('takes in an added, changed or removed entry without a rebuild', async () => {
    const matcher = await buildMatcher(createVectorIndex);
    const question = 'how do I block a user who harasses me';
    expect((await matcher.match(question)).best?.entryId).toBeUndefined();
    await matcher.upsertEntry(
      entry({
        id: 'social.block',
        locale: 'en',
        questions: ['how do I block someone', 'block a user'],
        answer: 'Open their profile and tap Block.',
      }),
    );
    expect((await matcher.match(question)).best?.entryId).toBe('social.block');
    await matcher.upsertEntry(
      entry({
        id: 'social.block',
        locale: 'en',
        questions: ['block a user'],
        answer: 'Tap Block.',
        enabled: false,
      }),
    );
    expect((await matcher.match(question)).candidates.map((candidate) => candidate.entryId)).not.toContain(
      'social.block',
    );
    await matcher.upsertEntry(
      entry({
        id: 'social.block',
        locale: 'en',
        questions: ['how do I block someone'],
        answer: 'Tap Block.',
      }),
    );
    matcher.removeEntry('social.block');
    expect((await matcher.match(question)).candidates.map((candidate) => candidate.entryId)).not.toContain(
      'social.block',
    );
    expect(matcher.entryCount).toBe(KNOWLEDGE.length);
  });
});

describe('matcher on hostile input', () => {
  it.each([
    ['empty', '', 'none'],
    ['whitespace', '   \n\t ', 'none'],
    ['emoji only', '😀🔥👍🏽❤️‍🔥', 'none'],
    ['control characters', '\u0000\u0001\u0002\u001b[31m', 'none'],
    ['binary', String.fromCharCode(...Array.from({ length: 512 }, (_, code) => code % 256)), undefined],
    ['enormous', '怎么充值金币 '.repeat(50_000), 'answer'],
    ['HTML and script', '<script>alert("怎么充值金币")</script><img src=x onerror=alert(1)>', undefined],
    ['mixed script', 'how to 充值 金币 مرحبا привет', undefined],
  ])('gives a sensible decision for %s input', async (_, text, action) => {
    const embedder = createBuiltinEmbedder();
    const matcher = new Matcher({
      embedder,
      analyzer: embedder.analyzer,
      createVectorIndex: (dimensions) => createExactVectorIndex({ dimensions }),
    });
    await matcher.rebuild(KNOWLEDGE, []);
    const decision = await matcher.match(text);
    expect(['answer', 'clarify', 'none']).toContain(decision.action);
    if (action) expect(decision.action).toBe(action);
    expect(decision.query.normalized.length).toBeLessThanOrEqual(1000);
    for (const candidate of decision.candidates) expect(candidate.confidence).toBeGreaterThanOrEqual(0);
  });

  it('answers nothing from an empty knowledge base', async () => {
    const embedder = createBuiltinEmbedder();
    const matcher = new Matcher({
      embedder,
      analyzer: embedder.analyzer,
      createVectorIndex: (dimensions) => createExactVectorIndex({ dimensions }),
    });
    const decision = await matcher.match('怎么充值');
    expect(decision).toMatchObject({ action: 'none', reason: 'the knowledge base is empty' });
  });

  it('rejects at once when the call is already aborted', async () => {
    const matcher = await buildMatcher((dimensions) => createExactVectorIndex({ dimensions }));
    await expect(matcher.match('怎么充值', { signal: AbortSignal.abort() })).rejects.toMatchObject({
      code: 'aborted',
    });
  });
});

describe('matcher thresholds', () => {
  it('uses per-locale thresholds over the defaults', async () => {
    const matcher = await buildMatcher((dimensions) => createExactVectorIndex({ dimensions }));
    matcher.useConfig(
      mergeMatcherConfig(DEFAULT_MATCHER_CONFIG, { thresholdsByLocale: { zh: { minFusedScore: 5 } } }),
    );
    const chinese = await matcher.match('在哪里充值金币啊');
    expect(chinese.thresholds.minFusedScore).toBe(5);
    expect(chinese.action).toBe('none');
    const english = await matcher.match('how do I reset my password');
    expect(english.action).toBe('answer');
  });
});
