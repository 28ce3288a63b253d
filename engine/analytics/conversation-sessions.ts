import { keyEventAt, type ConversationTimeline } from './conversation-timeline.js';

/**
 * `open`: going on; `pending`: closed, but the reopen window has not passed yet; `ended`: closed for good,
 * or left by the viewer (with the AI, and quiet for a whole window).
 */
export type SessionOutcome = 'open' | 'pending' | 'ended';

export interface SatisfactionRating {
  at: string;
  score: number;
  comment?: string | undefined;
}

/**
 * One stretch of a conversation from its opening (or a late reopen) to a close that stuck. A reopen within
 * the window continues the same session: the viewer came back because the first close did not settle it.
 */
export interface ConversationSession {
  startedAt: string;
  closedAt?: string | undefined;
  outcome: SessionOutcome;
  /** How an ended session ended: closed (by an agent or the desk), or the viewer went quiet. */
  endedBy?: 'close' | 'idle' | undefined;
  /** For a session that went quiet: whether the viewer's last message got an answer from the knowledge base. */
  answeredLast?: boolean | undefined;
  /** A person was asked for (the conversation went to `pending_human`) at some point in the session. */
  escalated: boolean;
  /** Some close of this session was followed by a reopen within the window. */
  reopenedWithinWindow: boolean;
  /** Closes made while the AI alone had the conversation, then reopened within the window. */
  aiClosesReopened: number;
  /** Agents who accepted the conversation, in order. */
  agentIds: string[];
  /** Transferred, or taken from an agent who had it (requeued, agent offline). */
  handedAround: boolean;
  satisfactionRequests: number;
  ratings: SatisfactionRating[];
}

export interface SessionOptions {
  /** A reopen within this continues the session; a viewer quiet this long with the AI has left. */
  reopenWindowMs: number;
  /** Time of judgement: a close younger than the window is `pending`. */
  asOfMs: number;
}

function newSession(startedAt: string): ConversationSession {
  return {
    startedAt,
    outcome: 'open',
    escalated: false,
    reopenedWithinWindow: false,
    aiClosesReopened: 0,
    agentIds: [],
    handedAround: false,
    satisfactionRequests: 0,
    ratings: [],
  };
}

/** Splits a conversation into sessions; satisfaction belongs to the session whose close asked for it. */
export function conversationSessions(
  timeline: ConversationTimeline,
  options: SessionOptions,
): ConversationSession[] {
  const sessions: ConversationSession[] = [];
  let current = newSession(timeline.openedAt);
  let closedFrom: string | undefined;
  let holding = false;
  let state = 'ai';
  let lastEventAt = timeline.openedAt;
  for (const event of timeline.events) {
    lastEventAt = keyEventAt(event) > lastEventAt ? keyEventAt(event) : lastEventAt;
    if (event.type === 'state-change') state = event.to;
    switch (event.type) {
      case 'state-change':
        if (event.to === 'pending_human') current.escalated = true;
        if (event.to === 'closed') {
          current.closedAt = event.at;
          closedFrom = event.from;
        } else if (event.from === 'closed' && current.closedAt !== undefined) {
          const gapMs = Date.parse(event.at) - Date.parse(current.closedAt);
          if (gapMs <= options.reopenWindowMs) {
            current.reopenedWithinWindow = true;
            if (closedFrom === 'ai' && !current.escalated) current.aiClosesReopened++;
            current.closedAt = undefined;
          } else {
            current.outcome = 'ended';
            current.endedBy = 'close';
            sessions.push(current);
            current = newSession(event.at);
          }
        }
        break;
      case 'desk':
        switch (event.step.kind) {
          case 'accepted':
            current.agentIds.push(event.step.agentId);
            holding = true;
            break;
          case 'transferred':
            current.handedAround = true;
            holding = false;
            break;
          case 'requeued':
          case 'needs-reassignment':
            if (holding) current.handedAround = true;
            holding = false;
            break;
          case 'released':
            holding = false;
            break;
          default:
            break;
        }
        break;
      case 'satisfaction-request':
        current.satisfactionRequests++;
        break;
      case 'satisfaction':
        current.ratings.push({
          at: event.at,
          score: event.score,
          ...(event.comment === undefined ? {} : { comment: event.comment }),
        });
        break;
      default:
        break;
    }
  }
  if (current.closedAt !== undefined) {
    const ageMs = options.asOfMs - Date.parse(current.closedAt);
    current.outcome = ageMs >= options.reopenWindowMs ? 'ended' : 'pending';
    if (current.outcome === 'ended') current.endedBy = 'close';
  } else if (state === 'ai' && timeline.lastViewerMessageAt !== undefined) {
    // Nobody closes a conversation the AI handles: the viewer just stops writing.
    const { lastViewerMessageAt, lastAnswerAt } = timeline;
    const lastActivity = [lastViewerMessageAt, lastAnswerAt ?? '', lastEventAt].reduce((a, b) =>
      b > a ? b : a,
    );
    if (options.asOfMs - Date.parse(lastActivity) >= options.reopenWindowMs) {
      current.outcome = 'ended';
      current.endedBy = 'idle';
      current.answeredLast = lastAnswerAt !== undefined && lastAnswerAt >= lastViewerMessageAt;
    }
  }
  sessions.push(current);
  return sessions;
}
