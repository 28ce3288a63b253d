import { describe, expect, it } from 'vitest';
import { prepareSignalText } from './signal-text.js';

const folded = (text: string) => prepareSignalText(text).folded;

describe('the folded text every signal reads', () => {
  it('folds full-width letters and case', () => {
    expect(folded('ＲＧ！')).toBe('rg!');
  });

  it('joins letters typed apart into the word they spell', () => {
    expect(folded('r g')).toBe('rg');
    expect(folded('H U M A N')).toBe('human');
    expect(folded('ｋ ｆ?')).toBe('kf?');
    expect(folded('人 工 客 服')).toBe('人工客服');
  });

  it('leaves single letters inside a sentence and spaced phrases as typed', () => {
    expect(folded('r u a bot')).toBe('r u a bot');
    expect(folded('i want a human')).toBe('i want a human');
    expect(folded('转 人工')).toBe('转 人工');
    expect(folded('主播 你好')).toBe('主播 你好');
  });
});
