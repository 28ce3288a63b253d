import { z } from 'zod';
import { AgentPresenceSchema } from './agent.js';
import { QueueLaneSchema } from './queue-lane.js';

export const TransferTargetSchema = z.union([
  z.object({ agentId: z.string().min(1) }).strict(),
  z.object({ team: z.string().min(1) }).strict(),
]);
export type TransferTarget = z.infer<typeof TransferTargetSchema>;

export const ReleaseReasonSchema = z.enum(['closed', 'handed-back', 'abandoned']);
export type ReleaseReason = z.infer<typeof ReleaseReasonSchema>;

export const RequeueReasonSchema = z.enum(['agent-offline', 'declined', 'reassigned']);
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
    at: z.string(),
  }),
  /** A slot is reserved for the agent; the conversation is theirs to accept (or decline). */
  z.object({
    type: z.literal('conversation-assigned'),
    conversationId: z.string(),
    agentId: z.string(),
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
  z.object({
    type: z.literal('agent-updated'),
    agentId: z.string(),
    presence: AgentPresenceSchema,
    capacity: z.number(),
    at: z.string(),
  }),
]);
export type DeskEvent = z.infer<typeof DeskEventSchema>;
