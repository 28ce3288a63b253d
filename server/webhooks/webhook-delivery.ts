import { z } from 'zod';
import { WebhookEventTypeSchema } from './webhook-event.js';

export const WebhookDeliveryStatusSchema = z.enum(['pending', 'dead']);

/**
 * One event for one subscription in the outbox: `pending` until delivered (then removed), `dead` once it
 * failed `maxAttempts` times or was refused for good; an admin retries or discards a dead one.
 */
export const WebhookDeliverySchema = z.object({
  id: z.string(),
  subscriptionId: z.string(),
  eventId: z.string(),
  eventType: WebhookEventTypeSchema,
  /** The exact JSON body that is signed and POSTed. */
  body: z.string(),
  status: WebhookDeliveryStatusSchema,
  attempts: z.number().int().min(0),
  /** When the next attempt is due (ms since the epoch); meaningless once dead. */
  nextAttemptAtMs: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type WebhookDelivery = z.infer<typeof WebhookDeliverySchema>;

export type NewWebhookDelivery = Pick<
  WebhookDelivery,
  'id' | 'subscriptionId' | 'eventId' | 'eventType' | 'body' | 'nextAttemptAtMs' | 'createdAt'
>;
