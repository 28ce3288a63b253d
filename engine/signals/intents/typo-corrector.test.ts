import { describe, expect, it } from 'vitest';
import { editDistanceWithin } from './edit-distance.js';
import { createTypoCorrector, typoLimit } from './typo-corrector.js';

const vocabulary = new Map([
  ['human', 'w:human'],
  ['operator', 'w:oper'],
  ['representative', 'w:repres'],
  ['agent', 'w:agent'],
  ['person', 'w:person'],
  ['manager', 'w:manag'],
  ['urgent', 'w:urgent'],
  ['supervisor', 'w:supervisor'],
]);

/** Every known word measured: what the deletion index must find, in the same order. */
function measuredAll(word: string): string[] {
  const limit = typoLimit(word);
  if (limit === 0 || vocabulary.has(word)) return [];
  const keys = new Set<string>();
  for (let length = word.length - limit; length <= word.length + limit; length++)
    for (const [known, key] of vocabulary)
      if (known.length === length && editDistanceWithin(word, known, limit) !== undefined) keys.add(key);
  return [...keys];
}

const corrected = (word: string) => {
  const keys = new Set<string>();
  createTypoCorrector(vocabulary).correct(word, keys);
  return [...keys];
};

describe('typo correction by a deletion index', () => {
  it('reads a slip as the word it is closest to', () => {
    expect(corrected('humna')).toEqual(['w:human']);
    expect(corrected('opertor')).toEqual(['w:oper']);
    expect(corrected('represntative')).toEqual(['w:repres']);
  });

  it('leaves known words and short words alone', () => {
    expect(corrected('human')).toEqual([]);
    expect(corrected('hmn')).toEqual([]);
  });

  it('finds what measuring every known word finds, in the same order', () => {
    const words = [...vocabulary.keys()];
    const slips = new Set<string>(['agnet', 'urgnet', 'aegnt', 'supervsior', 'managre', 'persno', 'xyzzy']);
    for (const word of words)
      for (let index = 0; index < word.length; index++) {
        slips.add(word.slice(0, index) + word.slice(index + 1));
        slips.add(word.slice(0, index) + 'x' + word.slice(index + 1));
        slips.add(word.slice(0, index) + 'e' + word.slice(index));
        slips.add(
          word.slice(0, index) +
            word.slice(index + 2, index + 3) +
            word.slice(index + 1, index + 2) +
            word.slice(index + 3),
        );
      }
    for (const slip of slips) expect(corrected(slip), slip).toEqual(measuredAll(slip));
  });
});
