import { hasTeamOrSkill, type Agent } from './agent.js';

export interface RoutingRequirement {
  team: string;
  /** Queued for this one agent (a transfer to a named agent who was full). */
  pinnedAgentId: string | undefined;
  /** Agents who declined or transferred it away; never offered it again. */
  excludedAgentIds: ReadonlySet<string>;
  /** Nobody of its team came online in time: any agent may take it. */
  overflow: boolean;
}

/** Whether the agent may take the conversation at all, whatever their presence and load. */
export function mayTake(
  agent: Agent,
  requirement: RoutingRequirement,
  options: { matchSkills: boolean },
): boolean {
  if (requirement.excludedAgentIds.has(agent.id)) return false;
  if (requirement.pinnedAgentId !== undefined) return agent.id === requirement.pinnedAgentId;
  return !options.matchSkills || requirement.overflow || hasTeamOrSkill(agent, requirement.team);
}

/**
 * Conversations with the same key compete for the same agents: queue positions and wait estimates are
 * counted per key, and a key no free agent can serve is skipped as a whole while routing.
 */
export function poolKey(requirement: RoutingRequirement, options: { matchSkills: boolean }): string {
  if (requirement.pinnedAgentId !== undefined) return `agent:${requirement.pinnedAgentId}`;
  return options.matchSkills && !requirement.overflow ? `team:${requirement.team}` : '*';
}
