import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import type { ConversationEventLog, StoredConversationEvent } from '../../engine/ports.js';
import { mapSqliteError } from './map-sqlite-error.js';

const RowSchema = z.object({
  conversation_id: z.string(),
  sequence: z.number(),
  at: z.string(),
  body: z.string(),
});

export interface SqliteConversationEventLogOptions<Event> {
  database: Database;
  /** Validates what is read back, so a corrupted row is an error, not a wrong event. */
  eventSchema: z.ZodType<Event>;
}

/** Conversation events in the shared SQLite file; each append is its own committed transaction. */
export function createSqliteConversationEventLog<Event extends { type: string }>(
  options: SqliteConversationEventLogOptions<Event>,
): ConversationEventLog<Event> {
  const { database, eventSchema } = options;
  const nextSequence = database.prepare<[string], { next: number }>(
    'SELECT coalesce(max(sequence), 0) + 1 AS next FROM conversation_events WHERE conversation_id = ?',
  );
  const insert = database.prepare(
    'INSERT INTO conversation_events (conversation_id, sequence, type, at, body) VALUES (?, ?, ?, ?, ?)',
  );
  const select = database.prepare<[string, number, number], unknown>(
    'SELECT conversation_id, sequence, at, body FROM conversation_events WHERE conversation_id = ? AND sequence > ? ORDER BY sequence LIMIT ?',
  );
  const appendInTransaction = database.transaction(
    (conversationId: string, at: string, event: Event): number => {
      const sequence = nextSequence.get(conversationId)!.next;
      insert.run(conversationId, sequence, event.type, at, JSON.stringify(event));
      return sequence;
    },
  );
  return {
    append(conversationId, at, event): Promise<StoredConversationEvent<Event>> {
      try {
        const sequence = appendInTransaction.immediate(conversationId, at, event);
        return Promise.resolve({ conversationId, sequence, at, event });
      } catch (error) {
        return Promise.reject(mapSqliteError(error));
      }
    },
    read(conversationId, readOptions = {}): Promise<StoredConversationEvent<Event>[]> {
      try {
        const rows = select.all(conversationId, readOptions.afterSequence ?? 0, readOptions.limit ?? 10_000);
        return Promise.resolve(
          rows.map((raw) => {
            const row = RowSchema.parse(raw);
            return {
              conversationId: row.conversation_id,
              sequence: row.sequence,
              at: row.at,
              event: eventSchema.parse(JSON.parse(row.body)),
            };
          }),
        );
      } catch (error) {
        return Promise.reject(mapSqliteError(error));
      }
    },
  };
}
