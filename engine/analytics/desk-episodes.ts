import type { ConversationTimeline } from './conversation-timeline.js';

/** One agent's hold on a conversation: from accepting it to letting it go. */
export interface AgentSegment {
  agentId: string;
  acceptedAt: string;
  /** Absent while the agent still has it. */
  endedAt?: string | undefined;
}

/** One stay on the desk: from first queued to released. A reopened conversation may have several. */
export interface DeskEpisode {
  queuedAt: string;
  /** Every team it was queued for, in order (transfers add teams). */
  teams: string[];
  /** The first acceptance by any agent. */
  acceptedAt?: string | undefined;
  acceptedBy?: string | undefined;
  firstAgentMessageAt?: string | undefined;
  firstAgentMessageBy?: string | undefined;
  releasedAt?: string | undefined;
  releaseReason?: string | undefined;
  segments: AgentSegment[];
}

function endSegment(episode: DeskEpisode, at: string): void {
  const segment = episode.segments.at(-1);
  if (segment && segment.endedAt === undefined) segment.endedAt = at;
}

/** The conversation's stays on the desk, in order. */
export function deskEpisodes(timeline: ConversationTimeline): DeskEpisode[] {
  const episodes: DeskEpisode[] = [];
  let current: DeskEpisode | undefined;
  for (const event of timeline.events) {
    if (event.type === 'agent-message') {
      if (current && current.firstAgentMessageAt === undefined && event.at >= current.queuedAt) {
        current.firstAgentMessageAt = event.at;
        current.firstAgentMessageBy = event.agentId;
      }
      continue;
    }
    if (event.type !== 'desk') continue;
    const step = event.step;
    if (step.kind === 'queued') {
      if (current) current.teams.push(step.team);
      else {
        current = { queuedAt: step.at, teams: [step.team], segments: [] };
        episodes.push(current);
      }
      continue;
    }
    if (!current) continue;
    switch (step.kind) {
      case 'accepted':
        endSegment(current, step.at);
        current.segments.push({ agentId: step.agentId, acceptedAt: step.at });
        current.acceptedAt ??= step.at;
        current.acceptedBy ??= step.agentId;
        break;
      case 'transferred':
      case 'requeued':
      case 'needs-reassignment':
        endSegment(current, step.at);
        break;
      case 'released':
        endSegment(current, step.at);
        current.releasedAt = step.at;
        current.releaseReason = step.reason;
        current = undefined;
        break;
      case 'assigned':
        break;
    }
  }
  return episodes;
}
