import { viewAgent, type Agent, type AgentView } from './agent.js';
import type { DeskConfig } from './desk-config.js';
import type { DeskConversation, DeskConversationStatus } from './desk-conversation.js';
import { mayTake, poolKey } from './eligibility.js';
import type { QueueLane } from './queue-lane.js';
import { estimateWaitMs } from './wait-estimate.js';

export interface QueueSnapshotEntry {
  conversationId: string;
  viewerId: string;
  viewerTier: 'regular' | 'vip';
  /** 1-based place among the waiting conversations that compete for the same agents (what the viewer sees). */
  position: number;
  /** 1-based place in the whole queue, in service order. */
  queueIndex: number;
  lane: QueueLane;
  team: string;
  pinnedAgentId: string | undefined;
  enqueuedAt: string;
  waitedMs: number;
  /** See `estimateWaitMs`; `null` when no online agent can take it. */
  estimatedWaitMs: number | null;
  /** Waiting longer than `longWaitMs`: shown in red. */
  longWait: boolean;
}

/** A conversation not in the queue: offered to, or held by, an agent, or waiting for reassignment. */
export interface HeldConversationEntry {
  conversationId: string;
  status: Exclude<DeskConversationStatus, 'queued'>;
  agentId: string | undefined;
  lane: QueueLane;
  team: string;
  /** Still waiting for a person (offered, needs reassignment): time since it was first queued; 0 once accepted. */
  waitedMs: number;
  longWait: boolean;
}

export interface QueueSnapshot {
  at: string;
  averageHandleMs: number;
  /** In service order. */
  waiting: QueueSnapshotEntry[];
  held: HeldConversationEntry[];
  agents: AgentView[];
}

export interface QueueSnapshotInput {
  nowMs: number;
  queued: readonly DeskConversation[];
  held: Iterable<DeskConversation>;
  agents: Iterable<Agent>;
  averageHandleMs: number;
  config: Pick<DeskConfig, 'matchSkills' | 'longWaitMs'>;
}

/** The console's view of the queue, with positions and wait estimates; O(queue + agents × pools). */
export function buildQueueSnapshot(input: QueueSnapshotInput): QueueSnapshot {
  const { nowMs, config } = input;
  const agents = [...input.agents];
  const online = agents.filter((agent) => agent.presence === 'online');
  const capacityOf = (conversation: DeskConversation): number =>
    online
      .filter((agent) => mayTake(agent, conversation, config))
      .reduce((sum, agent) => sum + agent.capacity, 0);
  const poolCapacity = new Map<string, number>();
  const poolCount = new Map<string, number>();
  const waiting = input.queued.map((conversation, index): QueueSnapshotEntry => {
    const key = poolKey(conversation, config);
    const ahead = poolCount.get(key) ?? 0;
    poolCount.set(key, ahead + 1);
    let eligibleCapacity =
      conversation.excludedAgentIds.size > 0 ? capacityOf(conversation) : poolCapacity.get(key);
    if (eligibleCapacity === undefined) {
      eligibleCapacity = capacityOf(conversation);
      poolCapacity.set(key, eligibleCapacity);
    }
    const waitedMs = Math.max(0, nowMs - conversation.enqueuedAtMs);
    return {
      conversationId: conversation.conversationId,
      viewerId: conversation.packet.viewer.viewerId,
      viewerTier: conversation.packet.viewer.tier,
      position: ahead + 1,
      queueIndex: index + 1,
      lane: conversation.lane,
      team: conversation.team,
      pinnedAgentId: conversation.pinnedAgentId,
      enqueuedAt: new Date(conversation.enqueuedAtMs).toISOString(),
      waitedMs,
      estimatedWaitMs: estimateWaitMs({ ahead, eligibleCapacity, averageHandleMs: input.averageHandleMs }),
      longWait: waitedMs > config.longWaitMs,
    };
  });
  const held: HeldConversationEntry[] = [];
  for (const conversation of input.held) {
    if (conversation.status === 'queued') continue;
    const waitedMs = conversation.status === 'active' ? 0 : Math.max(0, nowMs - conversation.enqueuedAtMs);
    held.push({
      conversationId: conversation.conversationId,
      status: conversation.status,
      agentId: conversation.agentId,
      lane: conversation.lane,
      team: conversation.team,
      waitedMs,
      longWait: waitedMs > config.longWaitMs,
    });
  }
  return {
    at: new Date(nowMs).toISOString(),
    averageHandleMs: input.averageHandleMs,
    waiting,
    held,
    agents: agents.map(viewAgent),
  };
}
