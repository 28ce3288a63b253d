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

const StateRowSchema = z.object({ conversation_id: z.string(), state: z.string(), at: z.string() });

/**
 * Only state changes, by conversation: finding each conversation's latest one reads this small index, not
 * the log. Created here rather than in a numbered migration because it is an access path of this adapter
 * alone; IF NOT EXISTS makes it safe on every open.
 */
const STATE_CHANGE_INDEX = `CREATE INDEX IF NOT EXISTS conversation_events_state_changes
  ON conversation_events (conversation_id, sequence) WHERE type = 'state-change'`;

/** Appends committed together at most; the rest wait for the next turn of the event loop. */
const MAX_BATCH = 2000;

interface PendingAppend<Event> {
  conversationId: string;
  at: string;
  event: Event;
  resolve: (stored: StoredConversationEvent<Event>) => void;
  reject: (error: unknown) => void;
}

export interface SqliteConversationEventLogOptions<Event> {
  database: Database;
  /** Validates what is read back, so a corrupted row is an error, not a wrong event. */
  eventSchema: z.ZodType<Event>;
}

/**
 * Conversation events in the shared SQLite file; each append is its own committed transaction. A
 * `state-change` event is expected to carry its new state as `to` (conversationsInState reads it).
 */
export function createSqliteConversationEventLog<Event extends { type: string }>(
  options: SqliteConversationEventLogOptions<Event>,
): ConversationEventLog<Event> {
  const { database, eventSchema } = options;
  try {
    database.exec(STATE_CHANGE_INDEX);
  } catch (error) {
    throw mapSqliteError(error);
  }
  const nextSequence = database.prepare<[string], { next: number }>(
    'SELECT coalesce(max(sequence), 0) + 1 AS next FROM conversation_events WHERE conversation_id = ?',
  );
  const insert = database.prepare(
    'INSERT INTO conversation_events (conversation_id, sequence, type, at, body) VALUES (?, ?, ?, ?, ?)',
  );
  const select = database.prepare<[string, number, number], unknown>(
    'SELECT conversation_id, sequence, at, body FROM conversation_events WHERE conversation_id = ? AND sequence > ? ORDER BY sequence LIMIT ?',
  );
  // INDEXED BY: a missing index is an error here, never a silent scan of the whole log.
  const inState = database.prepare<[string], unknown>(
    `SELECT e.conversation_id, json_extract(e.body, '$.to') AS state, e.at
       FROM (SELECT conversation_id, max(sequence) AS sequence
               FROM conversation_events INDEXED BY conversation_events_state_changes
              WHERE type = 'state-change'
              GROUP BY conversation_id) AS latest
       JOIN conversation_events AS e
         ON e.conversation_id = latest.conversation_id AND e.sequence = latest.sequence
      WHERE json_extract(e.body, '$.to') IN (SELECT value FROM json_each(?))
      ORDER BY e.at, e.event_id`,
  );
  const appendBatch = database.transaction((batch: readonly PendingAppend<Event>[]): number[] =>
    batch.map(({ conversationId, at, event }) => {
      const sequence = nextSequence.get(conversationId)!.next;
      insert.run(conversationId, sequence, event.type, at, JSON.stringify(event));
      return sequence;
    }),
  );
  const pending: PendingAppend<Event>[] = [];
  let flushScheduled = false;
  /**
   * Group commit: every append made in one turn of the event loop goes into one transaction, so a
   * burst of events costs one commit (one fsync under synchronous=FULL) instead of one each. An
   * append resolves only once its transaction is committed, and appends are stored in call order.
   */
  const flush = (): void => {
    flushScheduled = false;
    const batch = pending.splice(0, MAX_BATCH);
    if (pending.length > 0) scheduleFlush();
    let sequences: number[];
    try {
      sequences = appendBatch.immediate(batch);
    } catch (error) {
      const mapped = mapSqliteError(error);
      for (const item of batch) item.reject(mapped);
      return;
    }
    batch.forEach((item, index) =>
      item.resolve({
        conversationId: item.conversationId,
        sequence: sequences[index]!,
        at: item.at,
        event: item.event,
      }),
    );
  };
  const scheduleFlush = (): void => {
    if (flushScheduled) return;
    flushScheduled = true;
    setImmediate(flush);
  };
  return {
    append(conversationId, at, event): Promise<StoredConversationEvent<Event>> {
      return new Promise((resolve, reject) => {
        pending.push({ conversationId, at, event, resolve, reject });
        scheduleFlush();
      });
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
    conversationsInState(states): Promise<{ conversationId: string; state: string; at: string }[]> {
      if (states.length === 0) return Promise.resolve([]);
      try {
        return Promise.resolve(
          inState.all(JSON.stringify(states)).map((raw) => {
            const row = StateRowSchema.parse(raw);
            return { conversationId: row.conversation_id, state: row.state, at: row.at };
          }),
        );
      } catch (error) {
        return Promise.reject(mapSqliteError(error));
      }
    },
  };
}
