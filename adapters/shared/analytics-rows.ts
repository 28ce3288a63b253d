import type {
  ConversationTimeline,
  DeskStep,
  KeyEvent,
} from '../../engine/analytics/conversation-timeline.js';
import type { GapWording } from '../../engine/analytics/knowledge-gaps.js';
import type { ConversationState } from '../../engine/conversation/conversation-state.js';
import { LivedeskError } from '../../knowledge/errors.js';
import type { ConversationScope } from '../../server/analytics/analytics-reader.js';

const STATES: ReadonlySet<string> = new Set(['ai', 'pending_human', 'human', 'closed']);

/** The conversation event type each desk step is stored as. */
export const DESK_EVENT_TYPES: Readonly<Record<DeskStep['kind'], string>> = {
  queued: 'conversation-queued',
  assigned: 'conversation-assigned',
  accepted: 'conversation-accepted',
  requeued: 'conversation-requeued',
  'needs-reassignment': 'conversation-needs-reassignment',
  transferred: 'conversation-transferred',
  released: 'conversation-released',
  'sla-breached': 'sla-breached',
};
const DESK_KINDS: Readonly<Record<string, DeskStep['kind']>> = Object.fromEntries(
  Object.entries(DESK_EVENT_TYPES).map(([kind, type]) => [type, kind as DeskStep['kind']]),
);
/** The desk steps a timeline request gets when it names none. */
export const ALL_BUT_ASSIGNED: readonly DeskStep['kind'][] = (
  Object.keys(DESK_EVENT_TYPES) as DeskStep['kind'][]
).filter((kind) => kind !== 'assigned');

export function malformed(what: string): LivedeskError {
  return new LivedeskError(
    'internal',
    `a stored conversation event does not read as analytics expects: ${what}`,
  );
}

export const text = (value: unknown, what: string): string => {
  if (typeof value !== 'string') throw malformed(what);
  return value;
};
export const optionalText = (value: unknown, what: string): string | undefined =>
  value === null || value === undefined ? undefined : text(value, what);

export function count(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) throw malformed('a count');
  return value;
}

/** A timeline with no key events yet, for a conversation in `scope`. */
export function emptyTimeline(
  scope: ConversationScope,
  conversationId: string,
  openedAt: string,
): ConversationTimeline {
  return { conversationId, openedAt, roomId: scope.roomId, scenario: scope.scenario, events: [] };
}

/**
 * A conversation in scope as both stores' scope queries select it: [conversation id, opening time, first
 * viewer message, first AI answer, last viewer message, last answer], the last four null when not asked for.
 */
export function timelineOfScopeRow(scope: ConversationScope, row: readonly unknown[]): ConversationTimeline {
  const timeline = emptyTimeline(scope, text(row[0], 'conversation id'), text(row[1], 'opening time'));
  timeline.firstViewerMessageAt = optionalText(row[2], 'first viewer message');
  timeline.firstAiAnswerAt = optionalText(row[3], 'first AI answer');
  timeline.lastViewerMessageAt = optionalText(row[4], 'last viewer message');
  timeline.lastAnswerAt = optionalText(row[5], 'last answer');
  return timeline;
}

/**
 * One wording as both stores' gap queries select it: [question, turns, conversations, declines, clarifies,
 * low-confidence handoffs, first asked, last asked].
 */
export function gapWordingOfRow(row: readonly unknown[]): GapWording {
  return {
    question: text(row[0], 'question'),
    count: count(row[1]),
    conversations: count(row[2]),
    signals: { decline: count(row[3]), clarify: count(row[4]), low_confidence: count(row[5]) },
    firstAt: text(row[6], 'first asked'),
    lastAt: text(row[7], 'last asked'),
  };
}

function state(value: unknown): ConversationState {
  if (typeof value !== 'string' || !STATES.has(value)) throw malformed('state-change state');
  return value as ConversationState;
}

const isTextList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

function reasonsOf(value: unknown): string[] {
  if (!isTextList(value)) throw malformed('handoff reasons');
  return value;
}

/** Fields 3-6 of a key-event row of a desk event: the desk event's type, its agent, its team or reason, its time. */
function deskStep(row: readonly unknown[]): DeskStep | undefined {
  const kind = DESK_KINDS[text(row[3], 'desk event type')];
  if (kind === undefined) return undefined;
  const at = text(row[6], 'desk event time');
  const agentId = optionalText(row[4], 'desk agent');
  const detail = optionalText(row[5], 'desk team or reason');
  switch (kind) {
    case 'queued':
      return { kind, at, team: text(detail, 'queued team') };
    case 'assigned':
    case 'accepted':
    case 'needs-reassignment':
      return { kind, at, agentId: text(agentId, `${kind} agent`) };
    case 'requeued':
    case 'transferred':
      return { kind, at, agentId };
    case 'released':
      return { kind, at, reason: text(detail, 'release reason'), agentId };
    case 'sla-breached':
      return { kind, at, reason: text(detail, 'breached target'), agentId };
  }
}

/**
 * One key event as both stores' queries pack it: [sequence, type, at, text1, text2, text3, text4].
 * State-change: from, to. Handoff: team. Desk: see deskStep. Agent message: agent. Satisfaction: -, comment.
 * `value` is the event's JSON value, already parsed: a handoff's reasons or a satisfaction's score.
 * Undefined for a desk event the reader does not know.
 */
export function keyEventOfRow(row: readonly unknown[], value: unknown): KeyEvent | undefined {
  const type = row[1];
  const at = text(row[2], 'event time');
  switch (type) {
    case 'state-change':
      return { type, at, from: state(row[3]), to: state(row[4]) };
    case 'handoff':
      return { type, at, team: text(row[3], 'handoff team'), reasons: reasonsOf(value) };
    case 'desk': {
      const step = deskStep(row);
      return step && { type, step };
    }
    case 'agent-message':
      return { type, at, agentId: text(row[3], 'agent') };
    case 'satisfaction-request':
      return { type, at };
    case 'satisfaction': {
      if (typeof value !== 'number') throw malformed('satisfaction score');
      const comment = optionalText(row[4], 'satisfaction comment');
      return { type, at, score: value, ...(comment === undefined ? {} : { comment }) };
    }
    default:
      throw malformed(`unexpected key event type ${String(type)}`);
  }
}
