export const CONVERSATION_PRIVACY_MIGRATION_DESCRIPTION =
  'conversations a supervisor marked sensitive (issue 16, part 3)';

/** One row per sensitive conversation (migration 15). */
export const CONVERSATION_PRIVACY_MIGRATION_SQL = `
  CREATE TABLE conversation_sensitivity (
    conversation_id TEXT PRIMARY KEY,
    marked_by TEXT NOT NULL,
    marked_at TEXT NOT NULL,
    note TEXT NOT NULL
  ) STRICT;
`;
