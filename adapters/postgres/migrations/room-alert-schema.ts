import type { PostgresMigration } from '../postgres-migration.js';

/** Room alerts (danmaku watch) and the moderator role; columns match the SQLite table. */
export const ROOM_ALERT_SCHEMA: PostgresMigration = {
  version: 12,
  name: 'room-alert-schema',
  statements: [
    `CREATE TABLE room_alerts (
      alert_id text PRIMARY KEY,
      platform_id text NOT NULL,
      room_id text NOT NULL,
      kind text NOT NULL,
      severity text NOT NULL,
      status text NOT NULL CHECK (status IN ('open', 'acknowledged')),
      first_seen_ms bigint NOT NULL,
      last_seen_ms bigint NOT NULL,
      body jsonb NOT NULL
    )`,
    'CREATE INDEX room_alerts_by_room ON room_alerts (platform_id, room_id, last_seen_ms)',
    'CREATE INDEX room_alerts_by_status ON room_alerts (status, last_seen_ms)',
    'CREATE INDEX room_alerts_by_first_seen ON room_alerts (first_seen_ms)',
    'ALTER TABLE staff_users DROP CONSTRAINT staff_users_role_check',
    `ALTER TABLE staff_users ADD CONSTRAINT staff_users_role_check
      CHECK (role IN ('agent', 'supervisor', 'editor', 'admin', 'moderator'))`,
  ],
};
