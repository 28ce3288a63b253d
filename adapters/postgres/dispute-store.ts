import type { Pool } from 'pg';
import type { Dispute } from '../../engine/disputes/dispute.js';
import type { DisputeStore } from '../../engine/disputes/dispute-store.js';
import { LivedeskError } from '../../knowledge/errors.js';
import { disputeInsertValues, disputeOfRow } from '../shared/dispute-rows.js';
import { mapPostgresError } from './map-postgres-error.js';

const disputeOf = (row: unknown): Dispute => disputeOfRow(row, 'parsed');

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
        disputeInsertValues(dispute),
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
