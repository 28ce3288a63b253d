import { conversationSessions, type SessionOptions } from './conversation-sessions.js';
import type { ConversationTimeline } from './conversation-timeline.js';
import { rate } from './duration-summary.js';

export interface SatisfactionComment {
  conversationId: string;
  at: string;
  score: number;
  comment: string;
  /** The agent the rating is counted for; absent for AI-only sessions. */
  agentId?: string | undefined;
}

export interface SatisfactionSummary {
  requests: number;
  ratings: number;
  /** ratings / requests. */
  responseRate: number | null;
  averageScore: number | null;
  /** How many ratings gave 1, 2, 3, 4 and 5. */
  distribution: [number, number, number, number, number];
}

export interface SatisfactionMetrics {
  overall: SatisfactionSummary;
  /** Sessions in which no person was asked for. */
  aiOnly: SatisfactionSummary;
  /** Counted for the last agent who accepted the session. */
  byAgent: Record<string, SatisfactionSummary>;
  /** Newest first, at most `maxComments`. */
  comments: SatisfactionComment[];
}

interface Tally {
  requests: number;
  scores: number[];
}

function summarize(tally: Tally): SatisfactionSummary {
  const distribution: SatisfactionSummary['distribution'] = [0, 0, 0, 0, 0];
  for (const score of tally.scores) distribution[score - 1]!++;
  const total = tally.scores.reduce((sum, score) => sum + score, 0);
  return {
    requests: tally.requests,
    ratings: tally.scores.length,
    responseRate: rate(tally.scores.length, tally.requests),
    averageScore: tally.scores.length === 0 ? null : total / tally.scores.length,
    distribution,
  };
}

/** Scores, distribution, response rate and comments; per agent and for conversations the AI handled alone. */
export function satisfactionMetrics(
  timelines: readonly ConversationTimeline[],
  options: SessionOptions & { maxComments?: number },
): SatisfactionMetrics {
  const overall: Tally = { requests: 0, scores: [] };
  const aiOnly: Tally = { requests: 0, scores: [] };
  const byAgent = new Map<string, Tally>();
  const comments: SatisfactionComment[] = [];
  for (const timeline of timelines) {
    for (const session of conversationSessions(timeline, options)) {
      const agentId = session.agentIds.at(-1);
      const tallies = [overall];
      if (!session.escalated) tallies.push(aiOnly);
      if (agentId !== undefined) {
        let tally = byAgent.get(agentId);
        if (!tally) byAgent.set(agentId, (tally = { requests: 0, scores: [] }));
        tallies.push(tally);
      }
      for (const tally of tallies) {
        tally.requests += session.satisfactionRequests;
        tally.scores.push(...session.ratings.map((rating) => rating.score));
      }
      for (const rating of session.ratings) {
        if (rating.comment === undefined || rating.comment === '') continue;
        comments.push({
          conversationId: timeline.conversationId,
          at: rating.at,
          score: rating.score,
          comment: rating.comment,
          ...(agentId === undefined ? {} : { agentId }),
        });
      }
    }
  }
  comments.sort((first, second) => (first.at < second.at ? 1 : first.at > second.at ? -1 : 0));
  return {
    overall: summarize(overall),
    aiOnly: summarize(aiOnly),
    byAgent: Object.fromEntries([...byAgent].map(([agentId, tally]) => [agentId, summarize(tally)])),
    comments: comments.slice(0, options.maxComments ?? 100),
  };
}
