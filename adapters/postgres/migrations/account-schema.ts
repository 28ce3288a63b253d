import type { PostgresMigration } from '../postgres-migration.js';

/** The channel on which every change to `staff_users` is announced, whoever made it. */
export const STAFF_USERS_CHANNEL = 'livedesk_staff_users';

/**
 * Staff accounts, the audit log, desk labels and signal model versions. Columns match the SQLite tables; times
 * are the ISO-8601 UTC text the code writes (it sorts as time does). Keys that lists are ordered by use the
 * "C" collation, so PostgreSQL sorts them byte by byte as SQLite does, whatever the database's locale.
 */
export const ACCOUNT_SCHEMA: PostgresMigration = {
  version: 4,
  name: 'account-schema',
  statements: [
    `CREATE TABLE staff_users (
      id text PRIMARY KEY,
      username text COLLATE "C" NOT NULL UNIQUE,
      display_name text NOT NULL,
      role text NOT NULL CHECK (role IN ('agent', 'supervisor', 'editor', 'admin')),
      password_hash text NOT NULL,
      password_changed_at text NOT NULL,
      skills jsonb NOT NULL CHECK (jsonb_typeof(skills) = 'array'),
      teams jsonb NOT NULL CHECK (jsonb_typeof(teams) = 'array'),
      capacity integer NOT NULL CHECK (capacity >= 0),
      disabled boolean NOT NULL DEFAULT false,
      created_at text NOT NULL,
      updated_at text NOT NULL,
      token_version integer NOT NULL DEFAULT 1 CHECK (token_version >= 1)
    )`,
    // Every node caches the accounts (tokens are checked on every frame). A trigger, not the adapter, sends
    // the notice, so an account disabled by any writer (another node, an operator in psql) reaches every
    // cache; NOTIFY is delivered on commit only. The schema is in the payload because channels are per
    // database and several deployments (or tests) may share one.
    `CREATE FUNCTION livedesk_notify_staff_user_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('${STAFF_USERS_CHANNEL}',
        json_build_object('schema', TG_TABLE_SCHEMA, 'id', COALESCE(NEW.id, OLD.id))::text);
      RETURN NULL;
    END
    $$`,
    `CREATE TRIGGER staff_users_notify AFTER INSERT OR UPDATE OR DELETE ON staff_users
      FOR EACH ROW EXECUTE FUNCTION livedesk_notify_staff_user_change()`,

    `CREATE TABLE audit_log (
      id bigserial PRIMARY KEY,
      at text COLLATE "C" NOT NULL,
      actor_id text,
      actor_username text,
      action text NOT NULL,
      outcome text NOT NULL CHECK (outcome IN ('success', 'failure', 'refused')),
      subject text,
      address text,
      details jsonb NOT NULL
    )`,
    'CREATE INDEX audit_log_by_time ON audit_log (at)',
    'CREATE INDEX audit_log_by_actor ON audit_log (actor_id, at)',
    'CREATE INDEX audit_log_by_action ON audit_log (action, at)',

    // `recorded` stands in for SQLite's rowid: which of two labels reached an agent at the same instant came last.
    `CREATE TABLE signal_desk_labels (
      conversation_id text COLLATE "C" NOT NULL,
      turn_id text COLLATE "C" NOT NULL,
      text text NOT NULL,
      signals jsonb NOT NULL CHECK (jsonb_typeof(signals) = 'array'),
      reached_agent_id text NOT NULL,
      reached_at text COLLATE "C" NOT NULL,
      recorded bigserial NOT NULL,
      PRIMARY KEY (conversation_id, turn_id)
    )`,
    'CREATE INDEX signal_desk_labels_by_time ON signal_desk_labels (reached_at)',
    `CREATE TABLE signal_label_marks (
      conversation_id text COLLATE "C" NOT NULL,
      agent_id text COLLATE "C" NOT NULL,
      turn_id text COLLATE "C" NOT NULL,
      note text NOT NULL,
      at text COLLATE "C" NOT NULL,
      PRIMARY KEY (conversation_id, agent_id),
      FOREIGN KEY (conversation_id, turn_id) REFERENCES signal_desk_labels (conversation_id, turn_id)
    )`,
    'CREATE INDEX signal_label_marks_by_label ON signal_label_marks (conversation_id, turn_id)',

    // `figures` is json, not jsonb, so the classifiers list in the model's order; `model` is text, returned
    // exactly as stored.
    `CREATE TABLE signal_model_versions (
      version integer PRIMARY KEY CHECK (version >= 1),
      origin text NOT NULL CHECK (origin IN ('trained', 'uploaded', 'environment')),
      created_by text NOT NULL,
      created_at text NOT NULL,
      digest text NOT NULL,
      sources jsonb NOT NULL,
      figures json NOT NULL,
      model text NOT NULL
    )`,
    'CREATE INDEX signal_model_versions_by_digest ON signal_model_versions (digest)',
    `CREATE TABLE signal_model_choice (
      id integer PRIMARY KEY CHECK (id = 1),
      version integer REFERENCES signal_model_versions (version),
      chosen_by text NOT NULL,
      chosen_at text NOT NULL
    )`,
  ],
};
