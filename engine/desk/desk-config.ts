import { z } from 'zod';
import { QueueLaneSchema } from './queue-lane.js';
import { SlaPolicySchema } from './response-sla.js';

const TeamSchema = z.string().trim().min(1).max(64);

/**
 * How the desk routes. The four modes the product names are combinations of three settings (see
 * `routingModeSettings`): which free agent gets a conversation (`selection`), whether the agent must
 * have the packet's team as a team or skill (`matchSkills`), and whether lanes order the queue
 * (`priorityLanes`; otherwise strictly oldest first).
 */
export const DeskConfigSchema = z.object({
  selection: z.enum(['round-robin', 'least-busy']).default('least-busy'),
  matchSkills: z.boolean().default(true),
  priorityLanes: z.boolean().default(true),
  /** Lanes, served first to last. */
  laneOrder: z
    .array(QueueLaneSchema)
    .length(3)
    .refine((lanes) => new Set(lanes).size === lanes.length, 'each lane exactly once')
    .default(['urgent', 'high', 'normal']),
  /** Teams whose conversations are complaints (lane `high`). */
  complaintTeams: z.array(TeamSchema).default(['complaints']),
  /** Where `escalateToSupervisor` sends a conversation. */
  supervisorTeam: TeamSchema.default('supervisor'),
  /** Waiting longer than this flags the conversation (`longWait`, red in the console). */
  longWaitMs: z.number().int().positive().default(60_000),
  /** Handle-time EWMA behind the wait estimate. */
  handleTime: z
    .object({
      /** Weight of the newest handle time, 0 < alpha <= 1. */
      alpha: z.number().gt(0).max(1).default(0.3),
      /** The estimate before any conversation was handled. */
      initialMs: z.number().int().positive().default(180_000),
    })
    .prefault({}),
  /**
   * What happens to accepted conversations when their agent goes offline: returned to the caller as
   * needing reassignment (a supervisor decides), or requeued at their original place.
   */
  onAgentOffline: z.enum(['needs-reassignment', 'requeue']).default('needs-reassignment'),
  /** An offer not accepted or declined within this long goes to the next eligible agent. */
  offerTimeoutMs: z.number().int().min(1000).default(30_000),
  /** Offers in a row an agent lets expire before the desk sets them Away (and tells them). */
  maxMissedOffers: z.number().int().min(1).max(20).default(2),
  /**
   * An accepted conversation whose agent owes the viewer a reply this long is flagged to the agent and
   * supervisors; after `reassignAfterMs` it goes back to the queue for someone else. 0 turns either off.
   */
  unanswered: z
    .object({
      flagAfterMs: z.number().int().min(0).default(120_000),
      reassignAfterMs: z.number().int().min(0).default(300_000),
    })
    .prefault({}),
  /** First and next response targets per lane; breaches are recorded and shown. */
  sla: SlaPolicySchema.prefault({}),
  /** A waiting viewer with no open socket this long has left: released as abandoned. 0: never. */
  abandonAfterMs: z.number().int().min(0).default(300_000),
  /**
   * A conversation that has waited this long while no agent of its team is online may go to any online
   * agent, so a small desk never leaves it stranded. 0: never.
   */
  teamOverflowMs: z.number().int().min(0).default(120_000),
});
export type DeskConfig = z.infer<typeof DeskConfigSchema>;
export type DeskConfigInput = z.input<typeof DeskConfigSchema>;

export const RoutingModeSchema = z.enum(['round-robin', 'least-busy', 'skill-based', 'priority-lanes']);
export type RoutingMode = z.infer<typeof RoutingModeSchema>;

/** The settings behind each named routing mode; spread into a config input. */
export function routingModeSettings(
  mode: RoutingMode,
): Pick<DeskConfig, 'selection' | 'matchSkills' | 'priorityLanes'> {
  switch (mode) {
    case 'round-robin':
      return { selection: 'round-robin', matchSkills: false, priorityLanes: false };
    case 'least-busy':
      return { selection: 'least-busy', matchSkills: false, priorityLanes: false };
    case 'skill-based':
      return { selection: 'least-busy', matchSkills: true, priorityLanes: false };
    case 'priority-lanes':
      return { selection: 'least-busy', matchSkills: true, priorityLanes: true };
  }
}
