import { describe, expect, it } from 'vitest';
import { AngerConfigSchema } from './anger-config.js';
import { calibrate, createAngerScorer } from './anger-score.js';

const scorer = createAngerScorer(AngerConfigSchema.parse({}));
const score = (text: string) => scorer.score(text);
const cueNames = (text: string) => score(text).cues.map((cue) => `${cue.name}:${cue.match}`);

describe('anger score', () => {
  it.each([
    '你们这个垃圾平台，骗子！',
    '气死我了！！！',
    'tmd 到底什么时候退钱',
    '你们是不是有病啊？！',
    '再不退钱我就投诉到12315',
    '妈的又扣我钱',
    'This is the worst service ever, absolutely useless!!!',
    'f**k you and your stupid app',
    'I am so angry right now',
    'what the hell is wrong with you people',
    'thanks for nothing, you idiots',
  ])('reads "%s" as angry', (text) => {
    expect(score(text).detected).toBe(true);
    expect(score(text).score).toBeGreaterThanOrEqual(0.5);
  });

  it.each([
    "I'm not angry, just asking",
    '我没有生气，就是问问',
    '垃圾分类怎么做？',
    '请问怎么充值',
    'Where is my gift?',
    'Thank you!!!',
    'This is fucking hilarious lol',
    '主播好可爱哈哈哈',
    'tell me a joke',
    'not bad at all',
  ])('reads "%s" as calm', (text) => {
    expect(score(text).detected).toBe(false);
    expect(score(text).score).toBeLessThan(0.5);
  });

  it('does not take garbage sorting for an insult', () => {
    expect(cueNames('垃圾分类和垃圾桶在哪')).toEqual([]);
    expect(cueNames('你们是垃圾')).toEqual(['directed:垃圾']);
  });

  it('scores abuse aimed at the listener above the same word about a thing', () => {
    expect(score('你这个骗子').score).toBeGreaterThan(score('电话骗子很多').score);
    expect(score('you are useless').score).toBeGreaterThan(score('this cable is useless').score);
  });

  it('names the cues it found, for explanations', () => {
    expect(cueNames('你们是不是有病啊？！')).toEqual([
      'blame:你们是不是',
      'insult:有病啊',
      'question-exclamation:?!',
    ]);
    expect(cueNames('f**k you')).toEqual(['directedAbuse:f**k you']);
  });

  it('hears a threat to complain or report', () => {
    expect(cueNames('我要投诉你们，打12315')).toEqual(['threat:投诉', 'threat:12315']);
    expect(cueNames("i'll report you to the bbb")).toEqual(['threat:report you', 'threat:bbb']);
  });

  it('hears refused politeness without letting "thanks" calm it', () => {
    expect(cueNames('thanks for nothing')).toEqual(['rejectedPoliteness:thanks for nothing']);
    expect(cueNames('谢谢你全家')).toEqual(['rejectedPoliteness:谢谢你全家']);
  });

  it('lets laughter, calm asking and other feelings soften a score', () => {
    expect(score('damn this is so good lol').score).toBeLessThan(score('damn this').score);
    expect(score('the worst, thank you').score).toBeLessThan(score('the worst').score);
  });

  it('grows with shouting typography', () => {
    expect(score('WHY IS IT STILL BROKEN!!!').score).toBeGreaterThan(score('why is it still broken').score);
  });

  it('scores zero with no cue at all', () => {
    expect(score('我想问一下礼物怎么送')).toMatchObject({ score: 0, rawScore: 0, detected: false, cues: [] });
  });

  it('tells Chinese from English by script and uses that language’s threshold', () => {
    const strict = createAngerScorer(AngerConfigSchema.parse({ threshold: { zh: 0.9, en: 0.1 } }));
    expect(strict.score('退钱').language).toBe('zh');
    expect(strict.score('退钱').detected).toBe(false);
    expect(strict.score('refund me').language).toBe('en');
    expect(strict.score('refund me').detected).toBe(true);
  });

  it('takes its lists from config', () => {
    const custom = createAngerScorer(AngerConfigSchema.parse({ lexicon: { insult: { terms: ['菜鸡'] } } }));
    expect(custom.score('主播菜鸡').cues.map((cue) => cue.match)).toEqual(['菜鸡']);
    expect(custom.score('你是白痴').cues).toEqual([]);
  });

  it('stays within 0..1 whatever the input', () => {
    for (const text of ['', '!!!!!!!!!!!!!!!!!!!!', 'FUCK '.repeat(500), '\u0000\uFFFF', '😡'.repeat(100)]) {
      const result = score(text);
      expect(result.score).toBeGreaterThanOrEqual(0);
      expect(result.score).toBeLessThanOrEqual(1);
    }
  });
});

describe('anger score calibration', () => {
  it('maps the threshold to 0.5, keeps 0 and 1, and keeps order', () => {
    expect(calibrate(0, 0.3)).toBe(0);
    expect(calibrate(0.3, 0.3)).toBe(0.5);
    expect(calibrate(1, 0.3)).toBe(1);
    expect(calibrate(0.2, 0.3)).toBeLessThan(calibrate(0.25, 0.3));
    expect(calibrate(0.6, 0.3)).toBeLessThan(calibrate(0.7, 0.3));
  });
});
