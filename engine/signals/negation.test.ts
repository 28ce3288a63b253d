import { describe, expect, it } from 'vitest';
import { isNegated } from './negation.js';

const rules = {
  words: ['not', 'no', 'never'],
  windowWords: 3,
  characters: ['不', '没', '别'],
  windowCharacters: 3,
};
const negated = (text: string, word: string) => isNegated(text, text.indexOf(word), rules);

describe('negation before a cue', () => {
  it('sees English negators a few words back', () => {
    expect(negated("i'm not angry", 'angry')).toBe(true);
    expect(negated("i'm not that angry", 'angry')).toBe(true);
    expect(negated("i'm really angry", 'angry')).toBe(false);
  });

  it("treats any word ending in n't as a negator", () => {
    expect(negated("i wasn't mad", 'mad')).toBe(true);
  });

  it('does not reach across a clause break', () => {
    expect(negated('no, i am angry', 'angry')).toBe(false);
  });

  it('sees Chinese negators a few characters back', () => {
    expect(negated('我没有生气', '生气')).toBe(true);
    expect(negated('别生气', '生气')).toBe(true);
    expect(negated('我很生气', '生气')).toBe(false);
    expect(negated('不，我很生气', '生气')).toBe(false);
  });
});
