import type { ConversationTimeline } from './conversation-timeline.js';

/** Which conversations a metric covers: opened in [from, to), and every given field must match. */
export interface AnalyticsFilter {
  from: string;
  to: string;
  roomId?: string | undefined;
  scenario?: string | undefined;
  /** Queued for (or handed off to) this team at some point. */
  team?: string | undefined;
  /** Accepted by, or written to by, this agent. */
  agentId?: string | undefined;
}

function touchesTeam(timeline: ConversationTimeline, team: string): boolean {
  return timeline.events.some(
    (event) =>
      (event.type === 'handoff' && event.team === team) ||
      (event.type === 'desk' && event.step.kind === 'queued' && event.step.team === team),
  );
}

function touchesAgent(timeline: ConversationTimeline, agentId: string): boolean {
  return timeline.events.some(
    (event) =>
      (event.type === 'agent-message' && event.agentId === agentId) ||
      (event.type === 'desk' && event.step.kind === 'accepted' && event.step.agentId === agentId),
  );
}

export function matchesFilter(timeline: ConversationTimeline, filter: AnalyticsFilter): boolean {
  if (timeline.openedAt < filter.from || timeline.openedAt >= filter.to) return false;
  if (filter.roomId !== undefined && timeline.roomId !== filter.roomId) return false;
  if (filter.scenario !== undefined && timeline.scenario !== filter.scenario) return false;
  if (filter.team !== undefined && !touchesTeam(timeline, filter.team)) return false;
  if (filter.agentId !== undefined && !touchesAgent(timeline, filter.agentId)) return false;
  return true;
}
