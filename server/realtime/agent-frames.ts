import { z } from 'zod';
import { AgentPresenceSchema } from '../../engine/desk/agent.js';
import { TransferTargetSchema } from '../../engine/desk/desk-events.js';

/** The longest reply an agent may send at once. */
export const MAX_AGENT_TEXT_CHARS = 4000;

const IdSchema = z.string().trim().min(1).max(128);
const ClientMessageIdSchema = z.string().trim().min(1).max(64);
const LabelSetSchema = z.array(z.string().trim().min(1).max(64)).max(64);

/**
 * Frames the agent console sends on `/ws/agent`. The first frame must be `auth` with a staff token from
 * `POST /api/auth/login` (browsers cannot set headers on a WebSocket). Frames that change something
 * may carry a `clientMessageId`; the server answers `ack` with it once the change is committed, or
 * `error` with it when refused.
 */
export const AgentFrameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('auth'), token: z.string().min(1).max(4096) }),
  z.object({ type: z.literal('ping') }),
  z.object({ type: z.literal('presence'), presence: AgentPresenceSchema }),
  /** The agent's own routing profile; absent fields stay as they are. */
  z.object({
    type: z.literal('profile'),
    capacity: z.number().int().min(0).max(50).optional(),
    skills: LabelSetSchema.optional(),
    teams: LabelSetSchema.optional(),
  }),
  z.object({
    type: z.literal('accept'),
    conversationId: IdSchema,
    clientMessageId: ClientMessageIdSchema.optional(),
  }),
  z.object({
    type: z.literal('decline'),
    conversationId: IdSchema,
    clientMessageId: ClientMessageIdSchema.optional(),
  }),
  /** Live events of a conversation (and the stored ones after `lastSequence`): one the agent holds, or any for a supervisor. */
  z.object({
    type: z.literal('watch'),
    conversationId: IdSchema,
    lastSequence: z.number().int().min(0).optional(),
  }),
  z.object({ type: z.literal('unwatch'), conversationId: IdSchema }),
  z.object({
    type: z.literal('reply'),
    conversationId: IdSchema,
    text: z.string().trim().min(1, 'text must not be empty').max(MAX_AGENT_TEXT_CHARS),
    clientMessageId: ClientMessageIdSchema.optional(),
    /** Knowledge entries the reply was written from (console knowledge search). */
    entryIds: z.array(IdSchema).max(10).optional(),
  }),
  z.object({
    type: z.literal('transfer'),
    conversationId: IdSchema,
    to: TransferTargetSchema,
    note: z.string().trim().max(1000).default(''),
    clientMessageId: ClientMessageIdSchema.optional(),
  }),
  /** One click: to the supervisor team, moved up the queue. */
  z.object({
    type: z.literal('escalate'),
    conversationId: IdSchema,
    note: z.string().trim().max(1000).default(''),
    clientMessageId: ClientMessageIdSchema.optional(),
  }),
  /** Gives the conversation back to the AI. */
  z.object({
    type: z.literal('hand-back'),
    conversationId: IdSchema,
    clientMessageId: ClientMessageIdSchema.optional(),
  }),
  /** Closes it; the viewer is asked for a satisfaction score. */
  z.object({
    type: z.literal('close'),
    conversationId: IdSchema,
    clientMessageId: ClientMessageIdSchema.optional(),
  }),
  /** Supervisor: puts a conversation whose agent left back in the queue. */
  z.object({
    type: z.literal('requeue'),
    conversationId: IdSchema,
    clientMessageId: ClientMessageIdSchema.optional(),
  }),
]);
export type AgentFrame = z.infer<typeof AgentFrameSchema>;

export const AgentErrorCodeSchema = z.enum([
  'invalid_json',
  'invalid_frame',
  'unknown_type',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'rate_limited',
  'internal',
]);
export type AgentErrorCode = z.infer<typeof AgentErrorCodeSchema>;
