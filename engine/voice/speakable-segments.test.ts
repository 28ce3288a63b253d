import { describe, expect, it } from 'vitest';
import { SpeakableSegmenter } from './speakable-segments.js';

describe('an answer cut into spoken segments', () => {
  it('cuts at sentence ends as the text streams, with exact spans', () => {
    const segmenter = new SpeakableSegmenter();
    const answer = ['Go to Me > Wal', 'let. Then tap Top up', '! Pay 3.5 yuan', ' and wait.'];
    const segments = answer.flatMap((delta) => segmenter.push(delta, false));
    segments.push(...segmenter.flush());
    const text = answer.join('');
    expect(segments.map((segment) => segment.text)).toEqual([
      'Go to Me > Wallet. ',
      'Then tap Top up!',
      ' Pay 3.5 yuan and wait.',
    ]);
    for (const segment of segments) expect(text.slice(segment.start, segment.end)).toBe(segment.text);
    expect(segments.at(-1)?.end).toBe(text.length);
  });

  it('cuts Chinese at full stops and at commas once a clause is long enough', () => {
    const segmenter = new SpeakableSegmenter({ minClauseChars: 6, maxChars: 160 });
    const segments = [
      ...segmenter.push('进入我的，钱包页面然后点充值，选择金额。付款即可', false),
      ...segmenter.flush(),
    ];
    expect(segments.map((segment) => segment.text)).toEqual([
      '进入我的，钱包页面然后点充值，',
      '选择金额。',
      '付款即可',
    ]);
  });

  it('never mixes an uninterruptible part with the rest, and bounds a segment’s length', () => {
    const segmenter = new SpeakableSegmenter({ minClauseChars: 12, maxChars: 20 });
    const segments = [
      ...segmenter.push('The price is ', false),
      ...segmenter.push('199 yuan, one each', true),
      ...segmenter.push(' and it ships tomorrow from our warehouse', false),
      ...segmenter.flush(),
    ];
    expect(segments.filter((segment) => segment.uninterruptible).map((segment) => segment.text)).toEqual([
      '199 yuan, one each',
    ]);
    for (const segment of segments) expect(segment.text.length).toBeLessThanOrEqual(20);
    expect(segments.map((segment) => segment.text).join('')).toBe(
      'The price is 199 yuan, one each and it ships tomorrow from our warehouse',
    );
  });
});
