import type { PostgresMigration } from '../postgres-migration.js';

/**
 * Tickets with their history, ticket departments, quick replies with their use counts, auto-reply rules and
 * the demo seed marks. As in SQLite, `body` is the record as JSON and the source of truth; the other columns
 * are copies the filters, orderings and constraints need. Times are the engine's ISO-8601 UTC text. Columns
 * that order rows are `COLLATE "C"` so lists come out in the same (byte) order as on SQLite whatever the
 * database's locale.
 */
export const DESK_CONTENT_SCHEMA: PostgresMigration = {
  version: 3,
  name: 'desk-content-schema',
  statements: [
    `CREATE TABLE tickets (
      ticket_id text COLLATE "C" PRIMARY KEY,
      version integer NOT NULL CHECK (version >= 1),
      status text NOT NULL CHECK (status IN ('open', 'pending', 'resolved', 'closed')),
      department text NOT NULL,
      priority text NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
      assignee_id text,
      conversation_id text,
      created_at text COLLATE "C" NOT NULL,
      updated_at text NOT NULL,
      body jsonb NOT NULL
    )`,
    'CREATE INDEX tickets_by_created ON tickets (created_at DESC, ticket_id DESC)',
    'CREATE INDEX tickets_by_status ON tickets (status, created_at DESC)',
    'CREATE INDEX tickets_by_assignee ON tickets (assignee_id, created_at DESC)',
    // A conversation has at most one ticket that is not closed, checked by the index so that two nodes
    // making a ticket for the same conversation at once cannot both succeed.
    `CREATE UNIQUE INDEX tickets_unclosed_by_conversation ON tickets (conversation_id)
      WHERE conversation_id IS NOT NULL AND status <> 'closed'`,
    'CREATE INDEX tickets_by_conversation ON tickets (conversation_id)',
    `CREATE TABLE ticket_history (
      history_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      ticket_id text NOT NULL REFERENCES tickets (ticket_id),
      at text NOT NULL,
      body jsonb NOT NULL
    )`,
    'CREATE INDEX ticket_history_by_ticket ON ticket_history (ticket_id, history_id)',

    `CREATE TABLE ticket_departments (
      department_id text COLLATE "C" PRIMARY KEY,
      position integer NOT NULL,
      is_default boolean NOT NULL,
      updated_at text NOT NULL,
      body jsonb NOT NULL
    )`,
    // Two defaults would make "where does a ticket go" ambiguous; the store moves the default in one write.
    'CREATE UNIQUE INDEX ticket_departments_one_default ON ticket_departments (is_default) WHERE is_default',

    `CREATE TABLE quick_replies (
      quick_reply_id text COLLATE "C" PRIMARY KEY,
      shortcut text COLLATE "C" NOT NULL,
      locale text COLLATE "C" NOT NULL,
      team text,
      updated_at text NOT NULL,
      body jsonb NOT NULL
    )`,
    // NULL (every team) would never collide in a plain unique index, so it is compared as ''.
    `CREATE UNIQUE INDEX quick_replies_by_shortcut ON quick_replies (shortcut, locale, coalesce(team, ''))`,
    // The count goes with its reply: a use recorded while the reply is being removed cannot outlive it.
    `CREATE TABLE quick_reply_uses (
      quick_reply_id text PRIMARY KEY REFERENCES quick_replies (quick_reply_id) ON DELETE CASCADE,
      uses integer NOT NULL CHECK (uses >= 0),
      last_used_at text NOT NULL
    )`,

    // A sequence rather than max(position) + 1, so rules first written on two nodes at once get two places.
    `CREATE TABLE auto_reply_rules (
      rule_id text COLLATE "C" PRIMARY KEY,
      position bigint GENERATED ALWAYS AS IDENTITY,
      updated_at text NOT NULL,
      body jsonb NOT NULL
    )`,

    // Demo content seeded once in the database's life: what staff delete later stays deleted.
    `CREATE TABLE demo_seeds (
      name text PRIMARY KEY,
      at text NOT NULL
    )`,
  ],
};
