import type { Pool } from 'pg';
import { z } from 'zod';
import type { ConversationViewerNames } from '../../server/conversation-history/conversation-viewer-names.js';
import { mapPostgresError } from './map-postgres-error.js';

const RowSchema = z.object({ conversation_id: z.string(), name: z.string().nullable() });

/** Reads each conversation's opening (always its sequence 1, found by the UNIQUE index) for the name given. */
export function createPostgresConversationViewerNames(options: { pool: Pool }): ConversationViewerNames {
  return async (conversationIds) => {
    const names = new Map<string, string>();
    if (conversationIds.length === 0) return names;
    let rows: unknown[];
    try {
      const result = await options.pool.query(
        `SELECT conversation_id, body->'profile'->>'displayName' AS name
           FROM conversation_events
          WHERE conversation_id = ANY($1::text[]) AND sequence = 1 AND type = 'conversation-opened'`,
        [[...new Set(conversationIds)]],
      );
      rows = result.rows;
    } catch (error) {
      throw mapPostgresError(error);
    }
    for (const raw of rows) {
      const row = RowSchema.parse(raw);
      if (row.name !== null && row.name.trim() !== '') names.set(row.conversation_id, row.name);
    }
    return names;
  };
}
