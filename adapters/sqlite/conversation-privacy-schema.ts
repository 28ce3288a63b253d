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

export const VIEWER_REPORT_MIGRATION_DESCRIPTION =
  'viewer reports already filed, so a repeat after a restart or on another node makes no second ticket (issue 16)';

/**
 * One row per reporter, conversation and reported user (migration 19): the report's ticket, stored before
 * the ticket is made and completed after its mark and webhook. Times are epoch ms, compared as numbers.
 */
export const VIEWER_REPORT_MIGRATION_SQL = `
  CREATE TABLE viewer_reports (
    conversation_id TEXT NOT NULL,
    reporter_viewer_id TEXT NOT NULL,
    reported_user_id TEXT NOT NULL,
    ticket_id TEXT NOT NULL,
    block_requested INTEGER NOT NULL CHECK (block_requested IN (0, 1)),
    reported_at_ms INTEGER NOT NULL,
    completed INTEGER NOT NULL CHECK (completed IN (0, 1)),
    PRIMARY KEY (conversation_id, reporter_viewer_id, reported_user_id)
  ) STRICT;
`;
