import { viewAgent, type Agent, type AgentView } from './agent.js';
import type { DeskConfig } from './desk-config.js';
import {
  isFlagged,
  offerExpiresAt,
  type DeskConversation,
  type DeskConversationStatus,
} from './desk-conversation.js';
import { mayTake, poolKey } from './eligibility.js';
import type { LaneReason } from './lane-reasons.js';
import type { QueueLane } from './queue-lane.js';
import { viewSla, type SlaStatus, type SlaView } from './response-sla.js';
import { estimateWaitMs } from './wait-estimate.js';

export interface QueueSnapshotEntry {
  conversationId: string;
  viewerId: string;
  /** The viewer's display name, else their id: what the console shows. */
  viewerName: string;
  /** The name is one the viewer chose, not the platform's: the console shows it as such. */
  viewerSelfNamed: boolean;
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
  /** Online agents who may take it (busy or not): 0 means nobody who could help is here. */
  eligibleAgentsOnline: number;
  /** Waiting longer than `longWaitMs`: shown in red. */
  longWait: boolean;
  laneReasons: LaneReason[];
  sla: SlaView;
}

/** A conversation not in the queue: offered to, or held by, an agent, or waiting for reassignment. */
export interface HeldConversationEntry {
  conversationId: string;
  status: Exclude<DeskConversationStatus, 'queued'>;
  agentId: string | undefined;
  agentName: string | undefined;
  viewerName: string;
  viewerSelfNamed: boolean;
  viewerTier: 'regular' | 'vip';
  lane: QueueLane;
  team: string;
  /** Still waiting for a person (offered, needs reassignment): time since it was first queued; 0 once accepted. */
  waitedMs: number;
  longWait: boolean;
  laneReasons: LaneReason[];
  sla: SlaView;
  /** While offered: when the offer lapses. */
  offerExpiresAt: string | undefined;
  /** Its agent owes the viewer a reply past the desk's flag time. */
  flagged: boolean;
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
  config: Pick<DeskConfig, 'matchSkills' | 'longWaitMs' | 'offerTimeoutMs'>;
  slaOf: (conversation: DeskConversation) => SlaStatus;
}

/** The viewer as people name them: display name, else the id. */
export function viewerNameOf(conversation: DeskConversation): string {
  const viewer = conversation.packet.viewer;
  return viewer.displayName?.trim() || viewer.viewerId;
}

/** The console's view of the queue, with positions and wait estimates; O(queue + agents × pools). */
export function buildQueueSnapshot(input: QueueSnapshotInput): QueueSnapshot {
  const { nowMs, config } = input;
  const agents = [...input.agents];
  const names = new Map(agents.map((agent) => [agent.id, agent.name]));
  const online = agents.filter((agent) => agent.presence === 'online');
  const eligibleOf = (conversation: DeskConversation): { capacity: number; count: number } => {
    const eligible = online.filter((agent) => mayTake(agent, conversation, config));
    return { capacity: eligible.reduce((sum, agent) => sum + agent.capacity, 0), count: eligible.length };
  };
  const poolEligible = new Map<string, { capacity: number; count: number }>();
  const poolCount = new Map<string, number>();
  const waiting = input.queued.map((conversation, index): QueueSnapshotEntry => {
    const key = poolKey(conversation, config);
    const ahead = poolCount.get(key) ?? 0;
    poolCount.set(key, ahead + 1);
    let eligible = conversation.excludedAgentIds.size > 0 ? eligibleOf(conversation) : poolEligible.get(key);
    if (eligible === undefined) {
      eligible = eligibleOf(conversation);
      poolEligible.set(key, eligible);
    }
    const waitedMs = Math.max(0, nowMs - conversation.enqueuedAtMs);
    return {
      conversationId: conversation.conversationId,
      viewerId: conversation.packet.viewer.viewerId,
      viewerName: viewerNameOf(conversation),
      viewerSelfNamed: conversation.packet.viewer.selfNamed === true,
      viewerTier: conversation.packet.viewer.tier,
      position: ahead + 1,
      queueIndex: index + 1,
      lane: conversation.lane,
      team: conversation.team,
      pinnedAgentId: conversation.pinnedAgentId,
      enqueuedAt: new Date(conversation.enqueuedAtMs).toISOString(),
      waitedMs,
      estimatedWaitMs: estimateWaitMs({
        ahead,
        eligibleCapacity: eligible.capacity,
        averageHandleMs: input.averageHandleMs,
      }),
      eligibleAgentsOnline: eligible.count,
      longWait: waitedMs > config.longWaitMs,
      laneReasons: [...conversation.laneReasons],
      sla: viewSla(input.slaOf(conversation)),
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
      agentName: conversation.agentId === undefined ? undefined : names.get(conversation.agentId),
      viewerName: viewerNameOf(conversation),
      viewerSelfNamed: conversation.packet.viewer.selfNamed === true,
      viewerTier: conversation.packet.viewer.tier,
      lane: conversation.lane,
      team: conversation.team,
      waitedMs,
      longWait: waitedMs > config.longWaitMs,
      laneReasons: [...conversation.laneReasons],
      sla: viewSla(input.slaOf(conversation)),
      offerExpiresAt: offerExpiresAt(conversation, config.offerTimeoutMs),
      flagged: isFlagged(conversation),
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
