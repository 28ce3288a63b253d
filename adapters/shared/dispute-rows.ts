import { z } from 'zod';
import { DisputeSchema, type Dispute } from '../../engine/disputes/dispute.js';
import { LivedeskError } from '../../knowledge/errors.js';

/** The `disputes` table's columns, as both stores name them. */
const DisputeRowSchema = z.object({
  dispute_id: z.string(),
  conversation_id: z.string(),
  viewer_id: z.string(),
  form_id: z.string(),
  client_id: z.string(),
  kind: z.string(),
  currency: z.string(),
  ticket_id: z.string().nullable(),
  status: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
});

/**
 * A stored row read back through the schema: a row edited by hand fails here, not deep in the flow.
 * `facts` and `decision` come as SQLite keeps them (JSON text) or as PostgreSQL's jsonb gives them (parsed).
 */
export function disputeOfRow(row: unknown, json: 'text' | 'parsed'): Dispute {
  try {
    const parsed = DisputeRowSchema.parse(row);
    const { facts, decision } = z.object({ facts: z.unknown(), decision: z.unknown() }).parse(row);
    const read = (value: unknown): unknown => (json === 'text' ? JSON.parse(z.string().parse(value)) : value);
    return DisputeSchema.parse({
      id: parsed.dispute_id,
      conversationId: parsed.conversation_id,
      viewerId: parsed.viewer_id,
      formId: parsed.form_id,
      clientId: parsed.client_id,
      kind: parsed.kind,
      currency: parsed.currency,
      facts: read(facts),
      decision: read(decision),
      ticketId: parsed.ticket_id,
      status: parsed.status,
      createdAt: parsed.created_at,
      updatedAt: parsed.updated_at,
    });
  } catch (error) {
    throw new LivedeskError('internal', 'a stored dispute is not valid', { cause: error });
  }
}

/** The values of an insert, in the column order both stores' INSERT statements list. */
export function disputeInsertValues(dispute: Dispute): unknown[] {
  return [
    dispute.id,
    dispute.conversationId,
    dispute.viewerId,
    dispute.formId,
    dispute.clientId,
    dispute.kind,
    dispute.currency,
    JSON.stringify(dispute.facts),
    JSON.stringify(dispute.decision),
    dispute.ticketId,
    dispute.status,
    dispute.createdAt,
    dispute.updatedAt,
  ];
}
