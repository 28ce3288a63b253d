import { z } from 'zod';
import { ConversationEventSchema } from '../../engine/conversation/conversation-event-schema.js';
import { AgentPresenceSchema, type AgentView } from '../../engine/desk/agent.js';
import type { DeskConversationView } from '../../engine/desk/desk-conversation.js';
import { TransferTargetSchema } from '../../engine/desk/desk-events.js';
import { LaneReasonSchema } from '../../engine/desk/lane-reasons.js';
import { QueueLaneSchema } from '../../engine/desk/queue-lane.js';
import type { QueueSnapshot } from '../../engine/desk/queue-snapshot.js';
import { StaffRoleSchema } from '../auth/principal.js';
import { PiiSpanViewSchema } from '../privacy/mask-for-staff.js';
import { eventSchema } from './event-schema.js';

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
  /**
   * The agent is typing a reply in a conversation they hold (`active`), or stopped. Live only, never
   * stored; the console sends it at most every few seconds while keys are pressed and a stop after a pause.
   * No ack; refused (`forbidden`) for a conversation the agent does not hold.
   */
  z.object({ type: z.literal('typing'), conversationId: IdSchema, active: z.boolean() }),
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

// Server → agent frames. The web console is written against these shapes.

const LaneSchema = QueueLaneSchema;
const HandoffPacketSchema = eventSchema('handoff').shape.packet;
/** The reply a viewer is owed now and when it is due (see engine/desk/response-sla.ts). */
const SlaViewSchema = z.object({
  kind: z.enum(['first-response', 'next-response']).nullable(),
  dueAt: z.string().nullable(),
  breached: z.boolean(),
});

export const AgentViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  presence: AgentPresenceSchema,
  capacity: z.number().int(),
  skills: z.array(z.string()),
  teams: z.array(z.string()),
  offeredConversationIds: z.array(z.string()),
  activeConversationIds: z.array(z.string()),
  load: z.number().int(),
  freeSlots: z.number().int(),
});

export const QueueSnapshotSchema = z.object({
  at: z.string(),
  averageHandleMs: z.number(),
  waiting: z.array(
    z.object({
      conversationId: z.string(),
      viewerId: z.string(),
      viewerName: z.string(),
      viewerSelfNamed: z.boolean(),
      viewerTier: z.enum(['regular', 'vip']),
      position: z.number().int().min(1),
      queueIndex: z.number().int().min(1),
      lane: LaneSchema,
      team: z.string(),
      pinnedAgentId: z.string().optional(),
      enqueuedAt: z.string(),
      waitedMs: z.number(),
      estimatedWaitMs: z.number().nullable(),
      eligibleAgentsOnline: z.number().int().min(0),
      longWait: z.boolean(),
      laneReasons: z.array(LaneReasonSchema),
      sla: SlaViewSchema,
    }),
  ),
  held: z.array(
    z.object({
      conversationId: z.string(),
      status: z.enum(['offered', 'active', 'needs-reassignment']),
      agentId: z.string().optional(),
      agentName: z.string().optional(),
      viewerName: z.string(),
      viewerSelfNamed: z.boolean(),
      viewerTier: z.enum(['regular', 'vip']),
      lane: LaneSchema,
      team: z.string(),
      waitedMs: z.number(),
      longWait: z.boolean(),
      laneReasons: z.array(LaneReasonSchema),
      sla: SlaViewSchema,
      offerExpiresAt: z.string().optional(),
      flagged: z.boolean(),
    }),
  ),
  agents: z.array(AgentViewSchema),
});

/** The handoff packet and the desk's record: lane, team, holder, and every transfer with its note. */
export const DeskConversationViewSchema = z.object({
  conversationId: z.string(),
  packet: HandoffPacketSchema,
  status: z.enum(['queued', 'offered', 'active', 'needs-reassignment']),
  lane: LaneSchema,
  team: z.string(),
  enqueuedAt: z.string(),
  agentId: z.string().optional(),
  pinnedAgentId: z.string().optional(),
  laneReasons: z.array(LaneReasonSchema),
  sla: SlaViewSchema,
  offerExpiresAt: z.string().optional(),
  flagged: z.boolean(),
  transfers: z.array(
    z.object({
      by: z.string(),
      note: z.string(),
      to: TransferTargetSchema,
      fromAgentId: z.string().optional(),
      escalation: z.boolean(),
      at: z.string(),
    }),
  ),
});

/** Why a conversation left an agent: released by the desk, or moved on (requeued, transferred). */
export const AgentReleaseReasonSchema = z.enum([
  'closed',
  'handed-back',
  'abandoned',
  'agent-offline',
  'agent-away',
  'declined',
  'offer-expired',
  'reassigned',
  'unresponsive',
  'transferred',
]);
export type AgentReleaseReason = z.infer<typeof AgentReleaseReasonSchema>;

export const AgentServerFrameSchema = z.discriminatedUnion('type', [
  /** `agent`: the desk's record of this user, null for staff who do not take conversations (admins). */
  z.object({
    type: z.literal('authenticated'),
    user: z.object({ id: z.string(), name: z.string(), role: StaffRoleSchema }),
    agent: AgentViewSchema.nullable(),
    longWaitMs: z.number().int().positive(),
  }),
  /** The whole queue, sent on auth and after desk changes (at most about 5 a second). */
  z.object({ type: z.literal('queue'), snapshot: QueueSnapshotSchema }),
  /** A conversation offered to, accepted by, or taken from (needs reassignment) an agent. */
  z.object({
    type: z.literal('assignment'),
    conversationId: z.string(),
    status: z.enum(['offered', 'active', 'needs-reassignment']),
    conversation: DeskConversationViewSchema,
  }),
  z.object({ type: z.literal('released'), conversationId: z.string(), reason: AgentReleaseReasonSchema }),
  /**
   * Something the agent must notice: the desk set them Away after offers lapsed (`auto-away`), an offer
   * of theirs lapsed (`offer-expired`), or a conversation they hold owes the viewer a reply (`no-reply`).
   */
  z.object({
    type: z.literal('notice'),
    code: z.enum(['auto-away', 'offer-expired', 'no-reply']),
    conversationId: z.string().optional(),
    missedOffers: z.number().int().optional(),
  }),
  /**
   * An event of a watched conversation; `sequence` for stored events, as on the viewer channel. What the
   * viewer wrote arrives with personal data masked; `pii` says where (reveal: POST …/pii/reveal).
   */
  z.object({
    type: z.literal('event'),
    conversationId: z.string(),
    sequence: z.number().int().positive().optional(),
    /** A media message carries links signed as it is sent (issue 17); every other event is as stored. */
    event: z.union([
      eventSchema('media-message').extend({ url: z.string(), thumbUrl: z.string().optional() }),
      ConversationEventSchema,
    ]),
    pii: z.array(PiiSpanViewSchema).optional(),
  }),
  z.object({
    type: z.literal('ack'),
    clientMessageId: z.string(),
    sequence: z.number().int().positive().optional(),
  }),
  z.object({
    type: z.literal('error'),
    code: AgentErrorCodeSchema,
    message: z.string(),
    clientMessageId: z.string().optional(),
  }),
  z.object({ type: z.literal('pong') }),
]);
export type AgentServerFrame = z.infer<typeof AgentServerFrameSchema>;

// What the desk hands out must fit the wire schemas (JSON drops the undefined fields).
export const agentViewFitsSchema: [AgentView] extends [z.input<typeof AgentViewSchema>] ? true : false = true;
export const snapshotFitsSchema: [QueueSnapshot] extends [z.input<typeof QueueSnapshotSchema>]
  ? true
  : false = true;
export const deskViewFitsSchema: [DeskConversationView] extends [z.input<typeof DeskConversationViewSchema>]
  ? true
  : false = true;
