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
  ],
};
