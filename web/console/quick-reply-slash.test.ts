import { describe, expect, it } from 'vitest';
import { matchingQuickReplies, replaceSlashToken, slashTokenAt } from './quick-reply-slash.js';

// As the server lists them: most used first, then by shortcut.
const REPLIES = [
  { id: 'hi', shortcut: '/hi', title: 'Greeting' },
  { id: 'wait', shortcut: '/wait', title: 'Sorry for the wait' },
  { id: 'bye', shortcut: '/bye', title: 'Closing' },
  { id: 'help', shortcut: '/help', title: 'How to reach us' },
];

describe('quick replies by typing', () => {
  it('finds the shortcut being typed at the caret, only at the start of a word', () => {
    expect(slashTokenAt('/hi', 3)).toEqual({ start: 0, end: 3, typed: '/hi' });
    expect(slashTokenAt('thanks! /by', 11)).toEqual({ start: 8, end: 11, typed: '/by' });
    expect(slashTokenAt('line one\n/', 10)).toEqual({ start: 9, end: 10, typed: '/' });
    expect(slashTokenAt('50/50', 5)).toBeUndefined();
    expect(slashTokenAt('see https://x.y/hi', 18)).toBeUndefined();
    expect(slashTokenAt('/hi there', 9)).toBeUndefined();
    expect(slashTokenAt('/退款', 3)).toEqual({ start: 0, end: 3, typed: '/退款' });
  });

  it('keeps the server’s order (most used first) while filtering by shortcut, then by title', () => {
    expect(matchingQuickReplies(REPLIES, '/').map((reply) => reply.id)).toEqual([
      'hi',
      'wait',
      'bye',
      'help',
    ]);
    expect(matchingQuickReplies(REPLIES, '/H').map((reply) => reply.id)).toEqual(['hi', 'help']);
    expect(matchingQuickReplies(REPLIES, '/clos').map((reply) => reply.id)).toEqual(['bye']);
    expect(matchingQuickReplies(REPLIES, '/zzz')).toEqual([]);
  });

  it('puts the reply where the shortcut was and the caret after it', () => {
    expect(replaceSlashToken('ok /hi', { start: 3, end: 6 }, 'Hi Leo!')).toEqual({
      text: 'ok Hi Leo!',
      caret: 10,
    });
  });
});
