import { z } from 'zod';
import { DeskEventSchema } from '../desk/desk-events.js';
import { DisputeOfferSchema, DisputeUpdateSchema } from '../disputes/dispute-events.js';
import type { ConversationEvent } from './conversation-events.js';

const TopicSchema = z.object({ entryId: z.string(), question: z.string() });
const StateSchema = z.enum(['ai', 'pending_human', 'human', 'closed']);
const TranscriptLineSchema = z.object({
  at: z.string(),
  speaker: z.enum(['viewer', 'assistant', 'agent', 'system']),
  text: z.string(),
  turnId: z.string().optional(),
  agentId: z.string().optional(),
  channel: z.enum(['text', 'voice']).optional(),
  interrupted: z.boolean().optional(),
  entryIds: z.array(z.string()).optional(),
});
const ViewerProfileSchema = z.object({
  viewerId: z.string(),
  tier: z.enum(['regular', 'vip']),
  locale: z.string().optional(),
  displayName: z.string().optional(),
  selfNamed: z.boolean().optional(),
  verified: z
    .object({
      platformId: z.string(),
      userId: z.string(),
      vipLevel: z.number().optional(),
      attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    })
    .optional(),
});
const LiveContextSchema = z.object({
  roomId: z.string().optional(),
  streamerId: z.string().optional(),
  streamerName: z.string().optional(),
  productInView: z.string().optional(),
  scenario: z.enum(['show', 'commerce', 'social']).optional(),
  streamState: z.enum(['live', 'paused', 'ended']).optional(),
});
/** A satisfaction score: 1 (very unhappy) to 5 (very happy). */
export const SatisfactionScoreSchema = z.number().int().min(1).max(5);

const HandoffPacketSchema = z.object({
  conversationId: z.string(),
  createdAt: z.string(),
  reasons: z.array(
    z.enum(['human_request', 'sensitive', 'anger', 'public_threat', 'churn', 'repetition', 'low_confidence']),
  ),
  details: z.array(z.string()),
  priority: z.enum(['normal', 'high', 'urgent']),
  team: z.string(),
  summary: z.object({ text: z.string(), source: z.enum(['llm', 'extractive']) }),
  sentiment: z.object({ angerByTurn: z.array(z.number()), trend: z.enum(['rising', 'steady', 'falling']) }),
  aiAttempts: z.array(
    z.object({
      turnId: z.string(),
      question: z.string(),
      entryIds: z.array(z.string()),
      confidence: z.number(),
      said: z.string(),
    }),
  ),
  viewer: ViewerProfileSchema.extend({ locale: z.string() }),
  liveContext: LiveContextSchema,
  transcript: z.array(TranscriptLineSchema),
});

/** Conversation events as stored and sent on the wire; reading one back validates it. */
export const ConversationEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('turn-start'), turnId: z.string(), question: z.string() }),
  z.object({
    type: z.literal('text-delta'),
    turnId: z.string(),
    text: z.string(),
    uninterruptible: z.boolean(),
  }),
  z.object({
    type: z.literal('answer-source'),
    turnId: z.string(),
    entryIds: z.array(z.string()),
    composer: z.enum(['llm', 'entry']),
  }),
  z.object({ type: z.literal('clarify'), turnId: z.string(), options: z.array(TopicSchema) }),
  z.object({ type: z.literal('decline'), turnId: z.string(), closestTopics: z.array(TopicSchema) }),
  z.object({ type: z.literal('handoff'), turnId: z.string(), packet: HandoffPacketSchema }),
  z.object({
    type: z.literal('turn-outcome'),
    turnId: z.string(),
    answered: z.boolean(),
    entryIds: z.array(z.string()),
    confidence: z.number(),
    anger: z.number(),
    said: z.string(),
  }),
  z.object({ type: z.literal('answer-cut'), turnId: z.string(), heard: z.string() }),
  z.object({
    type: z.literal('turn-end'),
    turnId: z.string(),
    reason: z.enum(['done', 'interrupted', 'error']),
    delivered: z.string(),
  }),
  z.object({ type: z.literal('speech-stop'), turnId: z.string() }),
  z.object({ type: z.literal('speech-resume'), turnId: z.string() }),
  z.object({
    type: z.literal('state-change'),
    from: StateSchema,
    to: StateSchema,
    reason: z.string(),
    at: z.string(),
  }),
  z.object({
    type: z.literal('viewer-message'),
    text: z.string(),
    channel: z.enum(['text', 'voice']),
    at: z.string(),
    clientMessageId: z.string().optional(),
  }),
  z.object({
    type: z.literal('media-message'),
    messageId: z.string(),
    by: z.enum(['viewer', 'agent']),
    agentId: z.string().optional(),
    mediaId: z.string(),
    kind: z.enum(['image', 'sticker', 'voice', 'file']),
    mime: z.string(),
    bytes: z.number().int().min(0),
    width: z.number().int().positive().optional(),
    height: z.number().int().positive().optional(),
    durationMs: z.number().int().min(0).optional(),
    name: z.string().optional(),
    spokenTurn: z.number().int().positive().optional(),
    at: z.string(),
  }),
  z.object({
    type: z.literal('agent-message'),
    agentId: z.string(),
    text: z.string(),
    at: z.string(),
    entryIds: z.array(z.string()).optional(),
    clientMessageId: z.string().optional(),
    translation: z.object({ language: z.string(), text: z.string() }).optional(),
    untranslatedTo: z.string().optional(),
  }),
  z.object({
    type: z.literal('message-translation'),
    sequence: z.number().int().min(0),
    language: z.string(),
    text: z.string(),
    at: z.string(),
  }),
  z.object({
    type: z.literal('conversation-opened'),
    profile: ViewerProfileSchema,
    liveContext: LiveContextSchema,
    at: z.string(),
  }),
  z.object({
    type: z.literal('system-message'),
    kind: z.enum(['welcome', 'auto-reply', 'notice']),
    text: z.string(),
    ruleId: z.string().optional(),
    at: z.string(),
  }),
  z.object({
    type: z.literal('queue-status'),
    position: z.number().int().min(0),
    estimatedWaitMs: z.number().min(0).nullable(),
    agentsOnline: z.number().int().min(0),
    placeKeptMs: z.number().int().min(0).nullable(),
    at: z.string(),
  }),
  z.object({
    type: z.literal('agent-typing'),
    agentId: z.string(),
    active: z.boolean(),
    at: z.string(),
  }),
  z.object({ type: z.literal('desk'), event: DeskEventSchema }),
  z.object({ type: z.literal('satisfaction-request'), at: z.string() }),
  z.object({ type: z.literal('live-context'), liveContext: LiveContextSchema, at: z.string() }),
  z.object({
    type: z.literal('platform-event'),
    platformId: z.string(),
    eventType: z.string(),
    agentText: z.string(),
    viewerText: z.string().optional(),
    at: z.string(),
  }),
  z.object({
    type: z.literal('satisfaction'),
    score: SatisfactionScoreSchema,
    comment: z.string().optional(),
    at: z.string(),
  }),
  z.object({ type: z.literal('dispute-form'), ...DisputeOfferSchema.shape }),
  z.object({ type: z.literal('dispute-update'), ...DisputeUpdateSchema.shape }),
]);

// The schema and the TypeScript union must describe the same events.
type Parsed = z.infer<typeof ConversationEventSchema>;
export const schemaMatchesType: [Parsed] extends [ConversationEvent]
  ? [ConversationEvent] extends [Parsed]
    ? true
    : false
  : false = true;
