import { formatClockTime } from './console-format.js';
import type { ConsoleTexts } from './console-texts.js';

export interface NoteContext {
  texts: ConsoleTexts;
  /** A staff member's name for an id (the id itself when nobody knows it). */
  agentName: (agentId: string) => string;
}

/** A stored desk event as it arrives: the console renders the kinds it knows and skips the rest. */
export type DeskEventLike = { type: string } & Readonly<Record<string, unknown>>;

type State = 'ai' | 'pending_human' | 'human' | 'closed';

function text(record: Readonly<Record<string, unknown>>, key: string): string | undefined {
  const value = record[key];
  return typeof value === 'string' ? value : undefined;
}

/** Escalation reasons named by a state change (`escalated: human_request, anger`), in words. */
function escalationReasons(reason: string, texts: ConsoleTexts): string[] {
  const match = /^escalated:\s*(.*)$/.exec(reason);
  if (!match) return [];
  return (match[1] ?? '')
    .split(',')
    .map((code) => code.trim())
    .filter((code) => code !== '')
    .map((code) => texts.reasonPhrases[code] ?? code);
}

function join(items: readonly string[], texts: ConsoleTexts): string {
  return items.join(texts.listSeparator);
}

/**
 * A state change in words, or undefined when the desk event stored next to it says it better (a person
 * joining, a requeue and its reason). A close or hand back is also told by the desk's release just
 * before it; the transcript drops the repeated line.
 */
export function stateChangeNote(
  event: { from: State; to: State; reason: string },
  context: NoteContext,
): string | undefined {
  const { texts } = context;
  if (event.from === 'ai' && event.to === 'pending_human') {
    return texts.handedToPerson(join(escalationReasons(event.reason, texts), texts));
  }
  if (event.to === 'ai') return event.from === 'closed' ? texts.reopened : texts.handedBack;
  if (event.to === 'closed') return texts.closed;
  return undefined;
}

/** A desk event in words; undefined for kinds the state change already tells or the console does not know. */
export function deskEventNote(event: DeskEventLike, context: NoteContext): string | undefined {
  const { texts } = context;
  const name = (key: string): string => {
    const id = text(event, key);
    return id === undefined ? texts.unassignedHolder : context.agentName(id);
  };
  const team = (key: string): string => {
    const value = text(event, key) ?? '';
    return texts.teams[value] ?? value;
  };
  switch (event.type) {
    case 'conversation-queued': {
      const lane = text(event, 'lane') ?? 'normal';
      const reasons = Array.isArray(event.reasons)
        ? event.reasons.filter((reason): reason is string => typeof reason === 'string')
        : [];
      const why = [
        ...(lane !== 'normal' ? [texts.lanes[lane] ?? lane] : []),
        ...reasons.map((reason) => texts.laneReasons[reason] ?? reason),
      ];
      return texts.queuedFor(team('team'), join([...new Set(why)], texts));
    }
    case 'conversation-assigned':
      return texts.offeredTo(name('agentId'));
    case 'conversation-accepted':
      return texts.joined(name('agentId'));
    case 'conversation-requeued': {
      const describe = texts.requeueReasons[text(event, 'reason') ?? ''];
      return texts.backInQueue(describe ? describe(name('previousAgentId')) : '');
    }
    case 'conversation-needs-reassignment':
      return texts.needsReassignment(name('previousAgentId'));
    case 'conversation-transferred': {
      const to = event.to as Readonly<Record<string, unknown>> | undefined;
      const agentId = to ? text(to, 'agentId') : undefined;
      const target = agentId
        ? context.agentName(agentId)
        : texts.teamTarget(texts.teams[(to && text(to, 'team')) ?? ''] ?? (to && text(to, 'team')) ?? '');
      return texts.transferNoteLine(event.escalation === true, name('by'), target, text(event, 'note') ?? '');
    }
    case 'conversation-released': {
      const reason = text(event, 'reason');
      // The agent's console stops following the conversation at its release, so the release itself
      // says it was closed or handed back (the state change after it may never reach them).
      if (reason === 'closed') return texts.closed;
      if (reason === 'handed-back') return texts.handedBack;
      if (reason === 'abandoned') return texts.viewerLeft;
      return texts.released(texts.releasedReasons[reason ?? ''] ?? reason ?? '');
    }
    case 'conversation-flagged': {
      const since = text(event, 'waitingSince') ?? text(event, 'at') ?? '';
      return texts.flaggedNoReply(name('agentId'), formatClockTime(since, texts));
    }
    case 'sla-breached': {
      const kind = text(event, 'kind');
      const label = kind === 'first-response' || kind === 'next-response' ? texts.sla[kind] : '';
      return texts.slaBreachedNote(label, formatClockTime(text(event, 'dueAt') ?? '', texts));
    }
    case 'conversation-overflowed':
      return texts.overflowed(team('team'));
    case 'agent-set-away':
      return texts.setAway(name('agentId'), typeof event.missedOffers === 'number' ? event.missedOffers : 0);
    case 'agent-updated': {
      const presence = text(event, 'presence');
      const word =
        presence === 'online' || presence === 'away' || presence === 'offline'
          ? texts.presences[presence]
          : (presence ?? '');
      return texts.presenceNote(name('agentId'), word);
    }
    default:
      return undefined;
  }
}

/**
 * Why the conversation left this agent, from the `released` frame: the desk stops relaying the
 * conversation to them at that moment, so the stored events telling it may never reach their transcript.
 */
export function releaseNote(reason: string, texts: ConsoleTexts): string {
  if (reason === 'closed') return texts.closed;
  if (reason === 'handed-back') return texts.handedBack;
  if (reason === 'abandoned') return texts.viewerLeft;
  return texts.released(texts.releasedReasons[reason] ?? reason);
}
