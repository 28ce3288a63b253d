import { describe, expect, it } from 'vitest';
import { detectLocale } from './detect-locale.js';

describe('detectLocale', () => {
  it('detects Chinese phrasings, simplified and traditional', () => {
    expect(detectLocale(['怎么退款', '退款要多久'])).toBe('zh');
    expect(detectLocale(['怎麼退款'])).toBe('zh');
  });

  it('detects English phrasings', () => {
    expect(detectLocale(['how do I get a refund', 'refund please'])).toBe('en');
  });

  it('keeps Chinese phrasings that embed English names as Chinese', () => {
    expect(
      detectLocale(['将 morten harket 添加到 this is puccini', '把这首歌添加到我的 in the arms of a woman']),
    ).toBe('zh');
  });

  it('keeps English phrasings with a stray Chinese word as English', () => {
    expect(detectLocale(['what does the word 好 mean in this stream'])).toBe('en');
  });

  it('falls back to English when there are no letters at all', () => {
    expect(detectLocale([])).toBe('en');
    expect(detectLocale(['123 ???'])).toBe('en');
  });
});
