import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import type { HandoffPacket } from '../../engine/handoff/handoff-packet.js';
import type { StoredConversationEvent } from '../../engine/ports.js';

/** Where a conversation stood in the queue, as its log tells it. */
export interface QueuePlace {
  /** When it first entered the queue after its latest handoff: its place in line. */
  enqueuedAt: Date;
  /** The team it waits for now (a transfer may have changed it). */
  team: string;
}

/**
 * Reads a restored conversation's place from its stored desk events: the first `conversation-queued`
 * after the latest handoff (transfers queue it again but keep the original time), else the handoff's
 * time; the team of the latest `conversation-queued`, else the packet's.
 */
export function queuePlace(
  stored: readonly StoredConversationEvent<ConversationEvent>[],
  packet: HandoffPacket,
): QueuePlace {
  let handoffIndex = -1;
  stored.forEach((item, index) => {
    if (item.event.type === 'handoff') handoffIndex = index;
  });
  let enqueuedAt = handoffIndex >= 0 ? stored[handoffIndex]!.at : packet.createdAt;
  let team = packet.team;
  let first = true;
  for (const item of stored.slice(handoffIndex + 1)) {
    const event = item.event;
    if (event.type !== 'desk' || event.event.type !== 'conversation-queued') continue;
    if (first) enqueuedAt = event.event.at;
    first = false;
    team = event.event.team;
  }
  const parsed = Date.parse(enqueuedAt);
  return { enqueuedAt: new Date(Number.isNaN(parsed) ? Date.parse(packet.createdAt) : parsed), team };
}
