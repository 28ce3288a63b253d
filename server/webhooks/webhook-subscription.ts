import { z } from 'zod';
import { WebhookEventTypeSchema } from './webhook-event.js';

export const WebhookSubscriptionIdSchema = z.string().regex(/^wh_[A-Za-z0-9]{8,40}$/, 'not a webhook id');

/** A receiver the platform registered, with the events it wants. The secret is never listed. */
export const WebhookSubscriptionSchema = z.object({
  id: WebhookSubscriptionIdSchema,
  url: z.string().url().max(2048),
  /** At least one event; deliveries are made only for these. */
  events: z.array(WebhookEventTypeSchema).min(1),
  active: z.boolean(),
  description: z.string().max(200),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  /** After a rotation: until when deliveries are also signed with the secret it replaced (ISO time). */
  previousSecretExpiresAt: z.string().optional(),
});
export type WebhookSubscription = z.infer<typeof WebhookSubscriptionSchema>;

/** The secret a rotation replaced, still signing deliveries until `expiresAt` (ISO time). */
export interface PreviousWebhookSecret {
  secret: string;
  expiresAt: string;
}

/** The stored row: the subscription and the secret its deliveries are signed with. */
export interface StoredWebhookSubscription extends Omit<WebhookSubscription, 'previousSecretExpiresAt'> {
  secret: string;
  /** During a rotation's grace period; absent otherwise. */
  previousSecret?: PreviousWebhookSecret | undefined;
}

const EventsSchema = z
  .array(WebhookEventTypeSchema)
  .min(1, 'choose at least one event')
  .transform((events) => [...new Set(events)]);

export const WebhookSubscriptionInputSchema = z
  .object({
    url: z.string().trim().min(1).max(2048),
    events: EventsSchema,
    active: z.boolean().default(true),
    description: z.string().trim().max(200).default(''),
  })
  .strict();
export type WebhookSubscriptionInput = z.infer<typeof WebhookSubscriptionInputSchema>;

export const WebhookSubscriptionPatchSchema = z
  .object({
    url: z.string().trim().min(1).max(2048).optional(),
    events: EventsSchema.optional(),
    active: z.boolean().optional(),
    description: z.string().trim().max(200).optional(),
  })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'nothing to change');
export type WebhookSubscriptionPatch = z.infer<typeof WebhookSubscriptionPatchSchema>;
