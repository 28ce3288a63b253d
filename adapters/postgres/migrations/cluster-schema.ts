import type { PostgresMigration } from '../postgres-migration.js';

/**
 * Cluster mode's node heartbeats (the leases themselves are in migration 2). `last_seen` is the database's
 * clock, so nodes whose clocks disagree still agree on who is alive.
 */
export const CLUSTER_SCHEMA: PostgresMigration = {
  version: 6,
  name: 'cluster-schema',
  statements: [
    `CREATE TABLE cluster_nodes (
      node_id text PRIMARY KEY,
      url text,
      started_at timestamptz NOT NULL DEFAULT now(),
      last_seen timestamptz NOT NULL
    )`,
  ],
};
