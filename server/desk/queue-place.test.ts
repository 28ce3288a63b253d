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

  it('keeps who answered whom since the handoff, and an escalation, for the restored desk', () => {
    const handoff = packet('c1', { createdAt: '2026-01-01T10:00:00.000Z' });
    const agentSaid = (at: string): ConversationEvent => ({
      type: 'agent-message',
      agentId: 'ana',
      text: 'hi',
      at,
    });
    const viewerSaid = (at: string): ConversationEvent => ({
      type: 'viewer-message',
      text: '?',
      channel: 'text',
      at,
    });
    const place = queuePlace(
      stored([
        ['2026-01-01T10:00:00.000Z', { type: 'handoff', turnId: 't1', packet: handoff }],
        ['2026-01-01T10:00:01.000Z', queued('2026-01-01T10:00:01.000Z', 'support')],
        ['2026-01-01T10:01:00.000Z', agentSaid('2026-01-01T10:01:00.000Z')],
        ['2026-01-01T10:02:00.000Z', viewerSaid('2026-01-01T10:02:00.000Z')],
        ['2026-01-01T10:03:00.000Z', viewerSaid('2026-01-01T10:03:00.000Z')],
        [
          '2026-01-01T10:04:00.000Z',
          {
            type: 'desk',
            event: {
              type: 'conversation-transferred',
              conversationId: 'c1',
              to: { team: 'supervisor' },
              by: 'ana',
              note: '',
              escalation: true,
              at: '2026-01-01T10:04:00.000Z',
            },
          },
        ],
      ]),
      handoff,
    );
    expect(place).toMatchObject({
      respondedAt: new Date('2026-01-01T10:01:00.000Z'),
      awaitingReplySince: new Date('2026-01-01T10:02:00.000Z'),
      escalated: true,
    });
  });
});
