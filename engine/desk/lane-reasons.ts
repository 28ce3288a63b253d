import { z } from 'zod';
import type { HandoffPacket } from '../handoff/handoff-packet.js';

/**
 * Why a conversation waits in its lane and for its team, as the console explains it: `urgent` and
 * `sensitive` from the policy's severity, `vip` from the viewer, `anger` and `complaints-team` for
 * complaints, `high-priority` for any other high-priority handoff, `escalated` when an agent sent it to a
 * supervisor, `overflow` when nobody of its own team came online in time and any agent may take it.
 */
export const LaneReasonSchema = z.enum([
  'urgent',
  'sensitive',
  'vip',
  'anger',
  'complaints-team',
  'high-priority',
  'escalated',
  'overflow',
]);
export type LaneReason = z.infer<typeof LaneReasonSchema>;

export function laneReasonsForPacket(
  packet: Pick<HandoffPacket, 'priority' | 'reasons' | 'team' | 'viewer'>,
  complaintTeams: readonly string[],
): LaneReason[] {
  const reasons: LaneReason[] = [];
  if (packet.priority === 'urgent') reasons.push('urgent');
  if (packet.reasons.includes('sensitive')) reasons.push('sensitive');
  if (packet.viewer.tier === 'vip') reasons.push('vip');
  if (packet.reasons.includes('anger')) reasons.push('anger');
  if (complaintTeams.includes(packet.team)) reasons.push('complaints-team');
  if (packet.priority === 'high' && reasons.length === 0) reasons.push('high-priority');
  return reasons;
}

/** Adds a reason once, keeping the order reasons arrived in. */
export function withLaneReason(reasons: readonly LaneReason[], reason: LaneReason): LaneReason[] {
  return reasons.includes(reason) ? [...reasons] : [...reasons, reason];
}
