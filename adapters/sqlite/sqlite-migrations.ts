import type { Database } from 'better-sqlite3';
import { LivedeskError } from '../../knowledge/errors.js';

export interface SqliteMigration {
  /** Becomes the file's `PRAGMA user_version` once applied; migrations run in order, each exactly once. */
  version: number;
  description: string;
  sql: string;
}

/**
 * Every table of the Livedesk SQLite file, as a history. Never edit an applied migration: append a new one,
 * so existing files upgrade in place. Adapters sharing the file (desk, conversations) append theirs here.
 */
export const SQLITE_MIGRATIONS: readonly SqliteMigration[] = [
  {
    version: 1,
    description:
      'knowledge entries, entry versions, synonyms and synonym versions, several knowledge bases per file',
    sql: `
      CREATE TABLE knowledge_entries (
        kb_id TEXT NOT NULL,
        entry_id TEXT NOT NULL,
        body TEXT NOT NULL CHECK (json_valid(body)),
        updated_at TEXT NOT NULL,
        PRIMARY KEY (kb_id, entry_id)
      ) STRICT;

      CREATE TABLE knowledge_entry_versions (
        version_id INTEGER PRIMARY KEY AUTOINCREMENT,
        kb_id TEXT NOT NULL,
        entry_id TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'revert')),
        actor TEXT NOT NULL,
        at TEXT NOT NULL,
        before_body TEXT CHECK (before_body IS NULL OR json_valid(before_body)),
        after_body TEXT CHECK (after_body IS NULL OR json_valid(after_body))
      ) STRICT;
      CREATE INDEX knowledge_entry_versions_by_kb ON knowledge_entry_versions (kb_id, version_id);
      CREATE INDEX knowledge_entry_versions_by_entry ON knowledge_entry_versions (kb_id, entry_id, version_id);

      CREATE TABLE knowledge_synonyms (
        kb_id TEXT NOT NULL,
        term TEXT NOT NULL,
        locale TEXT,
        canonical TEXT NOT NULL
      ) STRICT;
      -- NULL (every language) would never collide in a plain unique index, so it is compared as ''.
      CREATE UNIQUE INDEX knowledge_synonyms_by_term ON knowledge_synonyms (kb_id, term, ifnull(locale, ''));

      CREATE TABLE knowledge_synonym_versions (
        version_id INTEGER PRIMARY KEY AUTOINCREMENT,
        kb_id TEXT NOT NULL,
        term TEXT NOT NULL,
        locale TEXT,
        action TEXT NOT NULL CHECK (action IN ('put', 'delete')),
        actor TEXT NOT NULL,
        at TEXT NOT NULL,
        before_canonical TEXT,
        after_canonical TEXT
      ) STRICT;
      CREATE INDEX knowledge_synonym_versions_by_kb ON knowledge_synonym_versions (kb_id, version_id);
    `,
  },
  {
    version: 2,
    description:
      'conversation events: every transition, turn, handoff and message, in order per conversation',
    sql: `
      CREATE TABLE conversation_events (
        event_id INTEGER PRIMARY KEY AUTOINCREMENT,
        conversation_id TEXT NOT NULL,
        sequence INTEGER NOT NULL,
        type TEXT NOT NULL,
        at TEXT NOT NULL,
        body TEXT NOT NULL CHECK (json_valid(body)),
        UNIQUE (conversation_id, sequence)
      ) STRICT;
      CREATE INDEX conversation_events_by_time ON conversation_events (at);
      CREATE INDEX conversation_events_by_type ON conversation_events (type, at);
    `,
  },
];

/**
 * Brings the file up to the newest schema in one immediate transaction, so two processes opening the same new
 * file cannot both apply a migration. A file written by a newer Livedesk is refused rather than misread.
 */
export function migrateSqliteDatabase(
  database: Database,
  migrations: readonly SqliteMigration[] = SQLITE_MIGRATIONS,
): number {
  const latest = migrations.at(-1)?.version ?? 0;
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1)
      throw new Error(`migration ${index + 1} is numbered ${migration.version}`);
  });
  const migrate = database.transaction(() => {
    const current = readUserVersion(database);
    if (current > latest) {
      throw new LivedeskError(
        'unavailable',
        `the database file has schema version ${current}, newer than this Livedesk understands (${latest}); upgrade Livedesk`,
      );
    }
    for (const migration of migrations.slice(current)) {
      database.exec(migration.sql);
      database.pragma(`user_version = ${migration.version}`);
    }
    return latest;
  });
  return migrate.immediate();
}

export function readUserVersion(database: Database): number {
  const version = database.pragma('user_version', { simple: true });
  if (typeof version !== 'number')
    throw new LivedeskError('internal', 'PRAGMA user_version did not return a number');
  return version;
}
