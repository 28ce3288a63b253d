import type { HandoffPacket } from '../handoff/handoff-packet.js';
import type { TransferTarget } from './desk-events.js';
import type { RoutingRequirement } from './eligibility.js';
import type { LaneReason } from './lane-reasons.js';
import type { QueueLane } from './queue-lane.js';
import { viewSla, type ResponseClock, type SlaView, type SlaStatus } from './response-sla.js';
import type { QueuedItem } from './waiting-queue.js';

/**
 * `queued`: waiting in the queue. `offered`: a slot is reserved for an agent who has not accepted yet.
 * `active`: accepted. `needs-reassignment`: its agent went offline mid-conversation and the desk holds it
 * out of the queue until someone requeues or transfers it.
 */
export type DeskConversationStatus = 'queued' | 'offered' | 'active' | 'needs-reassignment';

export interface TransferNote {
  by: string;
  note: string;
  to: TransferTarget;
  fromAgentId: string | undefined;
  escalation: boolean;
  at: string;
}

/** The desk's record of one handed-off conversation; mutated only by the desk's commands. */
export interface DeskConversation extends QueuedItem, RoutingRequirement, ResponseClock {
  readonly packet: HandoffPacket;
  status: DeskConversationStatus;
  excludedAgentIds: Set<string>;
  /** Agents who let its offer expire or left it unanswered: offered again only when nobody else may take it. */
  passedOverAgentIds: Set<string>;
  /** The agent holding it (offered or active). */
  agentId: string | undefined;
  offeredAtMs: number | undefined;
  acceptedAtMs: number | undefined;
  transfers: TransferNote[];
  laneReasons: LaneReason[];
  /** No viewer socket since then (undefined while one is open): the desk releases it as abandoned. */
  viewerAwaySinceMs: number | undefined;
  /** The owed reply the holder was last flagged for, so a flag is raised once per owed reply. */
  flaggedForMs: number | undefined;
  /** The due time of the last recorded SLA breach, so each is recorded once. */
  breachedDueAtMs: number | undefined;
}

/** A copy for the server: the packet with every transfer note, no live sets. */
export interface DeskConversationView {
  conversationId: string;
  packet: HandoffPacket;
  status: DeskConversationStatus;
  lane: QueueLane;
  team: string;
  enqueuedAt: string;
  agentId: string | undefined;
  pinnedAgentId: string | undefined;
  transfers: TransferNote[];
  laneReasons: LaneReason[];
  sla: SlaView;
  /** While offered: when the offer lapses. */
  offerExpiresAt: string | undefined;
  /** The agent holding it owes the viewer a reply and was flagged for it. */
  flagged: boolean;
}

export function viewConversation(
  conversation: DeskConversation,
  live: { sla: SlaStatus; offerTimeoutMs: number },
): DeskConversationView {
  return {
    conversationId: conversation.conversationId,
    packet: conversation.packet,
    status: conversation.status,
    lane: conversation.lane,
    team: conversation.team,
    enqueuedAt: new Date(conversation.enqueuedAtMs).toISOString(),
    agentId: conversation.agentId,
    pinnedAgentId: conversation.pinnedAgentId,
    transfers: conversation.transfers.map((note) => ({ ...note })),
    laneReasons: [...conversation.laneReasons],
    sla: viewSla(live.sla),
    offerExpiresAt: offerExpiresAt(conversation, live.offerTimeoutMs),
    flagged: isFlagged(conversation),
  };
}

export function offerExpiresAt(conversation: DeskConversation, offerTimeoutMs: number): string | undefined {
  if (conversation.status !== 'offered' || conversation.offeredAtMs === undefined) return undefined;
  return new Date(conversation.offeredAtMs + offerTimeoutMs).toISOString();
}

/** Flagged for the reply owed now (a newer owed reply, or an answer, clears it). */
export function isFlagged(conversation: DeskConversation): boolean {
  return (
    conversation.status === 'active' &&
    conversation.flaggedForMs !== undefined &&
    conversation.flaggedForMs === conversation.awaitingReplySinceMs
  );
}
