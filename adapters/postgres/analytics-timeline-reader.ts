import type { Pool, PoolClient } from 'pg';
import type {
  ConversationTimeline,
  DeskStep,
  KeyEvent,
} from '../../engine/analytics/conversation-timeline.js';
import type { ConversationState } from '../../engine/conversation/conversation-state.js';
import { LivedeskError } from '../../knowledge/errors.js';
import type {
  AnalyticsReader,
  ConversationScope,
  TimelineRequest,
} from '../../server/analytics/analytics-reader.js';
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

const STATES: ReadonlySet<string> = new Set(['ai', 'pending_human', 'human', 'closed']);
const DESK_EVENT_TYPES: Readonly<Record<DeskStep['kind'], string>> = {
  queued: 'conversation-queued',
  assigned: 'conversation-assigned',
  accepted: 'conversation-accepted',
  requeued: 'conversation-requeued',
  'needs-reassignment': 'conversation-needs-reassignment',
  transferred: 'conversation-transferred',
  released: 'conversation-released',
  'sla-breached': 'sla-breached',
};
const DESK_KINDS: Readonly<Record<string, DeskStep['kind']>> = Object.fromEntries(
  Object.entries(DESK_EVENT_TYPES).map(([kind, type]) => [type, kind as DeskStep['kind']]),
);
const ALL_BUT_ASSIGNED = (Object.keys(DESK_EVENT_TYPES) as DeskStep['kind'][]).filter(
  (kind) => kind !== 'assigned',
);

function malformed(what: string): LivedeskError {
  return new LivedeskError(
    'internal',
    `a stored conversation event does not read as analytics expects: ${what}`,
  );
}

const text = (value: unknown, what: string): string => {
  if (typeof value !== 'string') throw malformed(what);
  return value;
};
const optionalText = (value: unknown, what: string): string | undefined =>
  value === null || value === undefined ? undefined : text(value, what);

function count(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) throw malformed('a count');
  return value;
}

function state(value: unknown): ConversationState {
  if (typeof value !== 'string' || !STATES.has(value)) throw malformed('state-change state');
  return value as ConversationState;
}

const isTextList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

function reasonsOf(value: unknown): string[] {
  if (!isTextList(value)) throw malformed('handoff reasons');
  return value;
}

/** The text the key-event query selects, for an alias of `conversation_events`. */
const on = (expression: string, alias: string): string =>
  expression.replace(/\b(body|at)\b/g, (column) => `${alias}.${column}`);

/**
 * One key event as the query packs it: [sequence, type, at, text1, text2, text3, text4, json].
 * State-change: from, to. Handoff: team, -, -, -, reasons. Desk: the desk event's type, its agent, its team
 * or reason, its own time. Agent message: agent. Satisfaction: -, comment, -, -, score.
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

function deskStep(row: readonly unknown[]): DeskStep | undefined {
  const kind = DESK_KINDS[text(row[3], 'desk event type')];
  if (kind === undefined) return undefined;
  const at = text(row[6], 'desk event time');
  const agentId = optionalText(row[4], 'desk agent');
  const detail = optionalText(row[5], 'desk team or reason');
  switch (kind) {
    case 'queued':
      return { kind, at, team: text(detail, 'queued team') };
    case 'assigned':
    case 'accepted':
    case 'needs-reassignment':
      return { kind, at, agentId: text(agentId, `${kind} agent`) };
    case 'requeued':
    case 'transferred':
      return { kind, at, agentId };
    case 'released':
      return { kind, at, reason: text(detail, 'release reason'), agentId };
    case 'sla-breached':
      return { kind, at, reason: text(detail, 'breached target'), agentId };
  }
}

function keyEvent(row: readonly unknown[]): KeyEvent | undefined {
  const type = row[1];
  const at = text(row[2], 'event time');
  switch (type) {
    case 'state-change':
      return { type, at, from: state(row[3]), to: state(row[4]) };
    case 'handoff':
      return { type, at, team: text(row[3], 'handoff team'), reasons: reasonsOf(row[7]) };
    case 'desk': {
      const step = deskStep(row);
      return step && { type, step };
    }
    case 'agent-message':
      return { type, at, agentId: text(row[3], 'agent') };
    case 'satisfaction-request':
      return { type, at };
    case 'satisfaction': {
      const score = row[7];
      if (typeof score !== 'number') throw malformed('satisfaction score');
      const comment = optionalText(row[4], 'satisfaction comment');
      return { type, at, score, ...(comment === undefined ? {} : { comment }) };
    }
    default:
      throw malformed(`unexpected key event type ${String(type)}`);
  }
}

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
        const newTimeline = (conversationId: string, openedAt: string): ConversationTimeline => ({
          conversationId,
          openedAt,
          roomId: request.roomId,
          scenario: request.scenario,
          events: [],
        });
        const onlyWith = request.onlyWith !== undefined && request.keyEvents.includes(request.onlyWith);
        let conversations: number;
        if (onlyWith) {
          conversations = count((await rowsOf(client, countQuery(request)))[0]?.[0]);
        } else {
          for (const row of await rowsOf(client, scopeQuery(request))) {
            const timeline = newTimeline(text(row[0], 'conversation id'), text(row[1], 'opening time'));
            timeline.firstViewerMessageAt = optionalText(row[2], 'first viewer message');
            timeline.firstAiAnswerAt = optionalText(row[3], 'first AI answer');
            timeline.lastViewerMessageAt = optionalText(row[4], 'last viewer message');
            timeline.lastAnswerAt = optionalText(row[5], 'last answer');
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
            timeline = newTimeline(id, text(openedAt, 'opening time'));
            timelines.set(id, timeline);
          }
          if (!Array.isArray(packed)) throw malformed('key events');
          for (const row of packed as unknown[]) {
            if (!Array.isArray(row)) throw malformed('a key event');
            const event = keyEvent(row);
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
      return rows.map((row) => ({
        question: text(row[0], 'question'),
        count: count(row[1]),
        conversations: count(row[2]),
        signals: { decline: count(row[3]), clarify: count(row[4]), low_confidence: count(row[5]) },
        firstAt: text(row[6], 'first asked'),
        lastAt: text(row[7], 'last asked'),
      }));
    },
  };
}
