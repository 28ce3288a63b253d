import { describe, expect, it } from 'vitest';
import { createBuiltinEmbedder } from '../../adapters/language/builtin-embedder.js';
import { EntrySchema, type Entry, type EntryInput } from '../entry.js';
import { createExactVectorIndex } from './exact-vector-index.js';
import { Matcher } from './matcher.js';
import { DEFAULT_MATCHER_CONFIG, mergeMatcherConfig, type MatcherConfigOverrides } from './matcher-config.js';

const entry = (input: EntryInput): Entry => EntrySchema.parse(input);

/** A new customer's shape: one language per entry, three phrasings each. */
const STARTER: Entry[] = [
  entry({
    id: 'coins.top-up',
    locale: 'zh',
    questions: ['怎么充值金币', '金币在哪里充值', '我想买金币'],
    answer: '进入 我的 > 钱包 > 充值。',
  }),
  entry({
    id: 'coins.not-arrived',
    locale: 'zh',
    questions: ['充值了金币没到账', '付款成功但是金币没有到', '充的钱没到账怎么办'],
    answer: '请等待 5 分钟后刷新钱包。',
  }),
  entry({
    id: 'account.password',
    locale: 'en',
    questions: ['I forgot my password', 'how do I reset my password', 'cannot log in, password wrong'],
    answer: 'Tap "Forgot password" on the login page.',
  }),
  entry({
    id: 'shop.returns',
    locale: 'en',
    questions: ['how do I return an item', 'I want to send back what I bought', 'return policy for clothes'],
    answer: 'Open the order and tap Return.',
  }),
  entry({
    id: 'gifts.send',
    locale: 'zh',
    questions: ['怎么给主播送礼物', '礼物在哪里送', '送礼物的按钮在哪'],
    answer: '点直播间右下角的礼物图标。',
  }),
];

async function matcherOver(
  entries: readonly Entry[],
  overrides: MatcherConfigOverrides = {},
): Promise<Matcher> {
  const embedder = createBuiltinEmbedder();
  const matcher = new Matcher({
    embedder,
    analyzer: embedder.analyzer,
    createVectorIndex: (dimensions) => createExactVectorIndex({ dimensions }),
    config: mergeMatcherConfig(DEFAULT_MATCHER_CONFIG, overrides),
  });
  await matcher.rebuild(entries, []);
  return matcher;
}

describe('the trained matcher', () => {
  it('ranks with the classifier: every candidate carries its probability, and none without it', async () => {
    const trained = await matcherOver(STARTER);
    const decision = await trained.match('忘记密码了怎么办');
    expect(decision.candidates[0]?.scores.classifier).toBeGreaterThan(0);
    const untrained = await matcherOver(STARTER, { fusion: { classifier: 0 } });
    expect((await untrained.match('忘记密码了怎么办')).candidates[0]?.scores.classifier).toBeUndefined();
  });

  it('reaches an entry written only in the other language through its rendered phrasings', async () => {
    const matcher = await matcherOver(STARTER);
    const english = await matcher.match('how do I recharge coins');
    expect(english.candidates[0]?.entryId).toBe('coins.top-up');
    // The answer is the one the editor wrote, in the entry's language.
    expect(english.candidates[0]?.matchedLocale).toBe('zh');
    const chinese = await matcher.match('我想退货');
    expect(chinese.candidates[0]?.entryId).toBe('shop.returns');
    // Without rendered views the entry in the other language scores lower.
    const withoutRendering = await matcherOver(STARTER, { crossLingual: { phrasings: false } });
    const unrendered = (await withoutRendering.match('我想退货')).candidates.find(
      (candidate) => candidate.entryId === 'shop.returns',
    );
    expect(unrendered?.scores.fused ?? 0).toBeLessThan(chinese.candidates[0]!.scores.fused);
  });

  it('gives general chat to the background and declines it', async () => {
    const matcher = await matcherOver(STARTER);
    const weather = await matcher.match('明天天气怎么样');
    expect(weather.action).toBe('none');
    expect(weather.background).toBeGreaterThan(0.3);
    const question = await matcher.match('金币怎么充值');
    expect(question.background).toBeLessThan(0.1);
    expect(question.action).toBe('answer');
    const without = await matcherOver(STARTER, { classifier: { background: false } });
    expect((await without.match('明天天气怎么样')).background).toBe(0);
  });

  it('offers entries only when two or three are close, never one plausible entry beside unlikely ones', async () => {
    const twins: Entry[] = [
      ...STARTER,
      entry({
        id: 'coins.top-up-twin',
        locale: 'zh',
        questions: ['怎么充值金币', '金币在哪里充值', '我想买金币'],
        answer: '同上。',
      }),
    ];
    const matcher = await matcherOver(twins);
    const close = await matcher.match('在哪里充值金币');
    expect(close.action).toBe('clarify');
    expect(close.candidates.map((candidate) => candidate.entryId).sort()).toEqual([
      'coins.top-up',
      'coins.top-up-twin',
    ]);
    for (const text of ['主播今天穿的衣服真好看', 'the streamer sings well']) {
      const decision = await matcher.match(text);
      if (decision.action === 'clarify') expect(decision.candidates.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('learns an entry added later without a rebuild', async () => {
    const matcher = await matcherOver(STARTER);
    await matcher.upsertEntry(
      entry({
        id: 'moderation.mute',
        locale: 'zh',
        questions: ['为什么我被禁言了', '禁言多久能解除', '怎么解除禁言'],
        answer: '禁言到期自动解除。',
      }),
    );
    const decision = await matcher.match('我被禁言了怎么办');
    expect(decision.candidates[0]?.entryId).toBe('moderation.mute');
    const probabilities = decision.candidates.map((candidate) => candidate.scores.classifier ?? 0);
    expect(probabilities[0]).toBe(Math.max(...probabilities));
  });
});

describe('the classifier’s own features', () => {
  /** Per phrasing of the entries: whether the classifier gives its own entry the highest probability. */
  async function ownPhrasingsRight(matcher: Matcher, entries: readonly Entry[]): Promise<number> {
    let right = 0;
    for (const { id, questions } of entries) {
      for (const question of questions) {
        const candidates = (await matcher.match(question)).candidates;
        const best = candidates.reduce((top, candidate) =>
          (candidate.scores.classifier ?? 0) > (top.scores.classifier ?? 0) ? candidate : top,
        );
        if (best.entryId === id) right++;
      }
    }
    return right;
  }

  async function matcherWithBuckets(
    dimensions: number,
    overrides: MatcherConfigOverrides,
    entries: readonly Entry[] = STARTER,
  ): Promise<Matcher> {
    const embedder = createBuiltinEmbedder({ dimensions });
    const matcher = new Matcher({
      embedder,
      analyzer: embedder.analyzer,
      createVectorIndex: (size) => createExactVectorIndex({ dimensions: size }),
      config: mergeMatcherConfig(DEFAULT_MATCHER_CONFIG, overrides),
    });
    await matcher.rebuild(entries, []);
    return matcher;
  }

  it('keeps features apart that the embedding folds into the same few buckets', async () => {
    const phrasings = STARTER.reduce((total, { questions }) => total + questions.length, 0);
    const own = await matcherWithBuckets(8, { classifier: { ownFeatures: true } });
    expect(await ownPhrasingsRight(own, STARTER)).toBe(phrasings);
    const folded = await matcherWithBuckets(8, { classifier: { ownFeatures: false } });
    expect(await ownPhrasingsRight(folded, STARTER)).toBeLessThan(phrasings);
  });

  it('learns the words of an edited entry that no phrasing had before, without a rebuild', async () => {
    const matcher = await matcherOver(STARTER);
    const edited = entry({
      id: 'gifts.send',
      locale: 'zh',
      questions: ['怎么给主播刷火箭', '火箭在哪里刷', '刷火箭的按钮在哪'],
      answer: '点直播间右下角的礼物图标。',
    });
    await matcher.upsertEntry(edited);
    const decision = await matcher.match('火箭怎么刷');
    expect(decision.candidates[0]?.entryId).toBe('gifts.send');
    expect(decision.candidates[0]?.scores.classifier).toBeGreaterThan(0.5);
  });

  it('gives the same probabilities on every rebuild of the same knowledge base', async () => {
    const scores = async (): Promise<number[]> => {
      const matcher = await matcherOver(STARTER);
      const decision = await matcher.match('充值的金币一直没到');
      return decision.candidates.map((candidate) => candidate.scores.classifier ?? -1);
    };
    expect(await scores()).toEqual(await scores());
  });
});
