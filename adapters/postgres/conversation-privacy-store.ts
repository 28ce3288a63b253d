import type { Pool } from 'pg';
import { z } from 'zod';
import {
  SensitiveMarkSchema,
  type ConversationPrivacyStore,
} from '../../server/privacy/conversation-privacy-store.js';
import { mapPostgresError } from './map-postgres-error.js';

const RowSchema = z.object({
  conversation_id: z.string(),
  marked_by: z.string(),
  marked_at: z.string(),
  note: z.string(),
});

/** Sensitive marks in the shared PostgreSQL database: every node reads the same marks. */
export function createPostgresConversationPrivacyStore(options: { pool: Pool }): ConversationPrivacyStore {
  const { pool } = options;
  const query = async (text: string, values: unknown[]) => {
    try {
      return await pool.query(text, values);
    } catch (error) {
      throw mapPostgresError(error);
    }
  };
  return {
    async markSensitive(mark) {
      const parsed = SensitiveMarkSchema.parse(mark);
      await query(
        `INSERT INTO conversation_sensitivity (conversation_id, marked_by, marked_at, note) VALUES ($1, $2, $3, $4)
         ON CONFLICT (conversation_id) DO UPDATE SET marked_by = excluded.marked_by,
           marked_at = excluded.marked_at, note = excluded.note`,
        [parsed.conversationId, parsed.markedBy, parsed.markedAt, parsed.note],
      );
    },
    async clearSensitive(conversationId) {
      const result = await query('DELETE FROM conversation_sensitivity WHERE conversation_id = $1', [
        conversationId,
      ]);
      return (result.rowCount ?? 0) > 0;
    },
    async sensitive(conversationId) {
      const result = await query('SELECT * FROM conversation_sensitivity WHERE conversation_id = $1', [
        conversationId,
      ]);
      const row = result.rows[0] as unknown;
      if (row === undefined) return undefined;
      const parsed = RowSchema.parse(row);
      return {
        conversationId: parsed.conversation_id,
        markedBy: parsed.marked_by,
        markedAt: parsed.marked_at,
        note: parsed.note,
      };
    },
    async sensitiveAmong(conversationIds) {
      if (conversationIds.length === 0) return new Set<string>();
      const result = await query(
        'SELECT conversation_id FROM conversation_sensitivity WHERE conversation_id = ANY($1::text[])',
        [[...conversationIds]],
      );
      return new Set(
        result.rows.map(
          (row: unknown) => RowSchema.pick({ conversation_id: true }).parse(row).conversation_id,
        ),
      );
    },
    async forget(conversationIds) {
      if (conversationIds.length === 0) return 0;
      const result = await query(
        'DELETE FROM conversation_sensitivity WHERE conversation_id = ANY($1::text[])',
        [[...conversationIds]],
      );
      return result.rowCount ?? 0;
    },
  };
}
