import { describe, expect, it } from 'vitest';
import { parseChineseNumber } from './chinese-number.js';

describe('Chinese numerals', () => {
  it.each([
    ['五', 5],
    ['十二', 12],
    ['五百', 500],
    ['两千', 2000],
    ['三千八', 3800],
    ['一百五', 150],
    ['一万', 10_000],
    ['一万五', 15_000],
    ['两万三千', 23_000],
    ['十万', 100_000],
    ['一千零五', 1005],
  ])('reads %s as %d', (text, value) => {
    expect(parseChineseNumber(text)).toBe(value);
  });

  it('returns null for what is not a numeral', () => {
    expect(parseChineseNumber('')).toBeNull();
    expect(parseChineseNumber('块')).toBeNull();
    expect(parseChineseNumber('一万万万')).toBeNull();
  });
});
