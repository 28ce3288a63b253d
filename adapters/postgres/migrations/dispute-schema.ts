import type { PostgresMigration } from '../postgres-migration.js';

/** Submitted dispute forms (issue 16); columns match the SQLite table. */
export const DISPUTE_SCHEMA: PostgresMigration = {
  version: 10,
  name: 'dispute-schema',
  statements: [
    `CREATE TABLE disputes (
      dispute_id text COLLATE "C" PRIMARY KEY,
      conversation_id text COLLATE "C" NOT NULL,
      viewer_id text NOT NULL,
      form_id text COLLATE "C" NOT NULL UNIQUE,
      client_id text NOT NULL,
      kind text NOT NULL,
      currency text NOT NULL,
      facts jsonb NOT NULL,
      decision jsonb NOT NULL,
      ticket_id text COLLATE "C",
      status text NOT NULL,
      created_at text NOT NULL,
      updated_at text NOT NULL
    )`,
    'CREATE INDEX disputes_by_conversation ON disputes (conversation_id, created_at)',
    'CREATE INDEX disputes_by_ticket ON disputes (ticket_id) WHERE ticket_id IS NOT NULL',
  ],
};
