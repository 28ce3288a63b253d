import { describe, expect, it } from 'vitest';
import { allMatches } from './all-matches.js';

const pairs = (matches: Iterable<RegExpMatchArray>) => [...matches].map((match) => [match.index, match[0]]);

describe('every match of a global regular expression', () => {
  it('gives what matchAll gives, empty matches and surrogate pairs included', () => {
    const cases: [RegExp, string][] = [
      [/[!！]{2,}/gu, 'no!! way！！！'],
      [/a*/gu, 'baac😀a'],
      [/(?:)/gu, '😀x'],
      [/(?:)/g, '😀x'],
      [/\b\w+\b/gi, 'Talk to A human'],
    ];
    for (const [regex, text] of cases)
      expect(pairs(allMatches(regex, text))).toEqual(pairs(text.matchAll(regex)));
  });

  it('leaves the expression ready for the next text', () => {
    const regex = /b/g;
    allMatches(regex, 'abcb');
    expect(regex.lastIndex).toBe(0);
    expect(pairs(allMatches(regex, 'b'))).toEqual([[0, 'b']]);
  });

  it('refuses an expression that is not global', () => {
    expect(() => allMatches(/b/, 'b')).toThrow(TypeError);
  });
});
