import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import type { HandoffPacket } from '../../engine/handoff/handoff-packet.js';
import type { StoredConversationEvent } from '../../engine/ports.js';

/** Where a conversation stood on the desk, as its log tells it. */
export interface QueuePlace {
  /** When it first entered the queue after its latest handoff: its place in line. */
  enqueuedAt: Date;
  /** The team it waits for now (a transfer may have changed it). */
  team: string;
  /** When a person first wrote to the viewer after the handoff, if one did. */
  respondedAt?: Date;
  /** The viewer's oldest message no person has answered since, once someone has answered. */
  awaitingReplySince?: Date;
  /** An agent escalated it to a supervisor: it keeps the higher lane. */
  escalated?: boolean;
}

function dateOf(iso: string, fallback: string): Date {
  const parsed = Date.parse(iso);
  return new Date(Number.isNaN(parsed) ? Date.parse(fallback) : parsed);
}

/**
 * Reads a restored conversation's place from its stored events after the latest handoff: the first
 * `conversation-queued` (transfers queue it again but keep the original time), else the handoff's time;
 * the team of the latest `conversation-queued`, else the packet's; who answered whom since (for the
 * response targets); and whether an agent escalated it.
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
  let respondedAt: string | undefined;
  let awaitingReplySince: string | undefined;
  let escalated = false;
  for (const item of stored.slice(handoffIndex + 1)) {
    const event = item.event;
    if (event.type === 'agent-message') {
      respondedAt ??= event.at;
      awaitingReplySince = undefined;
    } else if (event.type === 'viewer-message') {
      if (respondedAt !== undefined) awaitingReplySince ??= event.at;
    } else if (event.type === 'desk') {
      const desk = event.event;
      if (desk.type === 'conversation-transferred' && desk.escalation) escalated = true;
      if (desk.type !== 'conversation-queued') continue;
      if (first) enqueuedAt = desk.at;
      first = false;
      team = desk.team;
    }
  }
  return {
    enqueuedAt: dateOf(enqueuedAt, packet.createdAt),
    team,
    ...(respondedAt === undefined ? {} : { respondedAt: dateOf(respondedAt, packet.createdAt) }),
    ...(awaitingReplySince === undefined
      ? {}
      : { awaitingReplySince: dateOf(awaitingReplySince, packet.createdAt) }),
    ...(escalated ? { escalated } : {}),
  };
}
