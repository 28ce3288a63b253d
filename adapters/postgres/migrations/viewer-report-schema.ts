import type { PostgresMigration } from '../postgres-migration.js';

/**
 * Viewer reports already filed (issue 16, part 3): a repeat after a restart or on another node gets the
 * first ticket back. Columns match the SQLite table (migration 19); times are epoch ms, compared as numbers.
 */
export const VIEWER_REPORT_SCHEMA: PostgresMigration = {
  version: 15,
  name: 'viewer-report-schema',
  statements: [
    `CREATE TABLE viewer_reports (
      conversation_id text COLLATE "C" NOT NULL,
      reporter_viewer_id text COLLATE "C" NOT NULL,
      reported_user_id text COLLATE "C" NOT NULL,
      ticket_id text NOT NULL,
      block_requested boolean NOT NULL,
      reported_at_ms bigint NOT NULL,
      completed boolean NOT NULL,
      PRIMARY KEY (conversation_id, reporter_viewer_id, reported_user_id)
    )`,
  ],
};
