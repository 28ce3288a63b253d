import { describe, expect, it } from 'vitest';
import { createSignalDetector, SignalsConfigSchema } from '../../engine/signals/detect-signals.js';
import { createBuiltinSignalSupport } from './builtin-signal-support.js';

const support = createBuiltinSignalSupport({
  synonyms: [{ term: 'zb', canonical: '主播' }],
  entries: [
    { questions: ['礼物没到账怎么办', '怎么充值金币', '主播在哪里开播'] },
    { questions: ['how do I top up coins', 'how long does shipping take'] },
  ],
});
const withSupport = createSignalDetector(SignalsConfigSchema.parse({}), support);
const listsOnly = createSignalDetector(SignalsConfigSchema.parse({}));
const read = (text: string) => withSupport.detect({ text, history: [] });

describe('signals with the builtin language support', () => {
  it.each([
    '人工',
    'rg',
    'ren gong',
    'rengong',
    'zhuan ren gong',
    '轉人工',
    '我要人宫',
    '转人宫',
    'kf',
    'ke fu',
    'operator',
    'human please',
    'i want a humna',
  ])('hears "%s" as a request for a person', (text) => {
    expect(read(text).humanRequest.detected).toBe(true);
  });

  it('finds what the word lists alone miss', () => {
    // ("rg" alone is now in the lists too: initials typed glued, "rgrg", "zrgkf", are a pattern of their own)
    for (const text of ['ren gong', '轉人工', '我要人宫', '转真仁']) {
      expect(listsOnly.detect({ text, history: [] }).humanRequest.detected, text).toBe(false);
    }
  });

  it('calls a message that is nothing but the request pure, and one that also asks something not', () => {
    expect(read('人工').humanRequest.pure).toBe(true);
    expect(read('我要人工！！').humanRequest.pure).toBe(true);
    expect(read('礼物没到账，转人工').humanRequest).toMatchObject({ detected: true, pure: false });
  });

  it.each([
    'how long does human hair shipping take',
    'how do I become an agent for the agency',
    '人工智能主播是真人吗',
    '主播在吗',
    '给妈妈打个电话',
    'i will call my mom back later',
  ])('hears no request for a person in "%s"', (text) => {
    expect(read(text).humanRequest.detected).toBe(false);
  });

  it.each([
    'zrg',
    'rgkf在不在',
    'you mei you ren gong',
    '转人エ',
    '人工在吗？',
    'customer service?',
    'tlak to a humna',
  ])(
    'hears "%s", typed as initials, pinyin, a look-alike or with slips, as a request for a person',
    (text) => {
      expect(read(text).humanRequest.detected).toBe(true);
    },
  );

  it.each([
    '客服时间是几点到几点',
    '专属客服怎么开通',
    "the seller's customer service isn't answering, what now",
    '人工审核要多久',
  ])('hears no request in "%s", which only names one', (text) => {
    expect(read(text).humanRequest).toMatchObject({ detected: false, pure: false });
  });

  it.each(['给我打电话', '給我打電話', 'call me back pls'])('hears "%s" as a callback request', (text) => {
    expect(read(text).humanRequest.detected).toBe(true);
  });

  it('reads abuse typed as pinyin', () => {
    expect(read('shabi客服').anger.detected).toBe(true);
    expect(read('nmsl').anger.detected).toBe(true);
  });

  it('reads safety through typed pinyin', () => {
    expect(read('huo zhe mei yi si').sensitive.categories.map((topic) => topic.category)).toContain('safety');
  });

  it('reads a how-to question about leaving as a question, and a plan to leave as churn', () => {
    for (const text of ['怎么注销账号', '如何注销账号', 'how do I delete my account']) {
      expect(read(text).churn.detected, text).toBe(false);
      expect(read(text).anger.detected, text).toBe(false);
    }
    for (const text of ['注销账号，再也不来了', "I'm going to delete my account, done with this"])
      expect(read(text).churn.detected, text).toBe(true);
  });

  it('hears when human agents work as a question about hours, not a call for one', () => {
    for (const text of [
      '你们的人工客服几点上班',
      'when are human agents available',
      'is the streamer a real person',
    ])
      expect(read(text).humanRequest.detected, text).toBe(false);
    expect(read('人工客服').humanRequest.detected).toBe(true);
  });

  it('reads staff by other names and misspelt "customer service" as requests for a person', () => {
    for (const text of [
      '找你们管事的',
      '我想跟你们的员工当面说清楚',
      'custmer service',
      'costumer support rep',
    ])
      expect(read(text).humanRequest.detected, text).toBe(true);
  });
});
