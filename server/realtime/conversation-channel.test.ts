import { describe, expect, it } from 'vitest';
import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import { ConversationChannel, type SequencedEvent } from './conversation-channel.js';

const message = (text: string): ConversationEvent => ({
  type: 'viewer-message',
  text,
  channel: 'text',
  at: 't',
});
const delta = (text: string): ConversationEvent => ({
  type: 'text-delta',
  turnId: 't1',
  text,
  uninterruptible: false,
});

describe('ConversationChannel', () => {
  it('sends stored events only once committed, and nothing overtakes them', () => {
    const channel = new ConversationChannel('c1');
    const seen: SequencedEvent[] = [];
    channel.subscribe((item) => seen.push(item));
    const first = message('one');
    channel.push(first);
    channel.push(delta('streamed'));
    expect(seen).toEqual([]);
    channel.settle({ conversationId: 'c1', event: first, sequence: 7 });
    expect(seen).toEqual([{ sequence: 7, event: first }, { event: delta('streamed') }]);
  });

  it('refuses a commit at once once detached, running nothing (its log would never answer)', async () => {
    const channel = new ConversationChannel('c1');
    channel.detach();
    let ran = false;
    const committed = channel.commit(() => {
      ran = true;
    });
    await expect(committed).rejects.toMatchObject({ code: 'not_found' });
    expect(ran).toBe(false);
    expect(channel.settled).toBe(true);
  });

  it('resolves a commit after its events went out, with their sequences; a failed append has none', async () => {
    const channel = new ConversationChannel('c1');
    const seen: string[] = [];
    channel.subscribe((item) => seen.push(item.event.type));
    const stored = message('kept');
    const lost = message('lost');
    const committed = channel.commit(() => {
      channel.push(stored);
      channel.push(lost);
    });
    let resolved: SequencedEvent[] | undefined;
    void committed.then((items) => (resolved = items));
    channel.settle({ conversationId: 'c1', event: stored, sequence: 3 });
    await Promise.resolve();
    expect(resolved).toBeUndefined();
    channel.settle({ conversationId: 'c1', event: lost });
    expect(await committed).toEqual([{ sequence: 3, event: stored }, { event: lost }]);
    expect(seen).toEqual(['viewer-message', 'viewer-message']);
  });

  it('delivers what a subscriber emits in reaction after the event every subscriber is being given', () => {
    const channel = new ConversationChannel('c1');
    const trigger = message('trigger');
    const reaction = delta('reaction');
    channel.subscribe((item) => {
      if (item.event === trigger) channel.push(reaction);
    });
    const later: ConversationEvent[] = [];
    channel.subscribe((item) => later.push(item.event));
    channel.push(trigger);
    channel.settle({ conversationId: 'c1', event: trigger, sequence: 1 });
    expect(later).toEqual([trigger, reaction]);
  });
});
