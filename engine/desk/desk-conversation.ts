import type { HandoffPacket } from '../handoff/handoff-packet.js';
import type { TransferTarget } from './desk-events.js';
import type { RoutingRequirement } from './eligibility.js';
import type { QueueLane } from './queue-lane.js';
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
export interface DeskConversation extends QueuedItem, RoutingRequirement {
  readonly packet: HandoffPacket;
  status: DeskConversationStatus;
  excludedAgentIds: Set<string>;
  /** The agent holding it (offered or active). */
  agentId: string | undefined;
  acceptedAtMs: number | undefined;
  transfers: TransferNote[];
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
}

export function viewConversation(conversation: DeskConversation): DeskConversationView {
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
  };
}
