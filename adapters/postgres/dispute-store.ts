import type { Pool } from 'pg';
import { z } from 'zod';
import { DisputeSchema, type Dispute } from '../../engine/disputes/dispute.js';
import type { DisputeStore } from '../../engine/disputes/dispute-store.js';
import { LivedeskError } from '../../knowledge/errors.js';
import { mapPostgresError } from './map-postgres-error.js';

const DisputeRowSchema = z.object({
  dispute_id: z.string(),
  conversation_id: z.string(),
  viewer_id: z.string(),
  form_id: z.string(),
  client_id: z.string(),
  kind: z.string(),
  currency: z.string(),
  facts: z.unknown(),
  decision: z.unknown(),
  ticket_id: z.string().nullable(),
  status: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
});

function disputeOf(row: unknown): Dispute {
  try {
    const parsed = DisputeRowSchema.parse(row);
    return DisputeSchema.parse({
      id: parsed.dispute_id,
      conversationId: parsed.conversation_id,
      viewerId: parsed.viewer_id,
      formId: parsed.form_id,
      clientId: parsed.client_id,
      kind: parsed.kind,
      currency: parsed.currency,
      facts: parsed.facts,
      decision: parsed.decision,
      ticketId: parsed.ticket_id,
      status: parsed.status,
      createdAt: parsed.created_at,
      updatedAt: parsed.updated_at,
    });
  } catch (error) {
    throw new LivedeskError('internal', 'a stored dispute is not valid', { cause: error });
  }
}

/** Submitted disputes in PostgreSQL; the unique form id settles two nodes submitting one form. */
export function createPostgresDisputeStore(options: { pool: Pool }): DisputeStore {
  const { pool } = options;
  const query = async (text: string, values: unknown[]) => {
    try {
      return await pool.query(text, values);
    } catch (error) {
      throw mapPostgresError(error);
    }
  };
  const one = async (text: string, values: unknown[]): Promise<Dispute | undefined> => {
    const result = await query(text, values);
    return result.rows[0] === undefined ? undefined : disputeOf(result.rows[0]);
  };
  return {
    async insert(dispute) {
      const result = await query(
        `INSERT INTO disputes (dispute_id, conversation_id, viewer_id, form_id, client_id, kind, currency, facts,
           decision, ticket_id, status, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT (form_id) DO NOTHING`,
        [
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
        ],
      );
      if (result.rowCount === 1) return { inserted: true };
      const existing = await one('SELECT * FROM disputes WHERE form_id = $1', [dispute.formId]);
      if (!existing) throw new LivedeskError('internal', 'a dispute form was taken and then vanished');
      return { inserted: false, existing };
    },
    get: (id) => one('SELECT * FROM disputes WHERE dispute_id = $1', [id]),
    findByTicket: (ticketId) => one('SELECT * FROM disputes WHERE ticket_id = $1', [ticketId]),
    async setTicket(id, ticketId, at) {
      const result = await query(
        'UPDATE disputes SET ticket_id = $1, updated_at = $2 WHERE dispute_id = $3',
        [ticketId, at, id],
      );
      return result.rowCount === 1;
    },
    async setStatus(id, status, at) {
      const result = await query('UPDATE disputes SET status = $1, updated_at = $2 WHERE dispute_id = $3', [
        status,
        at,
        id,
      ]);
      return result.rowCount === 1;
    },
    async listByConversation(conversationId) {
      const result = await query(
        'SELECT * FROM disputes WHERE conversation_id = $1 ORDER BY created_at, dispute_id',
        [conversationId],
      );
      return result.rows.map(disputeOf);
    },
  };
}
