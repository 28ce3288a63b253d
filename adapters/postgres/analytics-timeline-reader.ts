import type { Pool, PoolClient } from 'pg';
import type { ConversationTimeline } from '../../engine/analytics/conversation-timeline.js';
import type {
  AnalyticsReader,
  ConversationScope,
  TimelineRequest,
} from '../../server/analytics/analytics-reader.js';
import {
  ALL_BUT_ASSIGNED,
  count,
  DESK_EVENT_TYPES,
  emptyTimeline,
  gapWordingOfRow,
  keyEventOfRow,
  malformed,
  text,
  timelineOfScopeRow,
} from '../shared/analytics-rows.js';
import { mapPostgresError } from './map-postgres-error.js';
import {
  POSTGRES_AT,
  POSTGRES_DELIVERED_TEXT,
  POSTGRES_KEY_EVENT_TYPE_LIST,
  POSTGRES_ROOM_ID,
  POSTGRES_SCENARIO,
  POSTGRES_TURN_ID,
} from './migrations/analytics-schema.js';
import { withTransaction } from './with-transaction.js';

/** The text the key-event query selects, for an alias of `conversation_events`. */
const on = (expression: string, alias: string): string =>
  expression.replace(/\b(body|at)\b/g, (column) => `${alias}.${column}`);

/**
 * One key event as the query packs it: [sequence, type, at, text1, text2, text3, text4, json], as
 * keyEventOfRow reads it, with the handoff's reasons or the satisfaction's score as json.
 */
const KEY_FIELDS = `e.sequence, e.type, e.at,
  CASE e.type
    WHEN 'state-change' THEN e.body ->> 'from'
    WHEN 'handoff' THEN e.body #>> '{packet,team}'
    WHEN 'desk' THEN e.body #>> '{event,type}'
    WHEN 'agent-message' THEN e.body ->> 'agentId' END,
  CASE e.type
    WHEN 'state-change' THEN e.body ->> 'to'
    WHEN 'desk' THEN coalesce(e.body #>> '{event,agentId}', e.body #>> '{event,previousAgentId}',
                              e.body #>> '{event,fromAgentId}')
    WHEN 'satisfaction' THEN e.body ->> 'comment' END,
  CASE e.type WHEN 'desk' THEN coalesce(e.body #>> '{event,team}', e.body #>> '{event,reason}') END,
  CASE e.type WHEN 'desk' THEN e.body #>> '{event,at}' END,
  CASE e.type WHEN 'handoff' THEN e.body #> '{packet,reasons}' WHEN 'satisfaction' THEN e.body -> 'score' END`;

/** Collects query parameters and hands back their placeholders. */
function parameterList(): { values: unknown[]; add: (value: unknown) => string } {
  const values: unknown[] = [];
  return {
    values,
    add: (value) => {
      values.push(value);
      return `$${values.length}`;
    },
  };
}

/** The opening events in scope, as `alias`; spelled as analytics_opened* index them. */
function scopeConditions(scope: ConversationScope, alias: string, add: (value: unknown) => string): string {
  const at = on(POSTGRES_AT, alias);
  let sql = `${alias}.type = 'conversation-opened' AND ${at} >= ${add(scope.from)} AND ${at} < ${add(scope.to)}`;
  if (scope.roomId !== undefined) sql += ` AND ${on(POSTGRES_ROOM_ID, alias)} = ${add(scope.roomId)}`;
  if (scope.scenario !== undefined) sql += ` AND ${on(POSTGRES_SCENARIO, alias)} = ${add(scope.scenario)}`;
  return sql;
}

function scopeQuery(request: TimelineRequest): { text: string; values: unknown[] } {
  const parameters = parameterList();
  const at = (alias: string) => on(POSTGRES_AT, alias);
  const firstTimes = request.firstMessages
    ? `(SELECT min(${at('v')}) FROM conversation_events v
          WHERE v.type = 'viewer-message' AND v.conversation_id = o.conversation_id),
       (SELECT min(firsts.at) FROM (
          SELECT min(${at('a')}) AS at FROM conversation_events a
           WHERE a.type = 'turn-end' AND a.conversation_id = o.conversation_id AND ${on(POSTGRES_DELIVERED_TEXT, 'a')}
          UNION ALL
          SELECT min(${at('w')}) FROM conversation_events w
           WHERE w.type = 'system-message' AND w.conversation_id = o.conversation_id
             AND (w.body ->> 'kind') = 'welcome') firsts)`
    : 'NULL, NULL';
  const lastTimes =
    request.lastMessages === true
      ? `(SELECT max(${at('v')}) FROM conversation_events v
            WHERE v.type = 'viewer-message' AND v.conversation_id = o.conversation_id),
         (SELECT max(${at('s')}) FROM conversation_events s
            WHERE s.type = 'answer-source' AND s.conversation_id = o.conversation_id)`
      : 'NULL, NULL';
  const text = `SELECT o.conversation_id, o.at, ${firstTimes}, ${lastTimes}
                  FROM conversation_events o WHERE ${scopeConditions(request, 'o', parameters.add)}`;
  return { text, values: parameters.values };
}

function countQuery(request: TimelineRequest): { text: string; values: unknown[] } {
  const parameters = parameterList();
  const text = `SELECT count(*)::int FROM conversation_events o WHERE ${scopeConditions(request, 'o', parameters.add)}`;
  return { text, values: parameters.values };
}

/**
 * Key events as one JSON array per conversation, in sequence, so a million messages cost one row per
 * conversation in JavaScript rather than one per event. `onlyWith`: only conversations with such an event,
 * each joined to its opening (always sequence 1) for its time, so the others never leave the server.
 */
function keyQuery(request: TimelineRequest, onlyWith: boolean): { text: string; values: unknown[] } {
  const parameters = parameterList();
  const deskTypes = (request.deskSteps ?? ALL_BUT_ASSIGNED).map((kind) => DESK_EVENT_TYPES[kind]);
  const stateChanges =
    request.stateChanges === 'to-human'
      ? `AND NOT (e.type = 'state-change' AND (e.body ->> 'to') IS DISTINCT FROM 'human')`
      : '';
  // The literal list is what lets the planner use the partial analytics_key_events index.
  const grouped = `SELECT e.conversation_id, json_agg(json_build_array(${KEY_FIELDS}) ORDER BY e.sequence) AS events
      FROM conversation_events e
     WHERE e.type IN ${POSTGRES_KEY_EVENT_TYPE_LIST}
       AND e.type = ANY(${parameters.add(request.keyEvents)}::text[])
       AND (e.type <> 'desk' OR (e.body #>> '{event,type}') = ANY(${parameters.add(deskTypes)}::text[]))
       ${stateChanges}
       AND e.conversation_id IN (SELECT o.conversation_id FROM conversation_events o
                                  WHERE ${scopeConditions(request, 'o', parameters.add)})
     GROUP BY e.conversation_id`;
  if (!onlyWith)
    return { text: `SELECT conversation_id, NULL, events FROM (${grouped}) k`, values: parameters.values };
  const text = `SELECT k.conversation_id, o.at, k.events
      FROM (${grouped} HAVING bool_or(e.type = ${parameters.add(request.onlyWith)})) k
      JOIN conversation_events o ON o.conversation_id = k.conversation_id AND o.sequence = 1`;
  return { text, values: parameters.values };
}

function gapQuery(request: ConversationScope & { limit: number }): { text: string; values: unknown[] } {
  const parameters = parameterList();
  const at = on(POSTGRES_AT, 'g');
  const filters: string[] = [];
  if (request.roomId !== undefined)
    filters.push(`${on(POSTGRES_ROOM_ID, 'o')} = ${parameters.add(request.roomId)}`);
  if (request.scenario !== undefined)
    filters.push(`${on(POSTGRES_SCENARIO, 'o')} = ${parameters.add(request.scenario)}`);
  const inScope =
    filters.length === 0
      ? ''
      : `AND g.conversation_id IN (SELECT o.conversation_id FROM conversation_events o
           WHERE o.type = 'conversation-opened' AND ${filters.join(' AND ')})`;
  // Per turn, the row of its first signal; then per wording. Only the distinct wordings leave the server.
  // Wordings sort by byte ("C"), as SQLite's do, so both stores cut at `limit` in the same place.
  const text = `SELECT question, count(*)::int, count(DISTINCT conversation_id)::int,
         (count(*) FILTER (WHERE type = 'decline'))::int, (count(*) FILTER (WHERE type = 'clarify'))::int,
         (count(*) FILTER (WHERE type = 'handoff'))::int, min(at), max(at)
    FROM (
      SELECT DISTINCT ON (conversation_id, turn_id) conversation_id, type, at, question
        FROM (
          SELECT g.conversation_id, g.sequence, g.type, ${at} AS at, ${on(POSTGRES_TURN_ID, 'g')} AS turn_id,
            (SELECT t.body ->> 'question' FROM conversation_events t
              WHERE t.type = 'turn-start' AND t.conversation_id = g.conversation_id
                AND ${on(POSTGRES_TURN_ID, 't')} = ${on(POSTGRES_TURN_ID, 'g')}
                AND jsonb_typeof(t.body -> 'question') = 'string'
              LIMIT 1) AS question
            FROM conversation_events g
           WHERE g.type IN ('decline', 'clarify', 'handoff')
             AND ${at} >= ${parameters.add(request.from)} AND ${at} < ${parameters.add(request.to)}
             AND (g.type <> 'handoff' OR (g.body #> '{packet,reasons}') @> '["low_confidence"]'::jsonb)
             ${inScope}) signals
       ORDER BY conversation_id, turn_id, sequence) firsts
   WHERE question IS NOT NULL
   GROUP BY question
   ORDER BY count(*) DESC, question COLLATE "C"
   LIMIT ${parameters.add(request.limit)}`;
  return { text, values: parameters.values };
}

async function rowsOf(
  client: Pool | PoolClient,
  query: { text: string; values: unknown[] },
): Promise<unknown[][]> {
  const result = await client.query<unknown[]>({ text: query.text, values: query.values, rowMode: 'array' });
  return result.rows;
}

/**
 * Reads `conversation_events` for analytics, through the partial indexes of migration 5. Give it a pool of
 * its own, so long reads never take connections live traffic waits for. A timeline read is one read-only
 * snapshot: its count and its key events agree even while conversations are being written.
 */
export function createPostgresAnalyticsReader(options: { pool: Pool }): AnalyticsReader {
  const { pool } = options;
  const snapshot = <T>(work: (client: PoolClient) => Promise<T>): Promise<T> =>
    withTransaction(pool, async (client) => {
      await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      return work(client);
    });

  return {
    timelines: (request) =>
      snapshot(async (client) => {
        const timelines = new Map<string, ConversationTimeline>();
        const onlyWith = request.onlyWith !== undefined && request.keyEvents.includes(request.onlyWith);
        let conversations: number;
        if (onlyWith) {
          conversations = count((await rowsOf(client, countQuery(request)))[0]?.[0]);
        } else {
          for (const row of await rowsOf(client, scopeQuery(request))) {
            const timeline = timelineOfScopeRow(request, row);
            timelines.set(timeline.conversationId, timeline);
          }
          conversations = timelines.size;
        }
        if (request.keyEvents.length === 0 || conversations === 0)
          return { conversations, timelines: [...timelines.values()] };
        for (const [conversationId, openedAt, packed] of await rowsOf(client, keyQuery(request, onlyWith))) {
          const id = text(conversationId, 'conversation id');
          let timeline = timelines.get(id);
          if (!timeline) {
            if (!onlyWith) continue;
            timeline = emptyTimeline(request, id, text(openedAt, 'opening time'));
            timelines.set(id, timeline);
          }
          if (!Array.isArray(packed)) throw malformed('key events');
          for (const row of packed as unknown[]) {
            if (!Array.isArray(row)) throw malformed('a key event');
            const event = keyEventOfRow(row, row[7]);
            if (event) timeline.events.push(event);
          }
        }
        return { conversations, timelines: [...timelines.values()] };
      }),

    async gapWordings(request) {
      let rows: unknown[][];
      try {
        rows = await rowsOf(pool, gapQuery(request));
      } catch (error) {
        throw mapPostgresError(error);
      }
      return rows.map(gapWordingOfRow);
    },
  };
}
