import type { SessionOptions } from './conversation-sessions.js';
import type { ConversationTimeline } from './conversation-timeline.js';
import { deskEpisodes } from './desk-episodes.js';
import { elapsedMs, percentile } from './duration-summary.js';
import { satisfactionMetrics } from './satisfaction-metrics.js';

export interface AgentRow {
  agentId: string;
  /** Distinct conversations the agent accepted. */
  conversationsHandled: number;
  /** Queued → this agent's message, over the stays where they wrote first. */
  medianFirstResponseMs: number | null;
  medianHandleMs: number | null;
  messages: number;
  averageScore: number | null;
  ratings: number;
  responseRate: number | null;
}

interface Tally {
  conversations: Set<string>;
  firstResponses: number[];
  handles: number[];
  messages: number;
}

const median = (values: number[]): number | null =>
  percentile(
    values.sort((first, second) => first - second),
    50,
  );

/** One row per agent seen in the conversations, busiest first. */
export function agentTable(timelines: readonly ConversationTimeline[], options: SessionOptions): AgentRow[] {
  const tallies = new Map<string, Tally>();
  const tallyOf = (agentId: string): Tally => {
    let tally = tallies.get(agentId);
    if (!tally)
      tallies.set(
        agentId,
        (tally = { conversations: new Set(), firstResponses: [], handles: [], messages: 0 }),
      );
    return tally;
  };
  for (const timeline of timelines) {
    for (const event of timeline.events)
      if (event.type === 'agent-message') tallyOf(event.agentId).messages++;
    for (const episode of deskEpisodes(timeline)) {
      if (episode.firstAgentMessageAt !== undefined && episode.firstAgentMessageBy !== undefined)
        tallyOf(episode.firstAgentMessageBy).firstResponses.push(
          elapsedMs(episode.queuedAt, episode.firstAgentMessageAt),
        );
      for (const segment of episode.segments) {
        const tally = tallyOf(segment.agentId);
        tally.conversations.add(timeline.conversationId);
        if (segment.endedAt !== undefined) tally.handles.push(elapsedMs(segment.acceptedAt, segment.endedAt));
      }
    }
  }
  const satisfaction = satisfactionMetrics(timelines, { ...options, maxComments: 0 }).byAgent;
  return [...tallies]
    .map(([agentId, tally]) => {
      const scores = satisfaction[agentId];
      return {
        agentId,
        conversationsHandled: tally.conversations.size,
        medianFirstResponseMs: median(tally.firstResponses),
        medianHandleMs: median(tally.handles),
        messages: tally.messages,
        averageScore: scores?.averageScore ?? null,
        ratings: scores?.ratings ?? 0,
        responseRate: scores?.responseRate ?? null,
      };
    })
    .sort(
      (first, second) =>
        second.conversationsHandled - first.conversationsHandled ||
        first.agentId.localeCompare(second.agentId),
    );
}
