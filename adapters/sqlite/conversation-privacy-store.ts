import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import {
  SensitiveMarkSchema,
  type ConversationPrivacyStore,
  type SensitiveMark,
} from '../../server/privacy/conversation-privacy-store.js';
import { mapSqliteError } from './map-sqlite-error.js';

const RowSchema = z.object({
  conversation_id: z.string(),
  marked_by: z.string(),
  marked_at: z.string(),
  note: z.string(),
});

/** SQLite has at most 32766 bound parameters; lists are read in chunks well below it. */
const CHUNK = 500;

/** Sensitive marks in the shared SQLite file. */
export function createSqliteConversationPrivacyStore(options: {
  database: Database;
}): ConversationPrivacyStore {
  const { database } = options;
  const upsert = database.prepare(
    `INSERT INTO conversation_sensitivity (conversation_id, marked_by, marked_at, note) VALUES (?, ?, ?, ?)
     ON CONFLICT (conversation_id) DO UPDATE SET marked_by = excluded.marked_by, marked_at = excluded.marked_at,
       note = excluded.note`,
  );
  const remove = database.prepare('DELETE FROM conversation_sensitivity WHERE conversation_id = ?');
  const select = database.prepare<[string], unknown>(
    'SELECT * FROM conversation_sensitivity WHERE conversation_id = ?',
  );
  const among = (ids: readonly string[]): Set<string> => {
    const found = new Set<string>();
    for (let index = 0; index < ids.length; index += CHUNK) {
      const chunk = ids.slice(index, index + CHUNK);
      const rows = database
        .prepare<string[], { conversation_id: string }>(
          `SELECT conversation_id FROM conversation_sensitivity WHERE conversation_id IN (${chunk.map(() => '?').join(', ')})`,
        )
        .all(...chunk);
      for (const row of rows) found.add(row.conversation_id);
    }
    return found;
  };
  const forget = database.transaction((ids: readonly string[]) =>
    ids.reduce((count, id) => count + remove.run(id).changes, 0),
  );
  return {
    markSensitive: (mark) =>
      run(() => {
        const parsed = SensitiveMarkSchema.parse(mark);
        upsert.run(parsed.conversationId, parsed.markedBy, parsed.markedAt, parsed.note);
      }),
    clearSensitive: (conversationId) => run(() => remove.run(conversationId).changes > 0),
    sensitive: (conversationId) =>
      run(() => {
        const row = select.get(conversationId);
        return row === undefined ? undefined : toMark(row);
      }),
    sensitiveAmong: (ids) => run(() => (ids.length === 0 ? new Set<string>() : among(ids))),
    forget: (ids) => run(() => forget.immediate(ids)),
  };
}

function toMark(row: unknown): SensitiveMark {
  const parsed = RowSchema.parse(row);
  return {
    conversationId: parsed.conversation_id,
    markedBy: parsed.marked_by,
    markedAt: parsed.marked_at,
    note: parsed.note,
  };
}

function run<T>(operation: () => T): Promise<T> {
  try {
    return Promise.resolve(operation());
  } catch (error) {
    return Promise.reject(mapSqliteError(error));
  }
}
