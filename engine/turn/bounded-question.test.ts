import { describe, expect, it } from 'vitest';
import { boundedHistory, boundedQuestion, type QuestionLimits } from './bounded-question.js';

const limits: QuestionLimits = { maxChars: 10, maxMessages: 3, maxHistoryMessages: 2 };

describe('boundedQuestion', () => {
  it('keeps a short message whole', () => {
    expect(boundedQuestion(['怎么充值金币'], limits)).toBe('怎么充值金币');
  });

  it('cuts one long message to its first characters', () => {
    expect(boundedQuestion(['0123456789abcdef'], limits)).toBe('0123456789');
  });

  it('counts characters, not UTF-16 units', () => {
    expect(boundedQuestion(['😀'.repeat(20)], limits)).toBe('😀'.repeat(10));
  });

  it('takes only the newest messages of an interrupted question and shares the characters among them', () => {
    expect(boundedQuestion(['old', 'a', 'bb', 'cccccccc'], limits)).toBe('a\nbb\nccccc');
    expect(boundedQuestion(['aaaaaaaa', 'bbbbbbbb'], limits)).toBe('aaaa\nbbbbb');
  });

  it('never grows past its limits however many messages are appended', () => {
    const messages: string[] = [];
    for (let index = 0; index < 50; index += 1) {
      messages.push('x'.repeat(1000));
      expect(boundedQuestion(messages, limits).length).toBeLessThanOrEqual(limits.maxChars);
    }
  });
});

describe('boundedHistory', () => {
  it('keeps the newest messages, each cut to the character limit', () => {
    expect(boundedHistory(['one', 'two', 'three-and-more-text'], limits)).toEqual(['two', 'three-and-']);
  });
});
