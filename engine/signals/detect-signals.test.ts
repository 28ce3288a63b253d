import { describe, expect, it } from 'vitest';
import type { SignalReport } from '../policy/signal-report.js';
import { createSignalDetector, detectSignals, SignalsConfigSchema, type Signals } from './detect-signals.js';

const detector = createSignalDetector(SignalsConfigSchema.parse({}));

describe('signals for one viewer turn', () => {
  it('reads a calm first question as calm', () => {
    const signals = detector.detect({
      text: '请问怎么给主播送礼物？',
      history: [],
      profile: { tier: 'regular' },
    });
    expect(signals).toMatchObject({
      anger: { score: 0, detected: false, cues: [], trend: 'steady' },
      humanRequest: { detected: false, cues: [] },
      repetition: { detected: false, similarity: 0 },
      sensitive: { categories: [] },
      vip: false,
    });
  });

  it('reads the same words the same way for every viewer, while repetition still follows each history', () => {
    const cached = createSignalDetector(SignalsConfigSchema.parse({}));
    const uncached = createSignalDetector(SignalsConfigSchema.parse({}), { recentTexts: 0 });
    const text = '礼物还是没到账！！！垃圾平台，转人工';
    const first = cached.detect({ text, history: [] });
    const repeated = cached.detect({ text, history: [text] });
    expect(repeated.anger.score).toBe(first.anger.score);
    expect(repeated.anger.trendScores).toEqual([first.anger.score, first.anger.score]);
    expect(repeated.humanRequest).toEqual(first.humanRequest);
    expect(repeated.repetition.similarity).toBeGreaterThan(first.repetition.similarity);
    expect(repeated).toEqual(uncached.detect({ text, history: [text] }));
    expect(Object.isFrozen(repeated.humanRequest)).toBe(true);
  });

  it('reads a viewer who gets angrier, repeats themselves and asks for a person', () => {
    const signals = detector.detect({
      text: '礼物还是没到账！！！你们这个垃圾平台，转人工',
      history: ['请问礼物怎么没到账', '礼物还是没到账，怎么回事'],
      profile: { tier: 'vip' },
    });
    expect(signals.anger.detected).toBe(true);
    expect(signals.anger.cues).toContain('directed:垃圾');
    expect(signals.anger.trend).toBe('rising');
    expect(signals.anger.trendScores).toHaveLength(3);
    expect(signals.humanRequest).toEqual({ detected: true, cues: ['转人工'], pure: false });
    expect(signals.repetition.detected).toBe(true);
    expect(signals.vip).toBe(true);
  });

  it('reads sensitive topics in English', () => {
    const signals = detector.detect({
      text: 'my daughter spent $500 on gifts with my card, I want a refund',
      history: [],
    });
    expect(signals.sensitive.categories.map((topic) => topic.category)).toEqual([
      'minor_spending',
      'large_dispute',
    ]);
  });

  it('uses the anger scores the conversation kept instead of scoring history again', () => {
    const signals = detector.detect({
      text: 'this is useless, you idiots',
      history: ['hi', 'hello'],
      previousAngerScores: [0.9, 0.9],
    });
    expect(signals.anger.trendScores.slice(0, 2)).toEqual([0.9, 0.9]);
    expect(signals.anger.trend).not.toBe('rising');
  });

  it('passes an injected similarity to the repetition signal', () => {
    const always = createSignalDetector(SignalsConfigSchema.parse({}), { similarity: () => 1 });
    expect(
      always.detect({ text: 'how do I top up', history: ['what is a VIP badge'] }).repetition.detected,
    ).toBe(true);
  });

  it('hears a message that is nothing but "人工" or "客服" from the lists alone', () => {
    for (const text of ['人工', '客服！', '人工客服', '真人？']) {
      expect(detector.detect({ text, history: [] }).humanRequest.detected, text).toBe(true);
    }
    expect(detector.detect({ text: '人工费怎么算', history: [] }).humanRequest.detected).toBe(false);
  });

  it.each([
    ['再不处理我就去12315投诉你们', 'publicThreat'],
    ['我要找律师起诉你们', 'publicThreat'],
    ["I'll dispute the charge with my bank", 'publicThreat'],
    ['leaving a one star review everywhere', 'publicThreat'],
    ['这破软件我卸载了，再也不来了', 'churn'],
    ['close my account, I am done with this app', 'churn'],
    ['不处理我就发小红书让大家避雷', 'publicThreat'],
    ['visa dispute incoming', 'publicThreat'],
    ['会员到期就走人，垃圾', 'churn'],
    ['not spending another cent on this', 'churn'],
  ] as const)('reads "%s" as %s', (text, signal) => {
    expect(detector.detect({ text, history: [] })[signal].detected).toBe(true);
  });

  it.each(['怎么投诉主播', 'how do I report a streamer', 'the basketball court was packed', '主播是律师吗'])(
    'reads "%s" as neither a threat nor churn',
    (text) => {
      const signals = detector.detect({ text, history: [] });
      expect(signals.publicThreat.detected).toBe(false);
      expect(signals.churn.detected).toBe(false);
    },
  );

  it.each(['截图我都发了四次了', 'I already sent my order number three times', '每次都复制粘贴一样的话'])(
    'hears "%s" say that it repeats itself',
    (text) => {
      expect(detector.detect({ text, history: [] }).repetition.detected).toBe(true);
    },
  );

  it('reads a money grievance shouted with ！！！ or capitals as anger, not a question', () => {
    for (const text of ['直播卡成这样还照样扣钱！！！！', 'my gift NEVER ARRIVED and the coins are GONE']) {
      const signals = detector.detect({ text, history: [] });
      expect(signals.anger.detected, text).toBe(true);
      expect(signals.anger.cues.join(' '), text).toContain('heated-grievance');
    }
  });

  it('reads sarcasm: praise over a complaint', () => {
    for (const text of ['你们客服效率真高啊，一个礼拜回我一句稍等', 'love how my coins just disappear']) {
      expect(detector.detect({ text, history: [] }).anger.cues.join(' '), text).toContain('sarcasm');
    }
  });

  it('leaves a title in 《》 out of what the viewer says', () => {
    const signals = detector.detect({ text: '主播刚唱的那首《骗子》叫什么', history: [] });
    expect(signals.sensitive.categories).toEqual([]);
    expect(signals.anger.detected).toBe(false);
  });

  it('produces what the escalation policy reads', () => {
    const signals: Signals = detectSignals({ text: '你是机器人吧', history: [] });
    const report: SignalReport = signals;
    expect(report.humanRequest.detected).toBe(true);
  });

  it('validates its config and fills defaults', () => {
    expect(SignalsConfigSchema.parse({}).anger.threshold.zh).toBeGreaterThan(0);
    expect(SignalsConfigSchema.safeParse({ anger: { threshold: { en: 3 } } }).success).toBe(false);
    expect(SignalsConfigSchema.safeParse({ repetition: { lookbackTurns: 0 } }).success).toBe(false);
    expect(SignalsConfigSchema.safeParse({ vip: { tiers: [''] } }).success).toBe(false);
    expect(() => detectSignals({ text: 'hi', history: [] }, { humanRequest: { patterns: ['('] } })).toThrow();
  });

  it('lets a deployment change one signal without restating the rest', () => {
    const config = SignalsConfigSchema.parse({
      vip: { tiers: ['gold'] },
      humanRequest: { phrases: ['找房管'] },
    });
    const custom = createSignalDetector(config);
    expect(custom.detect({ text: '找房管', history: [], profile: { tier: 'gold' } })).toMatchObject({
      vip: true,
      humanRequest: { detected: true },
    });
    expect(custom.detect({ text: '转人工', history: [] }).humanRequest.detected).toBe(true);
  });
});
