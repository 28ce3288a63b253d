export const ROOM_ALERT_MIGRATION_DESCRIPTION =
  'room alerts (danmaku watch) with their evidence and outcomes; the moderator staff role';

/**
 * One row per room alert, its whole state in `body` (evidence, outcomes) and the columns lists filter on.
 * `staff_users` is rebuilt because SQLite cannot change a CHECK constraint: the role list gains `moderator`.
 */
export const ROOM_ALERT_MIGRATION_SQL = `
  CREATE TABLE room_alerts (
    alert_id TEXT PRIMARY KEY,
    platform_id TEXT NOT NULL,
    room_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    severity TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'acknowledged')),
    first_seen_ms INTEGER NOT NULL,
    last_seen_ms INTEGER NOT NULL,
    body TEXT NOT NULL CHECK (json_valid(body))
  ) STRICT;
  CREATE INDEX room_alerts_by_room ON room_alerts (platform_id, room_id, last_seen_ms);
  CREATE INDEX room_alerts_by_status ON room_alerts (status, last_seen_ms);
  CREATE INDEX room_alerts_by_first_seen ON room_alerts (first_seen_ms);

  CREATE TABLE staff_users_with_moderators (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('agent', 'supervisor', 'editor', 'admin', 'moderator')),
    password_hash TEXT NOT NULL,
    password_changed_at TEXT NOT NULL,
    skills TEXT NOT NULL CHECK (json_valid(skills)),
    teams TEXT NOT NULL CHECK (json_valid(teams)),
    capacity INTEGER NOT NULL CHECK (capacity >= 0),
    disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    token_version INTEGER NOT NULL DEFAULT 1 CHECK (token_version >= 1)
  ) STRICT;
  INSERT INTO staff_users_with_moderators (id, username, display_name, role, password_hash, password_changed_at,
    skills, teams, capacity, disabled, created_at, updated_at, token_version)
  SELECT id, username, display_name, role, password_hash, password_changed_at, skills, teams, capacity, disabled,
    created_at, updated_at, token_version FROM staff_users;
  DROP TABLE staff_users;
  ALTER TABLE staff_users_with_moderators RENAME TO staff_users;
`;
