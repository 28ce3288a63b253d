import { z } from 'zod';
import type { QueueLane } from './queue-lane.js';

/** How soon a person must answer, per lane: the first reply after the handoff, then each next one. */
export const ResponseTargetsSchema = z.object({
  firstResponseMs: z.number().int().positive(),
  nextResponseMs: z.number().int().positive(),
});
export type ResponseTargets = z.infer<typeof ResponseTargetsSchema>;

export const SlaPolicySchema = z.object({
  urgent: ResponseTargetsSchema.default({ firstResponseMs: 60_000, nextResponseMs: 60_000 }),
  high: ResponseTargetsSchema.default({ firstResponseMs: 120_000, nextResponseMs: 120_000 }),
  normal: ResponseTargetsSchema.default({ firstResponseMs: 300_000, nextResponseMs: 180_000 }),
});
export type SlaPolicy = z.infer<typeof SlaPolicySchema>;

export type SlaKind = 'first-response' | 'next-response';

/** What the desk knows of who has answered whom, per conversation. */
export interface ResponseClock {
  /** Queued after the handoff: the first response is due from here. */
  readonly enqueuedAtMs: number;
  /** When a person first wrote to the viewer; undefined until then. */
  respondedAtMs: number | undefined;
  /** The viewer's oldest message no person has answered yet; undefined when nobody owes a reply. */
  awaitingReplySinceMs: number | undefined;
}

/** The reply the viewer is waiting for now, and when it is due; `kind: null` when none is owed. */
export interface SlaStatus {
  kind: SlaKind | null;
  dueAtMs: number | null;
  breached: boolean;
}

/**
 * The response owed now: before anyone answered, the first response (due from the enqueue time); after
 * that, the next response to the viewer's oldest unanswered message. The lane's targets apply, so a
 * conversation moved up (escalated) is due sooner.
 */
export function slaStatus(
  clock: ResponseClock,
  lane: QueueLane,
  policy: SlaPolicy,
  nowMs: number,
): SlaStatus {
  const targets = policy[lane];
  if (clock.respondedAtMs === undefined) {
    const dueAtMs = clock.enqueuedAtMs + targets.firstResponseMs;
    return { kind: 'first-response', dueAtMs, breached: nowMs > dueAtMs };
  }
  if (clock.awaitingReplySinceMs !== undefined) {
    const dueAtMs = clock.awaitingReplySinceMs + targets.nextResponseMs;
    return { kind: 'next-response', dueAtMs, breached: nowMs > dueAtMs };
  }
  return { kind: null, dueAtMs: null, breached: false };
}

/** The wire form: ISO times, as the console and the viewer read them. */
export interface SlaView {
  kind: SlaKind | null;
  dueAt: string | null;
  breached: boolean;
}

export function viewSla(status: SlaStatus): SlaView {
  return {
    kind: status.kind,
    dueAt: status.dueAtMs === null ? null : new Date(status.dueAtMs).toISOString(),
    breached: status.breached,
  };
}
