import type { Pool } from 'pg';
import { z } from 'zod';
import type { ConversationEventLog, StoredConversationEvent } from '../../engine/ports.js';
import { LivedeskError } from '../../knowledge/errors.js';
import { mapPostgresError } from './map-postgres-error.js';

const RowSchema = z.object({
  conversation_id: z.string(),
  sequence: z.number(),
  at: z.string(),
  body: z.unknown(),
});

const StateRowSchema = z.object({ conversation_id: z.string(), state: z.string(), at: z.string() });

const WrittenRowSchema = z.object({ ord: z.number().int(), sequence: z.number().int() });

/** Appends committed together at most; the rest wait for the next batch. */
const MAX_BATCH = 2000;

/** Conversations whose next sequence is remembered; the least recently written are forgotten first. */
const DEFAULT_MAX_CACHED_CONVERSATIONS = 50_000;

/**
 * Cluster mode: the lease this node holds on each conversation. An append is written only while the
 * lease row still carries this token and has not expired, so a node that lost a conversation can never
 * add to its log.
 */
export interface ConversationFencing {
  /**
   * The token of the lease this node holds on the conversation, asked when `append` is called; undefined
   * when it holds none (the append is refused at once).
   */
  tokenFor(conversationId: string): bigint | number | undefined;
  /**
   * One lease that fences every conversation (the cluster leader's), instead of a lease per conversation:
   * appends are written only while that lease row carries the caller's token.
   */
  leaseId?: string | undefined;
}

export interface PostgresConversationEventLogOptions<Event> {
  pool: Pool;
  /** Validates what is read back, so a corrupted row is an error, not a wrong event. */
  eventSchema: z.ZodType<Event>;
  fencing?: ConversationFencing | undefined;
  /** Default 50,000. */
  maxCachedConversations?: number | undefined;
}

interface PendingAppend<Event> {
  conversationId: string;
  at: string;
  event: Event;
  body: string;
  /** The caller's fencing token when it appended, as text (bigint on the wire). */
  token: string | undefined;
  resolve: (stored: StoredConversationEvent<Event>) => void;
  reject: (error: unknown) => void;
}

interface CachedSequence {
  last: number;
  /** The lease the sequence was written under: under another token, another node may have written since. */
  token: string | undefined;
}

/**
 * One statement per batch, so one round trip and one commit: rows are numbered per conversation in call
 * order from the cached last sequence ($6) or, when none is cached, from the stored maximum. The UNIQUE
 * (conversation_id, sequence) constraint fails the batch if another writer numbered the same rows.
 */
const numberedInsert = (allowed: string) => `
  WITH input AS (
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::integer[])
      WITH ORDINALITY AS i(conversation_id, type, at, body, token, base, ord)
  ), allowed AS (${allowed}
  ), numbered AS (
    SELECT a.*, coalesce(a.base, (SELECT max(e.sequence) FROM conversation_events e
                                   WHERE e.conversation_id = a.conversation_id), 0)
           + row_number() OVER (PARTITION BY a.conversation_id ORDER BY a.ord) AS sequence
      FROM allowed a
  ), inserted AS (
    INSERT INTO conversation_events (conversation_id, sequence, type, at, body)
    SELECT conversation_id, sequence, type, at, body::jsonb FROM numbered ORDER BY ord
  )
  SELECT ord::integer AS ord, sequence::integer AS sequence FROM numbered`;

const INSERT_SQL = numberedInsert('SELECT * FROM input');

/**
 * FOR SHARE holds the lease rows until the batch commits: a node taking a conversation over waits for
 * the old owner's last batch, and then rebuilds from a log that already holds it.
 */
const FENCED_INSERT_SQL = numberedInsert(`
    SELECT i.* FROM input i
      JOIN conversation_leases l ON l.conversation_id = i.conversation_id
       AND l.fencing_token = i.token AND l.expires_at > now()
    FOR SHARE OF l`);

/** Fenced by one lease for all conversations (`ConversationFencing.leaseId`, $7). */
const LEASE_FENCED_INSERT_SQL = numberedInsert(`
    SELECT i.* FROM input i
      JOIN conversation_leases l ON l.conversation_id = $7
       AND l.fencing_token = i.token AND l.expires_at > now()
    FOR SHARE OF l`);

const SELECT_SQL = `SELECT conversation_id, sequence, at, body FROM conversation_events
  WHERE conversation_id = $1 AND sequence > $2 ORDER BY sequence LIMIT $3`;

// The inner query reads the partial index conversation_events_state_changes (migration 2), not the log.
const IN_STATE_SQL = `SELECT e.conversation_id, e.body->>'to' AS state, e.at
  FROM (SELECT DISTINCT ON (conversation_id) conversation_id, sequence
          FROM conversation_events WHERE type = 'state-change'
         ORDER BY conversation_id, sequence DESC) AS latest
  JOIN conversation_events AS e
    ON e.conversation_id = latest.conversation_id AND e.sequence = latest.sequence
 WHERE e.body->>'to' = ANY($1::text[])
 ORDER BY e.at, e.event_id`;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * jsonb holds neither NUL characters nor lone surrogates, and one such string would fail the whole batch
 * with everyone else's events in it; they are replaced by U+FFFD. The check on the serialised text is
 * cheap and may match harmless text (an escaped backslash before `u0000`), which costs only the slow path.
 */
export function serializeEventBody(event: unknown): string {
  const json = JSON.stringify(event);
  if (!/\\u0000|\\ud[89a-f]/i.test(json)) return json;
  return JSON.stringify(event, (_key, value: unknown) =>
    typeof value === 'string' ? value.replace(/\u0000/g, '\uFFFD').replace(LONE_SURROGATE, '\uFFFD') : value,
  );
}

/**
 * Conversation events in PostgreSQL. Group commit: every append made while the previous batch commits
 * (or in one turn of the event loop) goes into the next batch, one statement and one commit, stored in
 * call order; an append resolves only after its batch has committed. Batches run one at a time, so a
 * conversation's rows are committed in sequence order and a reader never sees a gap that fills later.
 * A `state-change` event is expected to carry its new state as `to` (conversationsInState reads it).
 */
export function createPostgresConversationEventLog<Event extends { type: string }>(
  options: PostgresConversationEventLogOptions<Event>,
): ConversationEventLog<Event> {
  const { pool, eventSchema, fencing } = options;
  const maxCached = options.maxCachedConversations ?? DEFAULT_MAX_CACHED_CONVERSATIONS;
  const lastSequences = new Map<string, CachedSequence>();
  const pending: PendingAppend<Event>[] = [];
  let flushScheduled = false;
  let writing = false;

  const remember = (conversationId: string, cached: CachedSequence): void => {
    // Re-inserting moves the entry to the end, so the first key is always the least recently written.
    lastSequences.delete(conversationId);
    lastSequences.set(conversationId, cached);
    if (lastSequences.size > maxCached) {
      const oldest = lastSequences.keys().next();
      if (!oldest.done) lastSequences.delete(oldest.value);
    }
  };

  const write = async (batch: PendingAppend<Event>[]): Promise<void> => {
    // The cached sequence counts only if every append of the conversation comes under the token it was
    // written with; otherwise the statement reads the stored maximum.
    const bases = new Map<string, number | null>();
    for (const item of batch) {
      if (bases.get(item.conversationId) === null) continue;
      const cached = lastSequences.get(item.conversationId);
      bases.set(item.conversationId, cached && cached.token === item.token ? cached.last : null);
    }
    let written: z.infer<typeof WrittenRowSchema>[];
    try {
      // Named, so each connection plans the statement once rather than per batch.
      const values: unknown[] = [
        batch.map((item) => item.conversationId),
        batch.map((item) => item.event.type),
        batch.map((item) => item.at),
        batch.map((item) => item.body),
        batch.map((item) => item.token ?? null),
        batch.map((item) => bases.get(item.conversationId) ?? null),
      ];
      const leaseId = fencing?.leaseId;
      if (leaseId !== undefined) values.push(leaseId);
      const result = await pool.query({
        name: !fencing
          ? 'livedesk-append-events'
          : leaseId === undefined
            ? 'livedesk-append-events-fenced'
            : 'livedesk-append-events-lease-fenced',
        text: !fencing ? INSERT_SQL : leaseId === undefined ? FENCED_INSERT_SQL : LEASE_FENCED_INSERT_SQL,
        values,
      });
      written = z.array(WrittenRowSchema).parse(result.rows);
    } catch (error) {
      // The statement may have failed on a stale cache (another writer numbered the same rows): read the
      // stored maximum next time.
      for (const conversationId of bases.keys()) lastSequences.delete(conversationId);
      const mapped = mapPostgresError(error);
      // Whatever failed (a pool already ended throws a plain Error), callers get a LivedeskError.
      const failure =
        mapped instanceof LivedeskError
          ? mapped
          : new LivedeskError('unavailable', 'the conversation log cannot be written', { cause: error });
      for (const item of batch) item.reject(failure);
      return;
    }
    const sequences = new Map(written.map((row) => [row.ord - 1, row.sequence]));
    batch.forEach((item, index) => {
      const sequence = sequences.get(index);
      if (sequence === undefined) {
        lastSequences.delete(item.conversationId);
        item.reject(new LivedeskError('conflict', 'this node no longer owns the conversation'));
        return;
      }
      remember(item.conversationId, { last: sequence, token: item.token });
      item.resolve({ conversationId: item.conversationId, sequence, at: item.at, event: item.event });
    });
  };

  const flush = (): void => {
    flushScheduled = false;
    if (writing || pending.length === 0) return;
    writing = true;
    const batch = pending.splice(0, MAX_BATCH);
    void write(batch).finally(() => {
      writing = false;
      if (pending.length > 0) scheduleFlush();
    });
  };

  const scheduleFlush = (): void => {
    if (flushScheduled || writing) return;
    flushScheduled = true;
    setImmediate(flush);
  };

  return {
    append(conversationId, at, event): Promise<StoredConversationEvent<Event>> {
      return new Promise((resolve, reject) => {
        let token: string | undefined;
        if (fencing) {
          const held = fencing.tokenFor(conversationId);
          if (held === undefined) {
            reject(new LivedeskError('conflict', 'this node no longer owns the conversation'));
            return;
          }
          token = held.toString();
        }
        if (conversationId.includes('\u0000') || at.includes('\u0000')) {
          reject(new LivedeskError('invalid_input', 'a conversation id or time holds a NUL character'));
          return;
        }
        let body: string;
        try {
          body = serializeEventBody(event);
        } catch (error) {
          reject(new LivedeskError('invalid_input', 'the event cannot be stored as JSON', { cause: error }));
          return;
        }
        pending.push({ conversationId, at, event, body, token, resolve, reject });
        scheduleFlush();
      });
    },
    async read(conversationId, readOptions = {}): Promise<StoredConversationEvent<Event>[]> {
      let rows: unknown[];
      try {
        const result = await pool.query(SELECT_SQL, [
          conversationId,
          readOptions.afterSequence ?? 0,
          readOptions.limit ?? 10_000,
        ]);
        rows = result.rows;
      } catch (error) {
        throw mapPostgresError(error);
      }
      try {
        return rows.map((raw) => {
          const row = RowSchema.parse(raw);
          return {
            conversationId: row.conversation_id,
            sequence: row.sequence,
            at: row.at,
            event: eventSchema.parse(row.body),
          };
        });
      } catch (error) {
        throw new LivedeskError('internal', 'a stored conversation event does not match its schema', {
          cause: error,
        });
      }
    },
    async conversationsInState(states): Promise<{ conversationId: string; state: string; at: string }[]> {
      if (states.length === 0) return [];
      let rows: unknown[];
      try {
        rows = (await pool.query(IN_STATE_SQL, [[...states]])).rows;
      } catch (error) {
        throw mapPostgresError(error);
      }
      return rows.map((raw) => {
        const row = StateRowSchema.parse(raw);
        return { conversationId: row.conversation_id, state: row.state, at: row.at };
      });
    },
  };
}
