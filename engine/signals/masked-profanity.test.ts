import { describe, expect, it } from 'vitest';
import { findMaskedProfanity, profanityForms, unmaskProfanity } from './masked-profanity.js';

const forms = profanityForms(['fuck*', 'shit*', 'bitch*', 'asshole*', 'damn', '垃圾']);

describe('masked profanity', () => {
  it.each([
    ['f**k', 'fuck'],
    ['f*ck', 'fuck'],
    ['f***', 'fuck'],
    ['f*cking', 'fucking'],
    ['sh*t', 'shit'],
    ['b*tch', 'bitch'],
    ['a$$hole', 'asshole'],
    ['d@mn', 'damn'],
  ])('reads "%s" as "%s"', (masked, form) => {
    expect(findMaskedProfanity(`well ${masked} it`, forms).map((word) => word.form)).toEqual([form]);
  });

  it('leaves prices, handles and arithmetic alone', () => {
    expect(findMaskedProfanity('$50 for @user, 5*3 = 15, ***', forms)).toEqual([]);
  });

  it('does not read a masked word that spells nothing in the list', () => {
    expect(findMaskedProfanity('h*llo', forms)).toEqual([]);
  });

  it('spells masked words out without moving the text around them', () => {
    expect(unmaskProfanity('f**k you, 你好', forms)).toBe('fuck you, 你好');
  });
});
