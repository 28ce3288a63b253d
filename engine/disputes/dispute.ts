import { z } from 'zod';
import { TicketStatusSchema } from '../tickets/ticket.js';
import { DisputeKindSchema } from './dispute-form.js';

/** Where a dispute stands: its ticket's status (a dispute is settled through its finance ticket). */
export const DisputeStatusSchema = TicketStatusSchema;
export type DisputeStatus = z.infer<typeof DisputeStatusSchema>;

export const DisputeFactsSchema = z.object({
  text: z.record(z.string(), z.string()),
  occurredAt: z.string(),
  amount: z.number(),
});

export const DisputeDecisionSchema = z.object({
  handling: z.enum(['finance', 'person']),
  reasons: z.array(z.enum(['always-person', 'over-limit', 'outside-window'])),
  department: z.string(),
  priority: z.enum(['low', 'normal', 'high', 'urgent']),
});

/** One submitted dispute form, as stored. `formId` is unique: a form is submitted once. */
export const DisputeSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  viewerId: z.string(),
  formId: z.string(),
  /** The client's id for the submission: a resend with it gets the same dispute back. */
  clientId: z.string(),
  kind: DisputeKindSchema,
  currency: z.string(),
  facts: DisputeFactsSchema,
  decision: DisputeDecisionSchema,
  /** Null until the ticket is made (a failure between the two is finished by the client's resend). */
  ticketId: z.string().nullable(),
  status: DisputeStatusSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Dispute = z.infer<typeof DisputeSchema>;
