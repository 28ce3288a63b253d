import { z } from 'zod';
import { ConversationEventSchema } from '../../engine/conversation/conversation-event-schema.js';
import type { CallOptions } from '../../knowledge/ports.js';
import { HandoffPacketSchema } from './handoff-packet-schema.js';

export const ConversationStateSchema = z.enum(['ai', 'pending_human', 'human', 'closed']);

const SatisfactionSchema = z.object({
  score: z.number().int().min(1).max(5),
  comment: z.string().nullable(),
  at: z.string(),
});

/** One conversation as the history lists show it; viewer text is data, never pre-rendered HTML. */
export const ConversationSummarySchema = z.object({
  conversationId: z.string(),
  viewer: z.object({
    viewerId: z.string(),
    tier: z.enum(['regular', 'vip']),
    displayName: z.string().nullable(),
    locale: z.string().nullable(),
  }),
  roomId: z.string().nullable(),
  state: ConversationStateSchema,
  startedAt: z.string(),
  lastActivityAt: z.string(),
  messages: z.object({
    viewer: z.number().int(),
    assistant: z.number().int(),
    agent: z.number().int(),
    system: z.number().int(),
  }),
  /** Every reason the AI handed over for, across the conversation's handoffs, sorted. */
  escalationReasons: z.array(z.string()),
  /** Who holds it now (assigned or accepted); null while queued, with the AI, or after release. */
  assignedAgentId: z.string().nullable(),
  /** Everyone who was assigned it, accepted it or wrote in it, sorted. */
  agentIds: z.array(z.string()),
  /** The latest score the viewer gave. */
  satisfaction: SatisfactionSchema.nullable(),
});
export type ConversationSummary = z.infer<typeof ConversationSummarySchema>;

export const ConversationPageSchema = z.object({
  conversations: z.array(ConversationSummarySchema),
  /** Pass back as `cursor` for the next (older) page; null on the last page. */
  nextCursor: z.string().nullable(),
});
export type ConversationPage = z.infer<typeof ConversationPageSchema>;

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

export const ConversationDetailSchema = z.object({
  conversation: ConversationSummarySchema,
  /** Every stored event, oldest first (streamed text is stored whole in `turn-end`). */
  events: z.array(z.object({ sequence: z.number().int(), at: z.string(), event: ConversationEventSchema })),
  /** What was said, as the viewer saw or heard it. */
  transcript: z.array(TranscriptLineSchema),
  /** The latest handoff packet, when the AI handed over. */
  handoff: HandoffPacketSchema.nullable(),
});
export type ConversationDetail = z.infer<typeof ConversationDetailSchema>;

export interface ConversationFilter {
  state?: z.infer<typeof ConversationStateSchema> | undefined;
  roomId?: string | undefined;
  viewerId?: string | undefined;
  /** Conversations this agent was assigned, accepted or wrote in. */
  agentId?: string | undefined;
  /** ISO times bounding when the conversation started: `from` inclusive, `to` exclusive. */
  from?: string | undefined;
  to?: string | undefined;
  /** Case-insensitive (ASCII) substring of any viewer message. */
  text?: string | undefined;
}

export interface PageRequest extends CallOptions {
  limit: number;
  /** `nextCursor` of the previous page. */
  cursor?: string | undefined;
}

/**
 * Reads conversations back out of their stored events for the agent console and supervisors.
 * Newest first by start time, so a page's cursor stays valid while conversations carry on.
 */
export interface ConversationQueries {
  list(filter: ConversationFilter, page: PageRequest): Promise<ConversationPage>;
  /** Undefined when no conversation has this id. */
  get(conversationId: string, options?: CallOptions): Promise<ConversationDetail | undefined>;
  /** The list row of one conversation, without reading its events: what access checks need. */
  summary(conversationId: string, options?: CallOptions): Promise<ConversationSummary | undefined>;
}
