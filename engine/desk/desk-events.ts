import { z } from 'zod';
import { AgentPresenceSchema } from './agent.js';
import { LaneReasonSchema } from './lane-reasons.js';
import { QueueLaneSchema } from './queue-lane.js';

export const TransferTargetSchema = z.union([
  z.object({ agentId: z.string().min(1) }).strict(),
  z.object({ team: z.string().min(1) }).strict(),
]);
export type TransferTarget = z.infer<typeof TransferTargetSchema>;

export const ReleaseReasonSchema = z.enum(['closed', 'handed-back', 'abandoned']);
export type ReleaseReason = z.infer<typeof ReleaseReasonSchema>;

/**
 * `offer-expired`: the agent neither accepted nor declined in time; `agent-away`: they set Away while it
 * was offered; `unresponsive`: they held it without answering the viewer past the desk's limit.
 */
export const RequeueReasonSchema = z.enum([
  'agent-offline',
  'agent-away',
  'declined',
  'offer-expired',
  'reassigned',
  'unresponsive',
]);
export type RequeueReason = z.infer<typeof RequeueReasonSchema>;

/**
 * Every change the desk makes, in order, for the server to persist and broadcast. Each command returns
 * the events it caused; `at` is the injected clock's time.
 */
export const DeskEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('conversation-queued'),
    conversationId: z.string(),
    lane: QueueLaneSchema,
    team: z.string(),
    /** Why that lane and team (absent in logs written before reasons were recorded). */
    reasons: z.array(LaneReasonSchema).optional(),
    at: z.string(),
  }),
  /** A slot is reserved for the agent; the conversation is theirs to accept (or decline) until `expiresAt`. */
  z.object({
    type: z.literal('conversation-assigned'),
    conversationId: z.string(),
    agentId: z.string(),
    expiresAt: z.string().optional(),
    at: z.string(),
  }),
  z.object({
    type: z.literal('conversation-accepted'),
    conversationId: z.string(),
    agentId: z.string(),
    at: z.string(),
  }),
  /** Back in the queue at its original enqueue time. */
  z.object({
    type: z.literal('conversation-requeued'),
    conversationId: z.string(),
    reason: RequeueReasonSchema,
    previousAgentId: z.string().optional(),
    at: z.string(),
  }),
  /** Its agent went offline mid-conversation; held out of the queue until someone decides. */
  z.object({
    type: z.literal('conversation-needs-reassignment'),
    conversationId: z.string(),
    previousAgentId: z.string(),
    at: z.string(),
  }),
  z.object({
    type: z.literal('conversation-transferred'),
    conversationId: z.string(),
    fromAgentId: z.string().optional(),
    to: TransferTargetSchema,
    by: z.string(),
    note: z.string(),
    escalation: z.boolean(),
    at: z.string(),
  }),
  /** Left the desk: its slot (if any) is free. `handleMs` only for an accepted conversation. */
  z.object({
    type: z.literal('conversation-released'),
    conversationId: z.string(),
    agentId: z.string().optional(),
    reason: ReleaseReasonSchema,
    handleMs: z.number().optional(),
    at: z.string(),
  }),
  /** The agent holding it has owed the viewer a reply since `waitingSince`: shown to them and supervisors. */
  z.object({
    type: z.literal('conversation-flagged'),
    conversationId: z.string(),
    agentId: z.string(),
    reason: z.literal('no-reply'),
    waitingSince: z.string(),
    at: z.string(),
  }),
  /** A response target was missed (`reason`: which one): recorded once per owed reply. */
  z.object({
    type: z.literal('sla-breached'),
    conversationId: z.string(),
    reason: z.enum(['first-response', 'next-response']),
    dueAt: z.string(),
    agentId: z.string().optional(),
    at: z.string(),
  }),
  /** Nobody of its team came online in time: any online agent may take it now. */
  z.object({
    type: z.literal('conversation-overflowed'),
    conversationId: z.string(),
    team: z.string(),
    at: z.string(),
  }),
  /** The desk set an agent Away because they let `missedOffers` offers in a row expire. */
  z.object({
    type: z.literal('agent-set-away'),
    agentId: z.string(),
    reason: z.literal('missed-offers'),
    missedOffers: z.number().int(),
    at: z.string(),
  }),
  z.object({
    type: z.literal('agent-updated'),
    agentId: z.string(),
    presence: AgentPresenceSchema,
    capacity: z.number(),
    at: z.string(),
  }),
]);
export type DeskEvent = z.infer<typeof DeskEventSchema>;
