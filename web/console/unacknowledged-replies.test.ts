import { describe, expect, it } from 'vitest';
import { UnacknowledgedReplies, type ReplyFrame } from './unacknowledged-replies.js';

const reply = (clientMessageId: string, text: string): ReplyFrame => ({
  type: 'reply',
  conversationId: 'c-1',
  text,
  clientMessageId,
});

describe('replies waiting for their ack', () => {
  it('resends, whole and under the same id, the replies the server has not answered, oldest first', () => {
    const replies = new UnacknowledgedReplies();
    replies.add(reply('c1', '您好'));
    replies.add({ ...reply('c2', '请稍等'), entryIds: ['account.password'] });
    replies.add(reply('c3', '好了'));
    replies.settle('c1');
    expect(replies.toResend()).toEqual([
      { ...reply('c2', '请稍等'), entryIds: ['account.password'] },
      reply('c3', '好了'),
    ]);
    // Resending does not settle them: only the server's answer does.
    expect(replies.toResend()).toHaveLength(2);
    replies.settle('c2');
    replies.settle('c3');
    expect(replies.toResend()).toEqual([]);
  });

  it('forgets everything on sign-out', () => {
    const replies = new UnacknowledgedReplies();
    replies.add(reply('c1', '您好'));
    replies.clear();
    expect(replies.toResend()).toEqual([]);
  });
});
