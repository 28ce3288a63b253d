import type { Database, Statement } from 'better-sqlite3';
import type { ConversationTimeline } from '../../engine/analytics/conversation-timeline.js';
import { LivedeskError } from '../../knowledge/errors.js';
import {
  DELIVERED_TEXT,
  KEY_EVENT_TYPE_LIST,
  KEY_FIELD_1,
  KEY_FIELD_2,
  KEY_FIELD_3,
  KEY_FIELD_4,
  ROOM_ID,
  SCENARIO,
  TURN_ID,
} from './analytics-schema.js';
import type { AnalyticsReader, ConversationScope } from '../../server/analytics/analytics-reader.js';
import {
  ALL_BUT_ASSIGNED,
  DESK_EVENT_TYPES,
  emptyTimeline,
  gapWordingOfRow,
  keyEventOfRow,
  text,
  timelineOfScopeRow,
} from '../shared/analytics-rows.js';
import { mapSqliteError } from './map-sqlite-error.js';

/** Above this share of all conversations in scope, key events are read in one pass (see keyStatement). */
const DENSE_SCOPE_SHARE = 3;

function inSequence(events: readonly unknown[][]): boolean {
  for (let index = 1; index < events.length; index++)
    if (Number(events[index - 1]![0]) > Number(events[index]![0])) return false;
  return true;
}

/**
 * The JSON value of a key-events row ([sequence, type, at, field1, field2, field3, field4]): a handoff's
 * reasons are field 2, a satisfaction's score field 1.
 */
function jsonValueOf(row: readonly unknown[]): unknown {
  if (row[1] === 'satisfaction') return row[3];
  if (row[1] !== 'handoff') return undefined;
  // Read from the index the reasons are JSON text; computed from the row they are an array already.
  return typeof row[4] === 'string' ? JSON.parse(row[4]) : row[4];
}

function scopeConditions(scope: ConversationScope, alias = ''): { sql: string; parameters: string[] } {
  const column = (name: string): string => (alias === '' ? name : `${alias}.${name}`);
  const body = column('body');
  let sql = `${column('type')} = 'conversation-opened' AND ${column('at')} >= ? AND ${column('at')} < ?`;
  const parameters = [scope.from, scope.to];
  if (scope.roomId !== undefined) {
    sql += ` AND ${ROOM_ID.replace('body', body)} = ?`;
    parameters.push(scope.roomId);
  }
  if (scope.scenario !== undefined) {
    sql += ` AND ${SCENARIO.replace('body', body)} = ?`;
    parameters.push(scope.scenario);
  }
  return { sql, parameters };
}

/** The opening index that serves the scope's filter: by room, by scenario, or by time only. */
function openedIndex(scope: ConversationScope): string {
  if (scope.roomId !== undefined) return 'analytics_opened_by_room';
  if (scope.scenario !== undefined) return 'analytics_opened_by_scenario';
  return 'analytics_opened';
}

function variantKey(kind: string, scope: ConversationScope): string {
  return `${kind}:${scope.roomId === undefined ? '' : 'room'}:${scope.scenario === undefined ? '' : 'scenario'}`;
}

/**
 * Timelines in three reads: the conversations in scope (with their first viewer message and first AI
 * answer when asked), then each one's key events as one JSON array per conversation, so a million
 * messages cost one row per conversation in JavaScript rather than one per event.
 */
export function createSqliteAnalyticsReader(options: { database: Database }): AnalyticsReader {
  const { database } = options;
  // Statements per filter shape, prepared on first use and kept with this reader.
  const statements = new Map<string, Statement>();
  const prepared = (key: string, build: () => string): Statement => {
    let statement = statements.get(key);
    if (!statement) statements.set(key, (statement = database.prepare(build()).raw(true)));
    return statement;
  };

  const scopeStatement = (scope: ConversationScope, first: boolean, last: boolean): Statement =>
    prepared(variantKey(`scope-${first}-${last}`, scope), () => {
      const { sql } = scopeConditions(scope, 'o');
      const firstTimes = first
        ? `(SELECT min(v.at) FROM conversation_events v
              WHERE v.type = 'viewer-message' AND v.conversation_id = o.conversation_id),
           (SELECT min(first.at) FROM (
              SELECT min(a.at) AS at FROM conversation_events a
               WHERE a.type = 'turn-end' AND a.conversation_id = o.conversation_id
                 AND (${DELIVERED_TEXT.replace('body', 'a.body')}) = 1
              UNION ALL
              SELECT min(w.at) FROM conversation_events w
               WHERE w.type = 'system-message' AND w.conversation_id = o.conversation_id
                 AND json_extract(w.body, '$.kind') = 'welcome') first)`
        : 'NULL, NULL';
      const lastTimes = last
        ? `(SELECT max(v.at) FROM conversation_events v
              WHERE v.type = 'viewer-message' AND v.conversation_id = o.conversation_id),
           (SELECT max(s.at) FROM conversation_events s
              WHERE s.type = 'answer-source' AND s.conversation_id = o.conversation_id)`
        : 'NULL, NULL';
      return `SELECT o.conversation_id, o.at, ${firstTimes}, ${lastTimes}
                FROM conversation_events o INDEXED BY ${openedIndex(scope)} WHERE ${sql}`;
    });

  /**
   * Key events as one JSON array per conversation. `dense`: the scope holds most conversations, so one
   * pass over the whole covering index beats a lookup per conversation; the caller drops the rest.
   * `onlyWith`: only conversations with such an event, each joined to its opening (always sequence 1)
   * for its time and scope, so the others never reach JavaScript at all.
   */
  const keyStatement = (
    scope: ConversationScope,
    options: { toHumanOnly: boolean; dense: boolean; onlyWith: boolean },
  ): Statement =>
    prepared(variantKey(`key-${options.toHumanOnly}-${options.dense}-${options.onlyWith}`, scope), () => {
      const stateChanges = options.toHumanOnly
        ? `AND NOT (type = 'state-change' AND ${KEY_FIELD_2} IS NOT 'human')`
        : '';
      const inScope = options.dense
        ? ''
        : `AND conversation_id IN (SELECT conversation_id FROM conversation_events INDEXED BY ${openedIndex(scope)}
             WHERE ${scopeConditions(scope).sql})`;
      // Spelled as in the index, unqualified, so SQLite reads the fields from analytics_key_events and
      // filters on them there. Rows arrive in index order, (conversation, sequence); the aggregate is not
      // asked to sort (that costs a temporary b-tree per conversation), the caller checks the order.
      const grouped = `SELECT conversation_id,
                     json_group_array(json_array(sequence, type, at,
                       ${KEY_FIELD_1}, ${KEY_FIELD_2}, ${KEY_FIELD_3}, ${KEY_FIELD_4})) AS events
                FROM conversation_events INDEXED BY analytics_key_events
               WHERE type IN ${KEY_EVENT_TYPE_LIST}
                 AND type IN (SELECT value FROM json_each(?))
                 AND (type <> 'desk' OR ${KEY_FIELD_1} IN (SELECT value FROM json_each(?)))
                 ${stateChanges}
                 ${inScope}
               GROUP BY conversation_id`;
      if (!options.onlyWith) return `SELECT conversation_id, NULL, events FROM (${grouped})`;
      return `SELECT k.conversation_id, o.at, k.events
                FROM (${grouped} HAVING sum(type = ?) > 0) AS k
                JOIN conversation_events o ON o.conversation_id = k.conversation_id AND o.sequence = 1
               WHERE ${scopeConditions(scope, 'o').sql}`;
    });

  const countStatement = (scope: ConversationScope): Statement =>
    prepared(variantKey('count', scope), () => {
      return `SELECT count(*) FROM conversation_events INDEXED BY ${openedIndex(scope)} WHERE ${scopeConditions(scope).sql}`;
    });

  const conversationCount = database.prepare(
    `SELECT count(*) FROM conversation_events INDEXED BY analytics_opened WHERE type = 'conversation-opened' AND at >= ''`,
  );

  const gapStatement = (scope: ConversationScope): Statement =>
    prepared(variantKey('gaps', scope), () => {
      const filters: string[] = [];
      if (scope.roomId !== undefined) filters.push(`${ROOM_ID} = ?`);
      if (scope.scenario !== undefined) filters.push(`${SCENARIO} = ?`);
      const inScope =
        filters.length === 0
          ? ''
          : `AND g.conversation_id IN (SELECT conversation_id FROM conversation_events
               WHERE type = 'conversation-opened' AND ${filters.join(' AND ')})`;
      // Per turn, the row of its first signal (SQLite takes bare columns from the min() row); then per
      // wording. Only the distinct wordings reach JavaScript.
      return `SELECT question, count(*), count(DISTINCT conversation_id),
                     sum(type = 'decline'), sum(type = 'clarify'), sum(type = 'handoff'), min(at), max(at)
                FROM (
                  SELECT conversation_id, turn_id, min(sequence), type, at, question
                    FROM (
                      SELECT g.conversation_id, g.sequence, g.at, g.type, ${TURN_ID.replace('body', 'g.body')} AS turn_id,
                        (SELECT json_extract(t.body, '$.question') FROM conversation_events t
                          WHERE t.type = 'turn-start' AND t.conversation_id = g.conversation_id
                            AND ${TURN_ID.replace('body', 't.body')} = ${TURN_ID.replace('body', 'g.body')}
                          LIMIT 1) AS question
                        FROM conversation_events g
                       WHERE g.type IN ('decline', 'clarify', 'handoff') AND g.at >= ? AND g.at < ?
                         AND (g.type <> 'handoff' OR EXISTS (
                           SELECT 1 FROM json_each(g.body, '$.packet.reasons') WHERE value = 'low_confidence'))
                         ${inScope})
                   GROUP BY conversation_id, turn_id)
               WHERE typeof(question) = 'text'
               GROUP BY question
               ORDER BY count(*) DESC, question
               LIMIT ?`;
    });

  // Async like the PostgreSQL reader; errors come back as rejections, mapped.
  const run = <T>(work: () => T): Promise<T> => {
    try {
      return Promise.resolve(work());
    } catch (error) {
      return Promise.reject(error instanceof LivedeskError ? error : mapSqliteError(error));
    }
  };

  return {
    timelines(request) {
      return run(() => {
        const { parameters } = scopeConditions(request);
        const timelines = new Map<string, ConversationTimeline>();
        const onlyWith = request.onlyWith !== undefined && request.keyEvents.includes(request.onlyWith);
        let conversations: number;
        if (onlyWith) {
          conversations =
            (countStatement(request)
              .pluck(true)
              .get(...parameters) as number) ?? 0;
        } else {
          const scope = scopeStatement(request, request.firstMessages, request.lastMessages === true);
          for (const row of scope.all(...parameters) as unknown[][]) {
            const timeline = timelineOfScopeRow(request, row);
            timelines.set(timeline.conversationId, timeline);
          }
          conversations = timelines.size;
        }
        if (request.keyEvents.length === 0 || conversations === 0)
          return { conversations, timelines: [...timelines.values()] };
        const total = conversationCount.pluck(true).get() as number;
        const dense = conversations * DENSE_SCOPE_SHARE >= total;
        const statement = keyStatement(request, {
          toHumanOnly: request.stateChanges === 'to-human',
          dense,
          onlyWith,
        });
        const deskTypes = (request.deskSteps ?? ALL_BUT_ASSIGNED).map((kind) => DESK_EVENT_TYPES[kind]);
        const rows = statement.all(
          JSON.stringify(request.keyEvents),
          JSON.stringify(deskTypes),
          ...(dense ? [] : parameters),
          ...(onlyWith ? [request.onlyWith, ...parameters] : []),
        ) as unknown[][];
        for (const [conversationId, openedAt, packed] of rows) {
          const id = text(conversationId, 'conversation id');
          let timeline = timelines.get(id);
          if (!timeline) {
            if (!onlyWith) continue;
            timeline = emptyTimeline(request, id, text(openedAt, 'opening time'));
            timelines.set(id, timeline);
          }
          const events = JSON.parse(text(packed, 'key events')) as unknown[][];
          if (!inSequence(events)) events.sort((first, second) => Number(first[0]) - Number(second[0]));
          for (const row of events) {
            const event = keyEventOfRow(row, jsonValueOf(row));
            if (event) timeline.events.push(event);
          }
        }
        return { conversations, timelines: [...timelines.values()] };
      });
    },

    gapWordings(request) {
      return run(() => {
        const parameters: (string | number)[] = [request.from, request.to];
        if (request.roomId !== undefined) parameters.push(request.roomId);
        if (request.scenario !== undefined) parameters.push(request.scenario);
        parameters.push(request.limit);
        return (gapStatement(request).all(...parameters) as unknown[][]).map(gapWordingOfRow);
      });
    },
  };
}
