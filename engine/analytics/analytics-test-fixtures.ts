import type { ConversationEvent } from '../conversation/conversation-events.js';
import type { DeskEvent } from '../desk/desk-events.js';
import type { HandoffPacket } from '../handoff/handoff-packet.js';
import { buildTimeline, type ConversationTimeline, type TimedEvent } from './conversation-timeline.js';

/** Minutes and seconds after 2026-06-01T10:00:00Z, as the ISO strings events carry. */
export function time(minutes: number, seconds = 0): string {
  return new Date(Date.UTC(2026, 5, 1, 10, minutes, seconds)).toISOString();
}

/** Writes one conversation's log by hand: each call appends a stored event at a chosen time. */
export class LogBuilder {
  readonly events: TimedEvent[] = [];
  private turn = 0;

  constructor(
    readonly conversationId: string,
    options: { at: string; viewerId?: string; roomId?: string; scenario?: 'show' | 'commerce' | 'social' },
  ) {
    this.add(options.at, {
      type: 'conversation-opened',
      profile: { viewerId: options.viewerId ?? `viewer-${conversationId}`, tier: 'regular', locale: 'en' },
      liveContext: {
        ...(options.roomId === undefined ? {} : { roomId: options.roomId }),
        ...(options.scenario === undefined ? {} : { scenario: options.scenario }),
      },
      at: options.at,
    });
  }

  add(at: string, event: ConversationEvent): this {
    this.events.push({ at, event });
    return this;
  }

  viewer(at: string, text = 'hello'): this {
    return this.add(at, { type: 'viewer-message', text, channel: 'text', at });
  }

  /** A turn: its start at `startAt`, its end (with `delivered` text) at `endAt`. */
  aiTurn(
    startAt: string,
    endAt: string,
    options: { question?: string; delivered?: string; outcome?: 'answer' | 'decline' | 'clarify' } = {},
  ): this {
    const turnId = `${this.conversationId}-turn-${++this.turn}`;
    this.add(startAt, { type: 'turn-start', turnId, question: options.question ?? 'question' });
    if (options.outcome === 'decline') this.add(startAt, { type: 'decline', turnId, closestTopics: [] });
    else if (options.outcome === 'clarify') this.add(startAt, { type: 'clarify', turnId, options: [] });
    else this.add(startAt, { type: 'answer-source', turnId, entryIds: ['entry-1'], composer: 'entry' });
    return this.add(endAt, {
      type: 'turn-end',
      turnId,
      reason: 'done',
      delivered: options.delivered ?? 'an answer',
    });
  }

  state(at: string, from: 'ai' | 'pending_human' | 'human' | 'closed', to: typeof from): this {
    return this.add(at, { type: 'state-change', from, to, reason: 'test', at });
  }

  handoff(at: string, reasons: HandoffPacket['reasons'], team = 'support', question = 'question'): this {
    const turnId = `${this.conversationId}-turn-${++this.turn}`;
    this.add(at, { type: 'turn-start', turnId, question });
    this.state(at, 'ai', 'pending_human');
    return this.add(at, { type: 'handoff', turnId, packet: packet(this.conversationId, at, reasons, team) });
  }

  desk(event: DeskEvent): this {
    return this.add(event.at, { type: 'desk', event });
  }

  queued(at: string, team = 'support'): this {
    return this.desk({
      type: 'conversation-queued',
      conversationId: this.conversationId,
      lane: 'normal',
      team,
      at,
    });
  }

  accepted(at: string, agentId: string): this {
    this.desk({ type: 'conversation-assigned', conversationId: this.conversationId, agentId, at });
    this.desk({ type: 'conversation-accepted', conversationId: this.conversationId, agentId, at });
    return this.state(at, 'pending_human', 'human');
  }

  agent(at: string, agentId: string, entryIds?: string[]): this {
    return this.add(at, {
      type: 'agent-message',
      agentId,
      text: 'from a person',
      at,
      ...(entryIds ? { entryIds } : {}),
    });
  }

  released(at: string, reason: 'closed' | 'handed-back' | 'abandoned', agentId?: string): this {
    return this.desk({
      type: 'conversation-released',
      conversationId: this.conversationId,
      reason,
      at,
      ...(agentId === undefined ? {} : { agentId }),
    });
  }

  rated(requestAt: string, rating?: { at: string; score: number; comment?: string }): this {
    this.add(requestAt, { type: 'satisfaction-request', at: requestAt });
    if (rating)
      this.add(rating.at, {
        type: 'satisfaction',
        score: rating.score,
        ...(rating.comment === undefined ? {} : { comment: rating.comment }),
        at: rating.at,
      });
    return this;
  }

  timeline(): ConversationTimeline {
    const timeline = buildTimeline(this.conversationId, this.events);
    if (!timeline) throw new Error('no opening event');
    return timeline;
  }
}

function packet(
  conversationId: string,
  at: string,
  reasons: HandoffPacket['reasons'],
  team: string,
): HandoffPacket {
  return {
    conversationId,
    createdAt: at,
    reasons,
    details: [],
    priority: 'normal',
    team,
    summary: { text: 'summary', source: 'extractive' },
    sentiment: { angerByTurn: [0], trend: 'steady' },
    aiAttempts: [],
    viewer: { viewerId: `viewer-${conversationId}`, tier: 'regular', locale: 'en' },
    liveContext: {},
    transcript: [],
  };
}
