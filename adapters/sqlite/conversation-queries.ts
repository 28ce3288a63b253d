import type { Database, Statement } from 'better-sqlite3';
import { z } from 'zod';
import { ConversationEventSchema } from '../../engine/conversation/conversation-event-schema.js';
import { readStoredEvents } from '../../engine/conversation/read-stored-events.js';
import { restoreConversationState } from '../../engine/conversation/restore-conversation.js';
import { throwIfAborted } from '../../knowledge/errors.js';
import type {
  ConversationFilter,
  ConversationQueries,
  ConversationSummary,
} from '../../server/conversation-history/conversation-queries.js';
import {
  decodeCursor,
  encodeCursor,
  HOLDER_CHANGES,
  normalizeTime,
  SummaryColumnsSchema,
  toConversationSummary,
} from '../shared/conversation-summary-rows.js';
import { createSqliteConversationEventLog } from './conversation-event-log.js';
import { mapSqliteError } from './map-sqlite-error.js';

/**
 * Indexes for the history queries. Created here rather than as numbered migrations: they hold no data,
 * so any file gets them on open, and they stay out of the migration history other adapters append to.
 * Each is partial on event types a FAQ turn never writes, so the busiest traffic updates none of them
 * (the turn's own types are read through the analytics indexes). The conditions are ORs of equalities, not
 * IN: SQLite uses a partial index for `type = 'desk'` only when that term appears in its WHERE.
 */
const INDEXES = `
  CREATE INDEX IF NOT EXISTS conversation_events_desk_side_by_conversation
    ON conversation_events (conversation_id, type, sequence)
    WHERE type = 'state-change' OR type = 'handoff' OR type = 'desk' OR type = 'agent-message'
       OR type = 'system-message' OR type = 'satisfaction';
  CREATE INDEX IF NOT EXISTS conversation_events_opened_by_viewer
    ON conversation_events (json_extract(body, '$.profile.viewerId'), at, conversation_id)
    WHERE type = 'conversation-opened';
  CREATE INDEX IF NOT EXISTS conversation_events_opened_by_room
    ON conversation_events (json_extract(body, '$.liveContext.roomId'), at, conversation_id)
    WHERE type = 'conversation-opened';
  CREATE INDEX IF NOT EXISTS conversation_events_desk_by_agent
    ON conversation_events (json_extract(body, '$.event.agentId'), conversation_id) WHERE type = 'desk';
  CREATE INDEX IF NOT EXISTS conversation_events_messages_by_agent
    ON conversation_events (json_extract(body, '$.agentId'), conversation_id) WHERE type = 'agent-message';
`;

/** Events read per query when a whole conversation is loaded. */

/** Events of the conversation `o` (the row of its `conversation-opened`) of one type. */
const eventsOf = (type: string) =>
  `FROM conversation_events e WHERE e.conversation_id = o.conversation_id AND e.type = '${type}'`;

const STATE_SQL = `coalesce((SELECT json_extract(e.body, '$.to') ${eventsOf('state-change')} ORDER BY e.sequence DESC LIMIT 1), 'ai')`;

const SUMMARY_COLUMNS = `
  o.conversation_id AS conversation_id,
  o.at AS started_at,
  o.body AS opened,
  ${STATE_SQL} AS state,
  (SELECT a.at FROM conversation_events a WHERE a.conversation_id = o.conversation_id
    ORDER BY a.sequence DESC LIMIT 1) AS last_activity_at,
  (SELECT count(*) ${eventsOf('viewer-message')}) AS viewer_messages,
  (SELECT count(*) ${eventsOf('turn-end')} AND json_extract(e.body, '$.delivered') <> '') AS assistant_messages,
  (SELECT count(*) ${eventsOf('agent-message')}) AS agent_messages,
  (SELECT count(*) ${eventsOf('system-message')}) AS system_messages,
  (SELECT json_group_array(DISTINCT reason.value)
    FROM conversation_events e, json_each(e.body, '$.packet.reasons') reason
    WHERE e.conversation_id = o.conversation_id AND e.type = 'handoff') AS reasons,
  (SELECT CASE WHEN json_extract(e.body, '$.event.type') IN ('conversation-assigned', 'conversation-accepted')
      THEN json_extract(e.body, '$.event.agentId') END
    ${eventsOf('desk')} AND json_extract(e.body, '$.event.type') IN (${HOLDER_CHANGES})
    ORDER BY e.sequence DESC LIMIT 1) AS holder,
  -- Who took part: accepted it or wrote in it. An offer declined or let lapse is not taking part (and
  -- grants no access to the conversation afterwards: server/desk/conversation-access.ts).
  (SELECT json_group_array(DISTINCT agent) FROM (
    SELECT json_extract(e.body, '$.event.agentId') AS agent ${eventsOf('desk')}
      AND json_extract(e.body, '$.event.type') = 'conversation-accepted'
    UNION SELECT json_extract(e.body, '$.agentId') ${eventsOf('agent-message')})) AS agents,
  (SELECT e.body ${eventsOf('satisfaction')} ORDER BY e.sequence DESC LIMIT 1) AS satisfaction`;

const SummaryRowSchema = SummaryColumnsSchema.extend({
  opened: z.string(),
  reasons: z.string(),
  agents: z.string(),
  satisfaction: z.string().nullable(),
});

const StringListSchema = z.array(z.string().nullable());

const toSummary = (raw: unknown): ConversationSummary =>
  toConversationSummary(raw, (value) => {
    const row = SummaryRowSchema.parse(value);
    return {
      ...row,
      opened: JSON.parse(row.opened),
      reasons: StringListSchema.parse(JSON.parse(row.reasons)),
      agents: StringListSchema.parse(JSON.parse(row.agents)),
      satisfaction: row.satisfaction === null ? null : JSON.parse(row.satisfaction),
    };
  });

interface Clause {
  sql: string;
  parameters: unknown[];
}

/** Only the filters given become SQL, so each combination can use its index. */
function filterClauses(filter: ConversationFilter & { conversationId?: string }): Clause[] {
  const clauses: Clause[] = [];
  const add = (sql: string, ...parameters: unknown[]) => clauses.push({ sql, parameters });
  if (filter.conversationId !== undefined) add('o.conversation_id = ?', filter.conversationId);
  if (filter.viewerId !== undefined) add(`json_extract(o.body, '$.profile.viewerId') = ?`, filter.viewerId);
  if (filter.roomId !== undefined) add(`json_extract(o.body, '$.liveContext.roomId') = ?`, filter.roomId);
  if (filter.from !== undefined) add('o.at >= ?', filter.from);
  if (filter.to !== undefined) add('o.at < ?', filter.to);
  if (filter.state !== undefined) add(`${STATE_SQL} = ?`, filter.state);
  if (filter.agentId !== undefined) {
    add(
      `o.conversation_id IN (
        SELECT conversation_id FROM conversation_events
          WHERE type = 'desk' AND json_extract(body, '$.event.agentId') = ?
        UNION SELECT conversation_id FROM conversation_events
          WHERE type = 'agent-message' AND json_extract(body, '$.agentId') = ?)`,
      filter.agentId,
      filter.agentId,
    );
  }
  if (filter.text !== undefined) {
    add(
      `EXISTS (SELECT 1 ${eventsOf('viewer-message')} AND instr(lower(json_extract(e.body, '$.text')), lower(?)) > 0)`,
      filter.text,
    );
  }
  return clauses;
}

export interface SqliteConversationQueriesOptions {
  database: Database;
}

/** Conversation history read from the `conversation_events` table the conversation hub writes. */
export function createSqliteConversationQueries(
  options: SqliteConversationQueriesOptions,
): ConversationQueries {
  const { database } = options;
  try {
    database.exec(INDEXES);
  } catch (error) {
    throw mapSqliteError(error);
  }
  const log = createSqliteConversationEventLog({ database, eventSchema: ConversationEventSchema });
  // Per queries object, not per module: statements belong to one database connection.
  const statements = new Map<string, Statement<unknown[], unknown>>();
  const prepared = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = database.prepare<unknown[], unknown>(sql);
      statements.set(sql, statement);
    }
    return statement;
  };

  const summaries = (
    filter: ConversationFilter & { conversationId?: string },
    page: { limit: number; cursor?: string | undefined },
  ): ConversationSummary[] => {
    const clauses = filterClauses({
      ...filter,
      from: normalizeTime(filter.from, 'from'),
      to: normalizeTime(filter.to, 'to'),
    });
    if (page.cursor !== undefined) {
      const [startedAt, conversationId] = decodeCursor(page.cursor);
      clauses.push({
        sql: '(o.at < ? OR (o.at = ? AND o.conversation_id < ?))',
        parameters: [startedAt, startedAt, conversationId],
      });
    }
    const where = ["o.type = 'conversation-opened'", ...clauses.map((clause) => clause.sql)].join(' AND ');
    const sql = `SELECT ${SUMMARY_COLUMNS} FROM conversation_events o WHERE ${where}
      ORDER BY o.at DESC, o.conversation_id DESC LIMIT ?`;
    const parameters = [...clauses.flatMap((clause) => clause.parameters), page.limit];
    return prepared(sql)
      .all(...parameters)
      .map(toSummary);
  };

  return {
    list(filter, page) {
      try {
        throwIfAborted(page.signal);
        // One row more than asked tells whether another page follows.
        const rows = summaries(filter, { limit: page.limit + 1, cursor: page.cursor });
        const shown = rows.slice(0, page.limit);
        const last = shown.at(-1);
        return Promise.resolve({
          conversations: shown,
          nextCursor:
            rows.length > page.limit && last ? encodeCursor(last.startedAt, last.conversationId) : null,
        });
      } catch (error) {
        return Promise.reject(mapSqliteError(error));
      }
    },
    summary(conversationId, callOptions = {}) {
      try {
        throwIfAborted(callOptions.signal);
        return Promise.resolve(summaries({ conversationId }, { limit: 1 })[0]);
      } catch (error) {
        return Promise.reject(mapSqliteError(error));
      }
    },
    async get(conversationId, callOptions = {}) {
      throwIfAborted(callOptions.signal);
      let summary: ConversationSummary | undefined;
      try {
        summary = summaries({ conversationId }, { limit: 1 })[0];
      } catch (error) {
        throw mapSqliteError(error);
      }
      if (!summary) return undefined;
      const events = await readStoredEvents(log, conversationId, { signal: callOptions.signal });
      const restored = restoreConversationState(events);
      return {
        conversation: summary,
        events: events.map(({ sequence, at, event }) => ({ sequence, at, event })),
        transcript: restored?.transcript ?? [],
        handoff: restored?.handoffPacket ?? null,
      };
    },
  };
}
