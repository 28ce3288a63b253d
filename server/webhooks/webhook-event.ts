import { z } from 'zod';

/** The events a subscription can ask for (fixed in the issue 15 contracts; receivers switch on them). */
export const WEBHOOK_EVENT_TYPES = [
  'conversation.escalated',
  'conversation.assigned',
  'conversation.closed',
  'conversation.satisfaction',
  'ticket.created',
  'ticket.updated',
  'knowledge.gap_found',
  // Issue 16: a room alert raised, and a mute or kick Livedesk suggests (only the platform can do it).
  'room.alert.raised',
  'room.action.suggested',
  // Issue 16 part 3: a viewer asked to block someone they reported (only the platform can block).
  'viewer.block.requested',
] as const;

export const WebhookEventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES);
export type WebhookEventType = z.infer<typeof WebhookEventTypeSchema>;

/** What the server hands the emitter: `data` holds ids and masked text only, never a viewer's raw words. */
export interface WebhookEvent {
  type: string;
  occurredAt: string;
  data: unknown;
}

/** The JSON body every delivery POSTs; `id` stays the same across retries so receivers can drop repeats. */
export const WebhookBodySchema = z.object({
  id: z.string(),
  type: WebhookEventTypeSchema,
  occurredAt: z.string(),
  data: z.unknown(),
});
export type WebhookBody = z.infer<typeof WebhookBodySchema>;
