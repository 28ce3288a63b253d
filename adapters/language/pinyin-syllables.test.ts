import { describe, expect, it } from 'vitest';
import { isPinyinSyllable, looksLikeInitials, splitPinyin } from './pinyin-syllables.js';

describe('pinyin syllables', () => {
  it.each(['ren', 'gong', 'zhuang', 'lv', 'er', 'a', 'xiong'])('knows "%s" as one syllable', (word) => {
    expect(isPinyinSyllable(word)).toBe(true);
  });

  it.each(['rg', 'str', 'gonk', 'zhi1'])('knows "%s" is not one', (word) => {
    expect(isPinyinSyllable(word)).toBe(false);
  });

  it('splits typed pinyin into syllables', () => {
    expect(splitPinyin('rengong')).toEqual(['ren', 'gong']);
    expect(splitPinyin('zhuanrengong')).toEqual(['zhuan', 'ren', 'gong']);
    expect(splitPinyin('kefu')).toEqual(['ke', 'fu']);
    expect(splitPinyin('xian')).toEqual(['xian']);
  });

  it('refuses what is not pinyin', () => {
    expect(splitPinyin('refund')).toBeUndefined();
    expect(splitPinyin('')).toBeUndefined();
    expect(splitPinyin('ren gong')).toBeUndefined();
    expect(splitPinyin('a'.repeat(30))).toBeUndefined();
  });

  it('reads short consonant runs as initials', () => {
    expect(looksLikeInitials('rg')).toBe(true);
    expect(looksLikeInitials('kf')).toBe(true);
    expect(looksLikeInitials('r')).toBe(false);
    expect(looksLikeInitials('rage')).toBe(false);
    expect(looksLikeInitials('bcdfgh')).toBe(false);
  });
});
