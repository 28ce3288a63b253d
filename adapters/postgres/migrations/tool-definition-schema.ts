import type { PostgresMigration } from '../postgres-migration.js';

/** The commerce tools declared in the admin (issue 15); columns match the SQLite table. */
export const TOOL_DEFINITION_SCHEMA: PostgresMigration = {
  version: 7,
  name: 'tool-definition-schema',
  statements: [
    `CREATE TABLE tool_definitions (
      name text PRIMARY KEY,
      body jsonb NOT NULL,
      updated_at timestamptz NOT NULL,
      updated_by text NOT NULL
    )`,
  ],
};
