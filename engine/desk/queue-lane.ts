import { z } from 'zod';
import type { HandoffPacket } from '../handoff/handoff-packet.js';

/** Priority lanes of the waiting queue. */
export const QueueLaneSchema = z.enum(['urgent', 'high', 'normal']);
export type QueueLane = z.infer<typeof QueueLaneSchema>;

export interface LaneRules {
  /** Teams whose conversations are complaints and go in the `high` lane. */
  complaintTeams: readonly string[];
}

/**
 * The lane a handed-off conversation waits in: `urgent` for urgent packets; `high` for high-priority
 * packets, VIP viewers and complaints (an angry viewer, or a complaints team); `normal` otherwise.
 */
export function laneForPacket(
  packet: Pick<HandoffPacket, 'priority' | 'reasons' | 'team' | 'viewer'>,
  rules: LaneRules,
): QueueLane {
  if (packet.priority === 'urgent') return 'urgent';
  const complaint = packet.reasons.includes('anger') || rules.complaintTeams.includes(packet.team);
  if (packet.priority === 'high' || packet.viewer.tier === 'vip' || complaint) return 'high';
  return 'normal';
}

/** The more pressing of two lanes under the given order (first = served first). */
export function higherLane(a: QueueLane, b: QueueLane, laneOrder: readonly QueueLane[]): QueueLane {
  return laneOrder.indexOf(a) <= laneOrder.indexOf(b) ? a : b;
}
