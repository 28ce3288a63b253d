import type { PostgresMigration } from '../postgres-migration.js';

/**
 * The conversation event log and what conversation queries read. Columns match the SQLite table: `at` is the
 * ISO-8601 UTC text the engine writes (it sorts as time does), `body` the event as JSON.
 */
export const CONVERSATION_SCHEMA: PostgresMigration = {
  version: 2,
  name: 'conversation-schema',
  statements: [
    `CREATE TABLE conversation_events (
      event_id bigserial PRIMARY KEY,
      conversation_id text NOT NULL,
      sequence integer NOT NULL,
      type text NOT NULL,
      at text NOT NULL,
      body jsonb NOT NULL,
      UNIQUE (conversation_id, sequence)
    )`,
    'CREATE INDEX conversation_events_by_time ON conversation_events (at)',
    'CREATE INDEX conversation_events_by_type ON conversation_events (type, at)',
    // Cluster mode: which node runs a conversation's turns. The fencing token grows with every grant, so
    // a write carrying an older token than the row's is from a node that lost the lease and is refused.
    'CREATE SEQUENCE conversation_lease_tokens',
    `CREATE TABLE conversation_leases (
      conversation_id text PRIMARY KEY,
      node_id text NOT NULL,
      fencing_token bigint NOT NULL,
      expires_at timestamptz NOT NULL
    )`,
    'CREATE INDEX conversation_leases_by_node ON conversation_leases (node_id)',
    'CREATE INDEX conversation_leases_by_expiry ON conversation_leases (expires_at)',
    // Access paths of the event log and the history queries. Partial indexes cost a write only for the
    // rows they hold (a state change, an opening, a desk event, an agent's message), never a viewer's
    // message or a streamed answer; per-conversation reads use the UNIQUE (conversation_id, sequence) index.
    `CREATE INDEX conversation_events_state_changes ON conversation_events (conversation_id, sequence)
      WHERE type = 'state-change'`,
    `CREATE INDEX conversation_events_opened ON conversation_events (at, conversation_id)
      WHERE type = 'conversation-opened'`,
    `CREATE INDEX conversation_events_opened_by_viewer
      ON conversation_events ((body->'profile'->>'viewerId'), at, conversation_id)
      WHERE type = 'conversation-opened'`,
    `CREATE INDEX conversation_events_opened_by_room
      ON conversation_events ((body->'liveContext'->>'roomId'), at, conversation_id)
      WHERE type = 'conversation-opened'`,
    `CREATE INDEX conversation_events_desk_by_agent
      ON conversation_events ((body->'event'->>'agentId'), conversation_id) WHERE type = 'desk'`,
    `CREATE INDEX conversation_events_messages_by_agent
      ON conversation_events ((body->>'agentId'), conversation_id) WHERE type = 'agent-message'`,
  ],
};
