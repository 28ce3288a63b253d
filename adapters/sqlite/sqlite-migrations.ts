import type { Database } from 'better-sqlite3';
import { LivedeskError } from '../../knowledge/errors.js';
import { ANALYTICS_MIGRATION_DESCRIPTION, ANALYTICS_MIGRATION_SQL } from './analytics-schema.js';
import {
  TOOL_DEFINITION_MIGRATION_DESCRIPTION,
  TOOL_DEFINITION_MIGRATION_SQL,
} from './tool-definition-schema.js';
import { PLATFORM_KEY_MIGRATION_DESCRIPTION, PLATFORM_KEY_MIGRATION_SQL } from './platform-key-schema.js';
import { WEBHOOK_MIGRATION_DESCRIPTION, WEBHOOK_MIGRATION_SQL } from './webhook-schema.js';
import {
  WEBHOOK_RETENTION_MIGRATION_DESCRIPTION,
  WEBHOOK_RETENTION_MIGRATION_SQL,
} from './webhook-retention-schema.js';
import { DISPUTE_MIGRATION_DESCRIPTION, DISPUTE_MIGRATION_SQL } from './dispute-schema.js';
import {
  CONVERSATION_PRIVACY_MIGRATION_DESCRIPTION,
  CONVERSATION_PRIVACY_MIGRATION_SQL,
  VIEWER_REPORT_MIGRATION_DESCRIPTION,
  VIEWER_REPORT_MIGRATION_SQL,
} from './conversation-privacy-schema.js';
import { ROOM_ALERT_MIGRATION_DESCRIPTION, ROOM_ALERT_MIGRATION_SQL } from './room-alert-schema.js';
import { MEDIA_MIGRATION_DESCRIPTION, MEDIA_MIGRATION_SQL } from './media-schema.js';

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
  {
    version: 3,
    description: 'staff accounts: agents, supervisors, editors and admins with scrypt password hashes',
    sql: `
      CREATE TABLE staff_users (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL UNIQUE,
        display_name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('agent', 'supervisor', 'editor', 'admin')),
        password_hash TEXT NOT NULL,
        password_changed_at TEXT NOT NULL,
        skills TEXT NOT NULL CHECK (json_valid(skills)),
        teams TEXT NOT NULL CHECK (json_valid(teams)),
        capacity INTEGER NOT NULL CHECK (capacity >= 0),
        disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 4,
    description: 'tickets with their change history, quick replies, auto-reply rules, demo seed marks',
    sql: `
      CREATE TABLE tickets (
        ticket_id TEXT PRIMARY KEY,
        version INTEGER NOT NULL CHECK (version >= 1),
        status TEXT NOT NULL CHECK (status IN ('open', 'pending', 'resolved', 'closed')),
        department TEXT NOT NULL,
        priority TEXT NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
        assignee_id TEXT,
        conversation_id TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        body TEXT NOT NULL CHECK (json_valid(body))
      ) STRICT;
      CREATE INDEX tickets_by_created ON tickets (created_at DESC, ticket_id DESC);
      CREATE INDEX tickets_by_status ON tickets (status, created_at DESC);
      CREATE INDEX tickets_by_assignee ON tickets (assignee_id, created_at DESC);
      -- A conversation has at most one ticket that is not closed: a double click makes no twin.
      CREATE UNIQUE INDEX tickets_unclosed_by_conversation ON tickets (conversation_id)
        WHERE conversation_id IS NOT NULL AND status <> 'closed';
      CREATE INDEX tickets_by_conversation ON tickets (conversation_id);

      CREATE TABLE ticket_history (
        history_id INTEGER PRIMARY KEY AUTOINCREMENT,
        ticket_id TEXT NOT NULL REFERENCES tickets (ticket_id),
        at TEXT NOT NULL,
        body TEXT NOT NULL CHECK (json_valid(body))
      ) STRICT;
      CREATE INDEX ticket_history_by_ticket ON ticket_history (ticket_id, history_id);

      CREATE TABLE quick_replies (
        quick_reply_id TEXT PRIMARY KEY,
        shortcut TEXT NOT NULL,
        locale TEXT NOT NULL,
        team TEXT,
        updated_at TEXT NOT NULL,
        body TEXT NOT NULL CHECK (json_valid(body))
      ) STRICT;
      -- NULL (every team) would never collide in a plain unique index, so it is compared as ''.
      CREATE UNIQUE INDEX quick_replies_by_shortcut ON quick_replies (shortcut, locale, ifnull(team, ''));

      CREATE TABLE auto_reply_rules (
        rule_id TEXT PRIMARY KEY,
        position INTEGER NOT NULL,
        updated_at TEXT NOT NULL,
        body TEXT NOT NULL CHECK (json_valid(body))
      ) STRICT;

      -- Demo content seeded once: what staff delete later stays deleted.
      CREATE TABLE demo_seeds (
        name TEXT PRIMARY KEY,
        at TEXT NOT NULL
      ) STRICT;
    `,
  },
  { version: 5, description: ANALYTICS_MIGRATION_DESCRIPTION, sql: ANALYTICS_MIGRATION_SQL },
  {
    version: 6,
    description: 'ticket departments with response times per priority; how often each quick reply is used',
    sql: `
      CREATE TABLE ticket_departments (
        department_id TEXT PRIMARY KEY,
        position INTEGER NOT NULL,
        is_default INTEGER NOT NULL CHECK (is_default IN (0, 1)),
        updated_at TEXT NOT NULL,
        body TEXT NOT NULL CHECK (json_valid(body))
      ) STRICT;
      -- Exactly one default is kept by the store; two would make "where does a ticket go" ambiguous.
      CREATE UNIQUE INDEX ticket_departments_one_default ON ticket_departments (is_default) WHERE is_default = 1;

      CREATE TABLE quick_reply_uses (
        quick_reply_id TEXT PRIMARY KEY,
        uses INTEGER NOT NULL CHECK (uses >= 0),
        last_used_at TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 7,
    description:
      'the learning loop for escalation: desk labels and agents’ marks, signal model versions and the active one',
    sql: `
      -- An AI escalation that reached an agent: the masked viewer text and the signals that fired.
      CREATE TABLE signal_desk_labels (
        conversation_id TEXT NOT NULL,
        turn_id TEXT NOT NULL,
        text TEXT NOT NULL,
        signals TEXT NOT NULL CHECK (json_valid(signals)),
        reached_agent_id TEXT NOT NULL,
        reached_at TEXT NOT NULL,
        PRIMARY KEY (conversation_id, turn_id)
      ) STRICT;
      CREATE INDEX signal_desk_labels_by_time ON signal_desk_labels (reached_at);

      -- "Should not have been escalated": one mark per conversation and agent, on one of its labels.
      CREATE TABLE signal_label_marks (
        conversation_id TEXT NOT NULL,
        agent_id TEXT NOT NULL,
        turn_id TEXT NOT NULL,
        note TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (conversation_id, agent_id),
        FOREIGN KEY (conversation_id, turn_id) REFERENCES signal_desk_labels (conversation_id, turn_id)
      ) STRICT;

      CREATE TABLE signal_model_versions (
        version INTEGER PRIMARY KEY,
        origin TEXT NOT NULL CHECK (origin IN ('trained', 'uploaded', 'environment')),
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        digest TEXT NOT NULL,
        sources TEXT NOT NULL CHECK (json_valid(sources)),
        figures TEXT NOT NULL CHECK (json_valid(figures)),
        model TEXT NOT NULL CHECK (json_valid(model))
      ) STRICT;
      CREATE INDEX signal_model_versions_by_digest ON signal_model_versions (digest);

      -- One row once someone has chosen: the active version, or NULL for the word lists alone.
      CREATE TABLE signal_model_choice (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        version INTEGER REFERENCES signal_model_versions (version),
        chosen_by TEXT NOT NULL,
        chosen_at TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 8,
    description: 'token revocation by account version, and the audit log of staff actions',
    sql: `
      -- Bumped on every change that must end the account's sessions; staff tokens carry it (claim ver).
      ALTER TABLE staff_users ADD COLUMN token_version INTEGER NOT NULL DEFAULT 1 CHECK (token_version >= 1);

      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        -- Null for an anonymous caller (a failed sign-in names the username tried in subject).
        actor_id TEXT,
        actor_username TEXT,
        action TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('success', 'failure', 'refused')),
        subject TEXT,
        address TEXT,
        details TEXT NOT NULL CHECK (json_valid(details))
      ) STRICT;
      CREATE INDEX audit_log_by_time ON audit_log (at);
      CREATE INDEX audit_log_by_actor ON audit_log (actor_id, at);
      CREATE INDEX audit_log_by_action ON audit_log (action, at);
    `,
  },
  {
    version: 9,
    description: "operators' edits of the shipped domain packs, with their history",
    sql: `
      -- One row per edited or added term group: the whole group as the operator left it.
      CREATE TABLE domain_pack_overrides (
        kb_id TEXT NOT NULL,
        pack_id TEXT NOT NULL,
        group_id TEXT NOT NULL,
        body TEXT NOT NULL CHECK (json_valid(body)),
        updated_at TEXT NOT NULL,
        PRIMARY KEY (kb_id, pack_id, group_id)
      ) STRICT;

      -- NULL before or after: the shipped group applied (or none, for a group an operator added).
      CREATE TABLE domain_pack_override_versions (
        version_id INTEGER PRIMARY KEY AUTOINCREMENT,
        kb_id TEXT NOT NULL,
        pack_id TEXT NOT NULL,
        group_id TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('put', 'reset', 'revert')),
        actor TEXT NOT NULL,
        at TEXT NOT NULL,
        before_body TEXT CHECK (before_body IS NULL OR json_valid(before_body)),
        after_body TEXT CHECK (after_body IS NULL OR json_valid(after_body))
      ) STRICT;
      CREATE INDEX domain_pack_override_versions_by_group
        ON domain_pack_override_versions (kb_id, pack_id, group_id, version_id);
    `,
  },
  {
    version: 10,
    description: 'fewer indexes written by every conversation event: a FAQ turn no longer updates this one',
    sql: `
      -- The history queries once created it on open. Every event (five per FAQ turn) added a row to it at a
      -- random place (conversation ids are random), so each commit rewrote a page per conversation into the
      -- WAL. Its per-type reads are served by the UNIQUE (conversation_id, sequence) index and the partial
      -- per-type indexes, as in PostgreSQL, which never had it.
      DROP INDEX IF EXISTS conversation_events_by_conversation_type;
    `,
  },
  { version: 11, description: TOOL_DEFINITION_MIGRATION_DESCRIPTION, sql: TOOL_DEFINITION_MIGRATION_SQL },
  { version: 12, description: PLATFORM_KEY_MIGRATION_DESCRIPTION, sql: PLATFORM_KEY_MIGRATION_SQL },
  { version: 13, description: WEBHOOK_MIGRATION_DESCRIPTION, sql: WEBHOOK_MIGRATION_SQL },
  { version: 14, description: DISPUTE_MIGRATION_DESCRIPTION, sql: DISPUTE_MIGRATION_SQL },
  {
    version: 15,
    description: CONVERSATION_PRIVACY_MIGRATION_DESCRIPTION,
    sql: CONVERSATION_PRIVACY_MIGRATION_SQL,
  },
  { version: 16, description: ROOM_ALERT_MIGRATION_DESCRIPTION, sql: ROOM_ALERT_MIGRATION_SQL },
  { version: 17, description: WEBHOOK_RETENTION_MIGRATION_DESCRIPTION, sql: WEBHOOK_RETENTION_MIGRATION_SQL },
  { version: 18, description: MEDIA_MIGRATION_DESCRIPTION, sql: MEDIA_MIGRATION_SQL },
  { version: 19, description: VIEWER_REPORT_MIGRATION_DESCRIPTION, sql: VIEWER_REPORT_MIGRATION_SQL },
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
