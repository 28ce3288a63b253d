import type { PostgresMigration } from '../postgres-migration.js';

/** Conversations a supervisor marked sensitive (issue 16, part 3); columns match the SQLite table. */
export const CONVERSATION_PRIVACY_SCHEMA: PostgresMigration = {
  version: 11,
  name: 'conversation-privacy-schema',
  statements: [
    `CREATE TABLE conversation_sensitivity (
      conversation_id text COLLATE "C" PRIMARY KEY,
      marked_by text NOT NULL,
      marked_at text NOT NULL,
      note text NOT NULL
    )`,
  ],
};
