/**
 * The analytics access paths over `conversation_events`, and the learning loop's tables (migration 5).
 *
 * Metrics are computed from the event log itself; these are indexes, not copies. Each is partial (only
 * the event types it serves) and covering, so a metric over a million messages reads index pages only.
 * SQLite uses an index on an expression only when the query spells the expression the same way, so the
 * reader builds its SQL from the constants below. Never edit them once released: an applied migration is
 * history. A changed expression needs a new migration and new names.
 */

/** The event types a timeline keeps as key events (KEY_EVENT_TYPES in engine/analytics/conversation-timeline.ts). */
export const KEY_EVENT_TYPE_LIST = `('state-change', 'handoff', 'desk', 'agent-message', 'satisfaction-request', 'satisfaction')`;

/** State-change: from. Handoff: team. Desk: the desk event's type. Agent message: agent. Satisfaction: score. */
export const KEY_FIELD_1 = `CASE type
  WHEN 'state-change' THEN json_extract(body, '$.from')
  WHEN 'handoff' THEN json_extract(body, '$.packet.team')
  WHEN 'desk' THEN json_extract(body, '$.event.type')
  WHEN 'agent-message' THEN json_extract(body, '$.agentId')
  WHEN 'satisfaction' THEN json_extract(body, '$.score') END`;

/** State-change: to. Handoff: reasons (JSON). Desk: the agent concerned. Satisfaction: comment. */
export const KEY_FIELD_2 = `CASE type
  WHEN 'state-change' THEN json_extract(body, '$.to')
  WHEN 'handoff' THEN json_extract(body, '$.packet.reasons')
  WHEN 'desk' THEN coalesce(json_extract(body, '$.event.agentId'), json_extract(body, '$.event.previousAgentId'), json_extract(body, '$.event.fromAgentId'))
  WHEN 'satisfaction' THEN json_extract(body, '$.comment') END`;

/** Desk: the team it was queued for, or why it was released. */
export const KEY_FIELD_3 = `CASE type
  WHEN 'desk' THEN coalesce(json_extract(body, '$.event.team'), json_extract(body, '$.event.reason')) END`;

/** Desk: the desk's own time of the event (the row's time is when it was recorded). */
export const KEY_FIELD_4 = `CASE type WHEN 'desk' THEN json_extract(body, '$.event.at') END`;

/** Whether a turn delivered text to the viewer. */
export const DELIVERED_TEXT = `json_extract(body, '$.delivered') <> ''`;

/** A turn's id (turn-start, clarify, decline, handoff). */
export const TURN_ID = `json_extract(body, '$.turnId')`;

export const ROOM_ID = `json_extract(body, '$.liveContext.roomId')`;
export const SCENARIO = `json_extract(body, '$.liveContext.scenario')`;

export const ANALYTICS_MIGRATION_DESCRIPTION =
  'analytics indexes over conversation events; learning-loop phrasing proposals and scan watermarks';

export const ANALYTICS_MIGRATION_SQL = `
  CREATE INDEX analytics_opened ON conversation_events (at, conversation_id)
    WHERE type = 'conversation-opened';
  CREATE INDEX analytics_opened_by_room ON conversation_events ((${ROOM_ID}), at, conversation_id)
    WHERE type = 'conversation-opened';
  CREATE INDEX analytics_opened_by_scenario ON conversation_events ((${SCENARIO}), at, conversation_id)
    WHERE type = 'conversation-opened';
  CREATE INDEX analytics_viewer_messages ON conversation_events (conversation_id, at)
    WHERE type = 'viewer-message';
  CREATE INDEX analytics_answers ON conversation_events (conversation_id, at)
    WHERE type = 'answer-source';
  CREATE INDEX analytics_turn_ends ON conversation_events (conversation_id, (${DELIVERED_TEXT}), at)
    WHERE type = 'turn-end';
  CREATE INDEX analytics_key_events ON conversation_events (
    conversation_id, sequence, type, at, (${KEY_FIELD_1}), (${KEY_FIELD_2}), (${KEY_FIELD_3}), (${KEY_FIELD_4})
  ) WHERE type IN ${KEY_EVENT_TYPE_LIST};
  CREATE INDEX analytics_turn_starts ON conversation_events (conversation_id, (${TURN_ID}))
    WHERE type = 'turn-start';

  CREATE TABLE phrasing_proposals (
    proposal_id INTEGER PRIMARY KEY AUTOINCREMENT,
    kb_id TEXT NOT NULL,
    entry_id TEXT NOT NULL,
    question TEXT NOT NULL,
    -- questionKey(question): spelling variants of one wording are one proposal.
    question_key TEXT NOT NULL,
    locale TEXT,
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    -- How many times agents answered this wording with this entry.
    seen INTEGER NOT NULL DEFAULT 1 CHECK (seen >= 1),
    first_conversation_id TEXT NOT NULL,
    last_conversation_id TEXT NOT NULL,
    agent_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    decided_by TEXT,
    decided_at TEXT,
    version_id INTEGER,
    UNIQUE (kb_id, entry_id, question_key)
  ) STRICT;
  CREATE INDEX phrasing_proposals_by_status ON phrasing_proposals (kb_id, status, seen DESC, proposal_id);

  -- How far a background scan of conversation_events has read (event_id).
  CREATE TABLE analytics_watermarks (
    name TEXT PRIMARY KEY,
    event_id INTEGER NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT;
`;
