import { describe, expect, it } from 'vitest';
import { createRepetitionDetector } from './repetition.js';
import { RepetitionConfigSchema } from './repetition-config.js';

const detector = createRepetitionDetector(RepetitionConfigSchema.parse({}));

describe('repetition', () => {
  it('notices the same question asked again', () => {
    const result = detector.detect({
      text: '我的礼物怎么还没到账？',
      history: ['主播几点下播', '我的礼物怎么没到账'],
    });
    expect(result.detected).toBe(true);
    expect(result.similarTo).toBe(1);
    expect(result.similarity).toBeGreaterThan(0.5);
    expect(result.cues[0]).toMatch(/^similar:/);
  });

  it('notices an English question asked again', () => {
    expect(detector.detect({ text: 'where is my gift???', history: ['Where is my gift?'] }).detected).toBe(
      true,
    );
  });

  it('does not call a new question a repeat', () => {
    expect(detector.detect({ text: '怎么开通会员', history: ['礼物没到账'] })).toMatchObject({
      detected: false,
      cues: [],
    });
  });

  it('does not compare short acknowledgements', () => {
    expect(detector.detect({ text: '好的', history: ['好的'] }).detected).toBe(false);
    expect(detector.detect({ text: 'ok', history: ['ok'] }).detected).toBe(false);
  });

  it('looks back only a few turns', () => {
    const short = createRepetitionDetector(RepetitionConfigSchema.parse({ lookbackTurns: 1 }));
    expect(short.detect({ text: '礼物没到账', history: ['礼物没到账', '主播几点下播'] }).detected).toBe(
      false,
    );
  });

  it.each([
    '没用',
    '还是不行啊',
    '问题还没解决',
    '不是这个，我问的是退款',
    '答非所问',
    "that didn't help",
    'still not working',
    "that's not what I asked",
    'I already tried that',
  ])('hears "%s" as the answer not helping', (text) => {
    const result = detector.detect({ text, history: [] });
    expect(result.detected).toBe(true);
    expect(result.cues.some((cue) => cue.startsWith('not-helped:'))).toBe(true);
  });

  it.each(['这个我还没用过', '废话不多说，怎么充值', 'no help needed, thanks'])(
    'does not hear "%s" as a complaint',
    (text) => {
      expect(detector.detect({ text, history: [] }).detected).toBe(false);
    },
  );

  it('uses an injected similarity, such as the matcher’s', () => {
    const calls: [string, string][] = [];
    const injected = createRepetitionDetector(RepetitionConfigSchema.parse({}), (first, second) => {
      calls.push([first, second]);
      return 0.9;
    });
    expect(injected.detect({ text: 'how do I top up', history: ['recharge not working'] }).detected).toBe(
      true,
    );
    expect(calls).toEqual([['how do I top up', 'recharge not working']]);
  });

  it('rejects a similarity threshold above 1', () => {
    expect(RepetitionConfigSchema.safeParse({ minSimilarity: 1.5 }).success).toBe(false);
  });
});
