import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import type { ConversationViewerNames } from '../../server/conversation-history/conversation-viewer-names.js';
import { mapSqliteError } from './map-sqlite-error.js';

const RowSchema = z.tuple([z.string(), z.string().nullable()]);

/**
 * Reads each conversation's opening (always its sequence 1) for the name the viewer gave. Conversations
 * whose viewer gave none are left out of the map.
 */
export function createSqliteConversationViewerNames(options: {
  database: Database;
}): ConversationViewerNames {
  const statement = options.database
    .prepare(
      `SELECT conversation_id, json_extract(body, '$.profile.displayName')
         FROM conversation_events
        WHERE conversation_id IN (SELECT value FROM json_each(?)) AND sequence = 1
          AND type = 'conversation-opened'`,
    )
    .raw(true);
  return (conversationIds) => {
    const names = new Map<string, string>();
    if (conversationIds.length === 0) return Promise.resolve(names);
    let rows: unknown[];
    try {
      rows = statement.all(JSON.stringify([...new Set(conversationIds)]));
    } catch (error) {
      return Promise.reject(mapSqliteError(error));
    }
    for (const row of rows) {
      const [conversationId, name] = RowSchema.parse(row);
      if (name !== null && name.trim() !== '') names.set(conversationId, name);
    }
    return Promise.resolve(names);
  };
}
