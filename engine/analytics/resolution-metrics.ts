import { conversationSessions, type SessionOptions } from './conversation-sessions.js';
import type { ConversationTimeline } from './conversation-timeline.js';
import { rate } from './duration-summary.js';

export const ESCALATION_REASONS = [
  'low_confidence',
  'anger',
  'public_threat',
  'churn',
  'human_request',
  'sensitive',
  'repetition',
  /** Escalated by the desk or an agent, with no handoff packet from the AI. */
  'other',
] as const;
export type EscalationReasonKey = (typeof ESCALATION_REASONS)[number];

export interface ResolutionMetrics {
  /** Conversations in which the viewer wrote at least once: the contacts counted below. */
  conversations: number;
  /** Conversations opened without a single viewer message, left out of everything else. */
  empty: number;
  /**
   * Sessions over: closed for good (the reopen window passed without a reopen), or left by the viewer
   * while with the AI (quiet for a whole window).
   */
  sessionsEnded: number;
  /** Closed, but the window has not passed yet: not judged. */
  sessionsPending: number;
  sessionsOpen: number;
  /**
   * Ended sessions in which no person was ever asked for, and that were closed or whose last viewer
   * message got an answer from the knowledge base.
   */
  aiResolved: number;
  /** aiResolved / sessionsEnded. */
  aiResolutionRate: number | null;
  /** Sessions the viewer left, with the AI only, after a message the AI did not answer (declined, asked back). */
  aiUnanswered: number;
  /** Closes while only the AI had the conversation that the viewer reopened within the window. */
  aiClosesReopened: number;
  escalation: {
    conversations: number;
    /** Conversations that went to people at least once. */
    escalated: number;
    rate: number | null;
    /** Per reason: conversations escalated at least once for it (a handoff may give several reasons). */
    byReason: Record<EscalationReasonKey, { conversations: number; rate: number | null }>;
  };
  firstContact: {
    /** Conversations whose first session has ended. */
    judged: number;
    resolved: number;
    rate: number | null;
  };
}

function escalationReasons(timeline: ConversationTimeline): Set<EscalationReasonKey> {
  const reasons = new Set<EscalationReasonKey>();
  let escalations = 0;
  let handoffs = 0;
  for (const event of timeline.events) {
    if (event.type === 'state-change' && event.from === 'ai' && event.to === 'pending_human') escalations++;
    if (event.type !== 'handoff') continue;
    handoffs++;
    for (const reason of event.reasons)
      reasons.add(
        (ESCALATION_REASONS as readonly string[]).includes(reason)
          ? (reason as EscalationReasonKey)
          : 'other',
      );
  }
  // The AI escalates with a packet; a person escalating (desk, agent, supervisor) leaves none.
  if (escalations > handoffs) reasons.add('other');
  return reasons;
}

/**
 * AI resolution, escalation by reason and first-contact resolution, over conversations in which the
 * viewer wrote. A conversation is resolved at first contact when its first session ended without a
 * reopen within the window, one owner handled it (the AI alone, or a person without transfers or
 * requeues after an agent had accepted it), and, if the viewer just left the AI, their last message had
 * been answered.
 */
export function resolutionMetrics(
  timelines: readonly ConversationTimeline[],
  options: SessionOptions,
): ResolutionMetrics {
  let sessionsEnded = 0;
  let sessionsPending = 0;
  let sessionsOpen = 0;
  let aiResolved = 0;
  let aiUnanswered = 0;
  let aiClosesReopened = 0;
  let empty = 0;
  let escalated = 0;
  let judged = 0;
  let resolved = 0;
  const byReason = Object.fromEntries(ESCALATION_REASONS.map((reason) => [reason, 0])) as Record<
    EscalationReasonKey,
    number
  >;
  for (const timeline of timelines) {
    if (timeline.lastViewerMessageAt === undefined) {
      empty++;
      continue;
    }
    const sessions = conversationSessions(timeline, options);
    for (const session of sessions) {
      aiClosesReopened += session.aiClosesReopened;
      if (session.outcome === 'open') sessionsOpen++;
      else if (session.outcome === 'pending') sessionsPending++;
      else {
        sessionsEnded++;
        if (session.escalated) continue;
        if (session.endedBy === 'idle' && !session.answeredLast) aiUnanswered++;
        else aiResolved++;
      }
    }
    const first = sessions[0]!;
    if (first.outcome === 'ended') {
      judged++;
      const answered = first.endedBy !== 'idle' || first.answeredLast === true;
      if (!first.reopenedWithinWindow && !first.handedAround && answered) resolved++;
    }
    const reasons = escalationReasons(timeline);
    if (reasons.size > 0) escalated++;
    for (const reason of reasons) byReason[reason]++;
  }
  const conversations = timelines.length - empty;
  return {
    conversations,
    empty,
    sessionsEnded,
    sessionsPending,
    sessionsOpen,
    aiResolved,
    aiResolutionRate: rate(aiResolved, sessionsEnded),
    aiUnanswered,
    aiClosesReopened,
    escalation: {
      conversations,
      escalated,
      rate: rate(escalated, conversations),
      byReason: Object.fromEntries(
        ESCALATION_REASONS.map((reason) => [
          reason,
          { conversations: byReason[reason], rate: rate(byReason[reason], conversations) },
        ]),
      ) as ResolutionMetrics['escalation']['byReason'],
    },
    firstContact: { judged, resolved, rate: rate(resolved, judged) },
  };
}
