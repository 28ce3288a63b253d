import type { PostgresMigration } from '../postgres-migration.js';

/**
 * The analytics access paths over `conversation_events` (migration 2), the learning loop's tables and the
 * eval runs every node shares.
 *
 * Metrics are computed from the event log itself: these are partial indexes (only the event types each
 * serves), not copies. PostgreSQL uses an expression index only when the query spells the expression the
 * same way, so the reader builds its SQL from the constants below; never edit them once released (an
 * applied migration is history; a changed expression needs a new migration and new index names). Times are
 * compared with the "C" collation: ISO text then sorts as SQLite's BINARY does, whatever the database's locale.
 */

/** The event types a timeline keeps as key events (KEY_EVENT_TYPES in engine/analytics/conversation-timeline.ts). */
export const POSTGRES_KEY_EVENT_TYPE_LIST = `('state-change', 'handoff', 'desk', 'agent-message', 'satisfaction-request', 'satisfaction')`;

/** An event's time, as indexed and compared. */
export const POSTGRES_AT = `(at COLLATE "C")`;

export const POSTGRES_ROOM_ID = `(body #>> '{liveContext,roomId}')`;
export const POSTGRES_SCENARIO = `(body #>> '{liveContext,scenario}')`;

/** Whether a turn delivered text to the viewer: true, false, or null when it has no `delivered`. */
export const POSTGRES_DELIVERED_TEXT = `((body ->> 'delivered') <> '')`;

/** A turn's id (turn-start, clarify, decline, handoff). */
export const POSTGRES_TURN_ID = `(body ->> 'turnId')`;

export const ANALYTICS_SCHEMA: PostgresMigration = {
  version: 5,
  name: 'analytics-schema',
  statements: [
    `CREATE INDEX analytics_opened ON conversation_events (${POSTGRES_AT}) INCLUDE (conversation_id)
       WHERE type = 'conversation-opened'`,
    `CREATE INDEX analytics_opened_by_room ON conversation_events (${POSTGRES_ROOM_ID}, ${POSTGRES_AT})
       INCLUDE (conversation_id) WHERE type = 'conversation-opened'`,
    `CREATE INDEX analytics_opened_by_scenario ON conversation_events (${POSTGRES_SCENARIO}, ${POSTGRES_AT})
       INCLUDE (conversation_id) WHERE type = 'conversation-opened'`,
    // min/max per conversation read one end of these.
    `CREATE INDEX analytics_viewer_messages ON conversation_events (conversation_id, ${POSTGRES_AT})
       WHERE type = 'viewer-message'`,
    `CREATE INDEX analytics_answers ON conversation_events (conversation_id, ${POSTGRES_AT})
       WHERE type = 'answer-source'`,
    `CREATE INDEX analytics_turn_ends ON conversation_events (conversation_id, ${POSTGRES_DELIVERED_TEXT}, ${POSTGRES_AT})
       WHERE type = 'turn-end'`,
    `CREATE INDEX analytics_welcomes ON conversation_events (conversation_id, ${POSTGRES_AT})
       WHERE type = 'system-message' AND (body ->> 'kind') = 'welcome'`,
    // Key events per conversation in sequence; their fields come from the row (PostgreSQL cannot answer
    // expressions over jsonb from an index alone, so a covering index would only be larger).
    `CREATE INDEX analytics_key_events ON conversation_events (conversation_id, sequence)
       WHERE type IN ${POSTGRES_KEY_EVENT_TYPE_LIST}`,
    `CREATE INDEX analytics_turn_starts ON conversation_events (conversation_id, ${POSTGRES_TURN_ID})
       WHERE type = 'turn-start'`,
    `CREATE INDEX analytics_gap_signals ON conversation_events (${POSTGRES_AT})
       WHERE type IN ('decline', 'clarify', 'handoff')`,
    // The learning loop reads knowledge answers by event id from its watermark on.
    `CREATE INDEX analytics_agent_messages ON conversation_events (event_id) WHERE type = 'agent-message'`,

    `CREATE TABLE phrasing_proposals (
      proposal_id bigserial PRIMARY KEY,
      kb_id text NOT NULL,
      entry_id text NOT NULL,
      question text NOT NULL,
      question_key text NOT NULL,
      locale text,
      status text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
      seen integer NOT NULL DEFAULT 1 CHECK (seen >= 1),
      first_conversation_id text NOT NULL,
      last_conversation_id text NOT NULL,
      agent_id text NOT NULL,
      created_at text NOT NULL,
      updated_at text NOT NULL,
      decided_by text,
      decided_at text,
      version_id bigint,
      UNIQUE (kb_id, entry_id, question_key)
    )`,
    'CREATE INDEX phrasing_proposals_by_status ON phrasing_proposals (kb_id, status, seen DESC, proposal_id)',
    // How far a background scan of conversation_events has read (event_id).
    `CREATE TABLE analytics_watermarks (
      name text PRIMARY KEY,
      event_id bigint NOT NULL,
      updated_at text NOT NULL
    )`,

    // Eval runs: the record as the file held it, and the report once the run is done. A report may be
    // saved before its record (the file store allows it), so the record may be missing.
    `CREATE TABLE eval_runs (
      run_id text PRIMARY KEY,
      record jsonb,
      html text
    )`,
  ],
};
