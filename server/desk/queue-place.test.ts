import { describe, expect, it } from 'vitest';
import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import { packet } from '../../engine/desk/desk-test-fixtures.js';
import type { StoredConversationEvent } from '../../engine/ports.js';
import { queuePlace } from './queue-place.js';

function stored(events: [string, ConversationEvent][]): StoredConversationEvent<ConversationEvent>[] {
  return events.map(([at, event], index) => ({ conversationId: 'c1', sequence: index + 1, at, event }));
}

const queued = (at: string, team: string): ConversationEvent => ({
  type: 'desk',
  event: { type: 'conversation-queued', conversationId: 'c1', lane: 'normal', team, at },
});

describe('queuePlace', () => {
  it('keeps the time the conversation first entered the queue after its latest handoff, and its latest team', () => {
    const handoff = packet('c1', { createdAt: '2026-01-01T10:00:00.000Z', team: 'support' });
    const place = queuePlace(
      stored([
        ['2026-01-01T09:00:00.000Z', { type: 'handoff', turnId: 't0', packet: { ...handoff, team: 'old' } }],
        ['2026-01-01T09:00:00.000Z', queued('2026-01-01T09:00:00.000Z', 'old')],
        ['2026-01-01T10:00:00.000Z', { type: 'handoff', turnId: 't1', packet: handoff }],
        ['2026-01-01T10:00:01.000Z', queued('2026-01-01T10:00:01.000Z', 'support')],
        ['2026-01-01T10:05:00.000Z', queued('2026-01-01T10:05:00.000Z', 'supervisor')],
      ]),
      handoff,
    );
    expect(place).toEqual({ enqueuedAt: new Date('2026-01-01T10:00:01.000Z'), team: 'supervisor' });
  });

  it('falls back to the handoff when the desk never recorded the conversation', () => {
    const handoff = packet('c1', { createdAt: '2026-01-01T10:00:00.000Z', team: 'support' });
    const place = queuePlace(
      stored([['2026-01-01T10:00:02.000Z', { type: 'handoff', turnId: 't1', packet: handoff }]]),
      handoff,
    );
    expect(place).toEqual({ enqueuedAt: new Date('2026-01-01T10:00:02.000Z'), team: 'support' });
  });
});
