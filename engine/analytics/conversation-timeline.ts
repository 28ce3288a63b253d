import type { ConversationEvent } from '../conversation/conversation-events.js';
import type { ConversationState } from '../conversation/conversation-state.js';

/** What the desk did to a conversation, narrowed to what the metrics read. */
export type DeskStep =
  | { kind: 'queued'; at: string; team: string }
  | { kind: 'assigned'; at: string; agentId: string }
  | { kind: 'accepted'; at: string; agentId: string }
  /** Back in the queue (declined, agent offline, reassigned); `agentId` is the agent it left. */
  | { kind: 'requeued'; at: string; agentId?: string | undefined }
  | { kind: 'needs-reassignment'; at: string; agentId: string }
  | { kind: 'transferred'; at: string; agentId?: string | undefined }
  | { kind: 'released'; at: string; reason: string; agentId?: string | undefined }
  /** A response target was missed; `reason` names it (first-response, next-response). */
  | { kind: 'sla-breached'; at: string; reason: string; agentId?: string | undefined };

/**
 * The events of a conversation that metrics are computed from, in log order. Streamed text, turns and
 * viewer messages are summarised in the timeline's own fields, so reading a million messages stays cheap.
 */
export type KeyEvent =
  | { type: 'state-change'; at: string; from: ConversationState; to: ConversationState }
  | { type: 'handoff'; at: string; reasons: string[]; team: string }
  | { type: 'desk'; step: DeskStep }
  | { type: 'agent-message'; at: string; agentId: string }
  | { type: 'satisfaction-request'; at: string }
  | { type: 'satisfaction'; at: string; score: number; comment?: string | undefined };

export type KeyEventType = KeyEvent['type'];

export const KEY_EVENT_TYPES: readonly KeyEventType[] = [
  'state-change',
  'handoff',
  'desk',
  'agent-message',
  'satisfaction-request',
  'satisfaction',
];

/**
 * One conversation as analytics sees it. Times are ISO strings, as stored. A reader may leave out key
 * events of types a metric does not read (see metric-inputs.ts), and the scope fields it filtered on.
 */
export interface ConversationTimeline {
  conversationId: string;
  openedAt: string;
  viewerId?: string | undefined;
  roomId?: string | undefined;
  scenario?: string | undefined;
  /** The viewer's first message. */
  firstViewerMessageAt?: string | undefined;
  /** The end of the first AI turn that delivered any text to the viewer. */
  firstAiAnswerAt?: string | undefined;
  /** The viewer's latest message. */
  lastViewerMessageAt?: string | undefined;
  /** The latest AI answer from the knowledge base (`answer-source`): not a decline or a question back. */
  lastAnswerAt?: string | undefined;
  events: KeyEvent[];
}

/** A stored event with the time it was recorded (turn events carry no time of their own). */
export interface TimedEvent {
  at: string;
  event: ConversationEvent;
}

function deskStep(event: Extract<ConversationEvent, { type: 'desk' }>['event']): DeskStep | undefined {
  switch (event.type) {
    case 'conversation-queued':
      return { kind: 'queued', at: event.at, team: event.team };
    case 'conversation-assigned':
      return { kind: 'assigned', at: event.at, agentId: event.agentId };
    case 'conversation-accepted':
      return { kind: 'accepted', at: event.at, agentId: event.agentId };
    case 'conversation-requeued':
      return { kind: 'requeued', at: event.at, agentId: event.previousAgentId };
    case 'conversation-needs-reassignment':
      return { kind: 'needs-reassignment', at: event.at, agentId: event.previousAgentId };
    case 'conversation-transferred':
      return { kind: 'transferred', at: event.at, agentId: event.fromAgentId };
    case 'conversation-released':
      return { kind: 'released', at: event.at, reason: event.reason, agentId: event.agentId };
    case 'sla-breached':
      return { kind: 'sla-breached', at: event.at, reason: event.reason, agentId: event.agentId };
    default:
      return undefined;
  }
}

/** The key event for one stored event, or undefined for events the metrics do not read. */
export function keyEventOf(stored: TimedEvent): KeyEvent | undefined {
  const { event } = stored;
  switch (event.type) {
    case 'state-change':
      return { type: 'state-change', at: event.at, from: event.from, to: event.to };
    case 'handoff':
      return { type: 'handoff', at: stored.at, reasons: [...event.packet.reasons], team: event.packet.team };
    case 'desk': {
      const step = deskStep(event.event);
      return step && { type: 'desk', step };
    }
    case 'agent-message':
      return { type: 'agent-message', at: event.at, agentId: event.agentId };
    case 'satisfaction-request':
      return { type: 'satisfaction-request', at: event.at };
    case 'satisfaction':
      return {
        type: 'satisfaction',
        at: event.at,
        score: event.score,
        ...(event.comment === undefined ? {} : { comment: event.comment }),
      };
    default:
      return undefined;
  }
}

/**
 * The reference definition of a timeline, from a conversation's whole log; the SQLite reader builds the
 * same thing with SQL, and a test holds the two together. Undefined when the log has no opening event.
 */
export function buildTimeline(
  conversationId: string,
  stored: readonly TimedEvent[],
): ConversationTimeline | undefined {
  const opened = stored.find((item) => item.event.type === 'conversation-opened');
  if (opened?.event.type !== 'conversation-opened') return undefined;
  const { profile, liveContext } = opened.event;
  const timeline: ConversationTimeline = {
    conversationId,
    openedAt: opened.event.at,
    viewerId: profile.viewerId,
    roomId: liveContext.roomId,
    scenario: liveContext.scenario,
    events: [],
  };
  for (const item of stored) {
    const { event } = item;
    if (event.type === 'viewer-message') {
      timeline.firstViewerMessageAt ??= event.at;
      timeline.lastViewerMessageAt = latest(timeline.lastViewerMessageAt, event.at);
    } else if (
      (event.type === 'turn-end' && event.delivered !== '') ||
      (event.type === 'system-message' && event.kind === 'welcome')
    )
      // The queue welcome is how a handed-over viewer is first answered.
      timeline.firstAiAnswerAt ??= item.at;
    else if (event.type === 'answer-source') timeline.lastAnswerAt = latest(timeline.lastAnswerAt, item.at);
    const key = keyEventOf(item);
    if (key) timeline.events.push(key);
  }
  return timeline;
}

function latest(known: string | undefined, at: string): string {
  return known === undefined || at > known ? at : known;
}

/** The time of a key event. */
export function keyEventAt(event: KeyEvent): string {
  return event.type === 'desk' ? event.step.at : event.at;
}
