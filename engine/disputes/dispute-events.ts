import { z } from 'zod';
import { DisputeDecisionSchema, DisputeFactsSchema, DisputeStatusSchema } from './dispute.js';
import { BilingualTextSchema, DisputeFieldSchema, DisputeKindSchema } from './dispute-form.js';

/** The form a viewer is offered: everything a client needs to render it, in both UI languages. */
export const DisputeOfferSchema = z.object({
  formId: z.string(),
  kind: DisputeKindSchema,
  title: BilingualTextSchema,
  fields: z.array(DisputeFieldSchema),
  currency: z.string(),
  at: z.string(),
});
export type DisputeOffer = z.infer<typeof DisputeOfferSchema>;

/**
 * A dispute was submitted (`submitted`, with the facts) or its ticket moved. `viewerText` is in the
 * viewer's language; `reasons` (why a person settles it) stay with agents.
 */
export const DisputeUpdateSchema = z.object({
  disputeId: z.string(),
  formId: z.string(),
  kind: DisputeKindSchema,
  status: DisputeStatusSchema,
  submitted: z.boolean(),
  ticketId: z.string(),
  handling: DisputeDecisionSchema.shape.handling,
  viewerText: z.string(),
  dueAt: z.string().optional(),
  facts: DisputeFactsSchema.optional(),
  currency: z.string().optional(),
  reasons: z.array(z.string()).optional(),
  at: z.string(),
});
export type DisputeUpdate = z.infer<typeof DisputeUpdateSchema>;
