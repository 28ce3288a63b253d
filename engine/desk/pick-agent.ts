import { agentLoad, type Agent } from './agent.js';

export type AgentSelection = 'round-robin' | 'least-busy';

export interface PickAgentInput {
  /** Agents who may take the conversation and have a free slot, in registration order. */
  candidates: readonly Agent[];
  selection: AgentSelection;
  /** Registration order of every agent, for the round-robin rotation. */
  rotation: readonly string[];
  /** The agent who got the last round-robin offer. */
  lastAgentId: string | undefined;
}

/**
 * Round robin: the next candidate after the last agent offered one, in registration order, wrapping.
 * Least busy: the fewest conversations held; ties go to the agent who waited longest since their last
 * offer, then registration order.
 */
export function pickAgent(input: PickAgentInput): Agent | undefined {
  const { candidates } = input;
  if (input.selection === 'round-robin') {
    const lastIndex = input.lastAgentId === undefined ? -1 : input.rotation.indexOf(input.lastAgentId);
    const rotationIndex = (agent: Agent): number => input.rotation.indexOf(agent.id);
    return candidates.find((agent) => rotationIndex(agent) > lastIndex) ?? candidates[0];
  }
  let best: Agent | undefined;
  for (const agent of candidates) {
    if (best === undefined) best = agent;
    else {
      const byLoad = agentLoad(agent) - agentLoad(best);
      if (byLoad < 0 || (byLoad === 0 && agent.lastOfferedAtMs < best.lastOfferedAtMs)) best = agent;
    }
  }
  return best;
}
