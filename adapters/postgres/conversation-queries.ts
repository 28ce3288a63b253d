import type { Pool } from 'pg';
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
import { createPostgresConversationEventLog } from './conversation-event-log.js';
import { mapPostgresError } from './map-postgres-error.js';

/**
 * Everything a summary needs from a conversation's events, in one pass over them (the UNIQUE
 * (conversation_id, sequence) index finds them): `(array_agg(x ORDER BY sequence DESC))[1]` is the latest.
 * Who took part: accepted it or wrote in it. An offer declined or let lapse is not taking part (and grants
 * no access to the conversation afterwards: server/desk/conversation-access.ts).
 */
const SUMMARY_LATERAL = `LATERAL (
  SELECT
    coalesce((array_agg(e.body->>'to' ORDER BY e.sequence DESC) FILTER (WHERE e.type = 'state-change'))[1], 'ai') AS state,
    (array_agg(e.at ORDER BY e.sequence DESC))[1] AS last_activity_at,
    count(*) FILTER (WHERE e.type = 'viewer-message')::integer AS viewer_messages,
    count(*) FILTER (WHERE e.type = 'turn-end' AND e.body->>'delivered' <> '')::integer AS assistant_messages,
    count(*) FILTER (WHERE e.type = 'agent-message')::integer AS agent_messages,
    count(*) FILTER (WHERE e.type = 'system-message')::integer AS system_messages,
    coalesce(jsonb_agg(e.body->'packet'->'reasons') FILTER (WHERE e.type = 'handoff'), '[]'::jsonb) AS reasons,
    (array_agg(CASE WHEN e.body->'event'->>'type' IN ('conversation-assigned', 'conversation-accepted')
                    THEN e.body->'event'->>'agentId' END ORDER BY e.sequence DESC)
       FILTER (WHERE e.type = 'desk' AND e.body->'event'->>'type' IN (${HOLDER_CHANGES})))[1] AS holder,
    coalesce(jsonb_agg(DISTINCT CASE WHEN e.type = 'desk' THEN e.body->'event'->'agentId' ELSE e.body->'agentId' END)
       FILTER (WHERE (e.type = 'desk' AND e.body->'event'->>'type' = 'conversation-accepted')
                  OR e.type = 'agent-message'), '[]'::jsonb) AS agents,
    (array_agg(e.body ORDER BY e.sequence DESC) FILTER (WHERE e.type = 'satisfaction'))[1] AS satisfaction
  FROM conversation_events e WHERE e.conversation_id = o.conversation_id
) s`;

const SummaryRowSchema = SummaryColumnsSchema.extend({
  opened: z.unknown(),
  reasons: z.array(z.array(z.string())),
  agents: z.array(z.string().nullable()),
  satisfaction: z.unknown(),
});

const toSummary = (raw: unknown): ConversationSummary =>
  toConversationSummary(raw, (value) => {
    const row = SummaryRowSchema.parse(value);
    return { ...row, reasons: row.reasons.flat() };
  });

/** Builds a WHERE clause with numbered parameters. */
class Conditions {
  readonly sql: string[] = [];
  readonly parameters: unknown[] = [];

  /** `$?` in `sql` stands for the next parameter, in the order given. */
  add(sql: string, ...values: unknown[]): void {
    let index = 0;
    this.sql.push(
      sql.replace(/\$\?/g, () => {
        this.parameters.push(values[index]);
        index += 1;
        return `$${this.parameters.length}`;
      }),
    );
  }
}

/** Only the filters given become SQL, so each combination can use its index (migration 2). */
function addFilters(conditions: Conditions, filter: ConversationFilter & { conversationId?: string }): void {
  if (filter.conversationId !== undefined) conditions.add('o.conversation_id = $?', filter.conversationId);
  if (filter.viewerId !== undefined) conditions.add(`o.body->'profile'->>'viewerId' = $?`, filter.viewerId);
  if (filter.roomId !== undefined) conditions.add(`o.body->'liveContext'->>'roomId' = $?`, filter.roomId);
  if (filter.from !== undefined) conditions.add('o.at >= $?', filter.from);
  if (filter.to !== undefined) conditions.add('o.at < $?', filter.to);
  if (filter.state !== undefined) conditions.add('s.state = $?', filter.state);
  if (filter.agentId !== undefined) {
    conditions.add(
      `o.conversation_id IN (
        SELECT conversation_id FROM conversation_events
          WHERE type = 'desk' AND body->'event'->>'agentId' = $?
        UNION SELECT conversation_id FROM conversation_events
          WHERE type = 'agent-message' AND body->>'agentId' = $?)`,
      filter.agentId,
      filter.agentId,
    );
  }
  if (filter.text !== undefined) {
    conditions.add(
      `EXISTS (SELECT 1 FROM conversation_events e
                WHERE e.conversation_id = o.conversation_id AND e.type = 'viewer-message'
                  AND strpos(lower(e.body->>'text'), lower($?)) > 0)`,
      filter.text,
    );
  }
}

export interface PostgresConversationQueriesOptions {
  pool: Pool;
}

/** Conversation history read from the `conversation_events` table the conversation hub writes. */
export function createPostgresConversationQueries(
  options: PostgresConversationQueriesOptions,
): ConversationQueries {
  const { pool } = options;
  const log = createPostgresConversationEventLog({ pool, eventSchema: ConversationEventSchema });

  const summaries = async (
    filter: ConversationFilter & { conversationId?: string },
    page: { limit: number; cursor?: string | undefined; signal?: AbortSignal | undefined },
  ): Promise<ConversationSummary[]> => {
    const conditions = new Conditions();
    addFilters(conditions, {
      ...filter,
      from: normalizeTime(filter.from, 'from'),
      to: normalizeTime(filter.to, 'to'),
    });
    if (page.cursor !== undefined) {
      const [startedAt, conversationId] = decodeCursor(page.cursor);
      conditions.add('(o.at, o.conversation_id) < ($?, $?)', startedAt, conversationId);
    }
    throwIfAborted(page.signal);
    const where = ["o.type = 'conversation-opened'", ...conditions.sql].join(' AND ');
    const sql = `SELECT o.conversation_id, o.at AS started_at, o.body AS opened, s.*
      FROM conversation_events o CROSS JOIN ${SUMMARY_LATERAL}
      WHERE ${where}
      ORDER BY o.at DESC, o.conversation_id DESC LIMIT $${conditions.parameters.length + 1}`;
    let rows: unknown[];
    try {
      rows = (await pool.query(sql, [...conditions.parameters, page.limit])).rows;
    } catch (error) {
      throw mapPostgresError(error);
    }
    return rows.map(toSummary);
  };

  return {
    async list(filter, page) {
      throwIfAborted(page.signal);
      // One row more than asked tells whether another page follows.
      const rows = await summaries(filter, {
        limit: page.limit + 1,
        cursor: page.cursor,
        signal: page.signal,
      });
      const shown = rows.slice(0, page.limit);
      const last = shown.at(-1);
      return {
        conversations: shown,
        nextCursor:
          rows.length > page.limit && last ? encodeCursor(last.startedAt, last.conversationId) : null,
      };
    },
    async summary(conversationId, callOptions = {}) {
      throwIfAborted(callOptions.signal);
      return (await summaries({ conversationId }, { limit: 1, signal: callOptions.signal }))[0];
    },
    async get(conversationId, callOptions = {}) {
      throwIfAborted(callOptions.signal);
      const summary = (await summaries({ conversationId }, { limit: 1, signal: callOptions.signal }))[0];
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
