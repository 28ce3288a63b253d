import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import type { ConversationEventLog, StoredConversationEvent } from '../../engine/ports.js';
import { INSERT_EVENT_SQL, NEXT_SEQUENCE_SQL, type EventRow, type EventRowWriter } from './event-rows.js';
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
  /** Where batches are committed; default: on `database`, on this thread. */
  writer?: EventRowWriter;
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
  const writer = options.writer ?? createInlineEventRowWriter(database);
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
    const rows: EventRow[] = batch.map(({ conversationId, at, event }) => ({
      conversationId,
      type: event.type,
      at,
      body: JSON.stringify(event),
    }));
    writer.write(rows).then(
      (sequences) =>
        batch.forEach((item, index) =>
          item.resolve({
            conversationId: item.conversationId,
            sequence: sequences[index]!,
            at: item.at,
            event: item.event,
          }),
        ),
      (error: unknown) => {
        for (const item of batch) item.reject(error);
      },
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

/** Commits on the caller's own connection, synchronously: the default, and what tests and the CLI use. */
function createInlineEventRowWriter(database: Database): EventRowWriter {
  const nextSequence = database.prepare<[string], { next: number }>(NEXT_SEQUENCE_SQL);
  const insert = database.prepare(INSERT_EVENT_SQL);
  const write = database.transaction((rows: readonly EventRow[]): number[] =>
    rows.map((row) => {
      const sequence = nextSequence.get(row.conversationId)!.next;
      insert.run(row.conversationId, sequence, row.type, row.at, row.body);
      return sequence;
    }),
  );
  return {
    write(rows) {
      try {
        return Promise.resolve(write.immediate(rows));
      } catch (error) {
        return Promise.reject(mapSqliteError(error));
      }
    },
    close: () => Promise.resolve(),
  };
}
