import type { Pool, PoolClient } from 'pg';
import { LivedeskError } from '../../knowledge/errors.js';
import { mapPostgresError } from './map-postgres-error.js';
import type { PostgresMigration } from './postgres-migration.js';
import { ACCOUNT_SCHEMA } from './migrations/account-schema.js';
import { ANALYTICS_SCHEMA } from './migrations/analytics-schema.js';
import { CLUSTER_SCHEMA } from './migrations/cluster-schema.js';
import { CONVERSATION_SCHEMA } from './migrations/conversation-schema.js';
import { DESK_CONTENT_SCHEMA } from './migrations/desk-content-schema.js';
import { KNOWLEDGE_SCHEMA } from './migrations/knowledge-schema.js';
import { TOOL_DEFINITION_SCHEMA } from './migrations/tool-definition-schema.js';
import { PLATFORM_KEY_SCHEMA } from './migrations/platform-key-schema.js';
import { WEBHOOK_SCHEMA } from './migrations/webhook-schema.js';
import { WEBHOOK_RETENTION_SCHEMA } from './migrations/webhook-retention-schema.js';
import { DISPUTE_SCHEMA } from './migrations/dispute-schema.js';
import { CONVERSATION_PRIVACY_SCHEMA } from './migrations/conversation-privacy-schema.js';
import { ROOM_ALERT_SCHEMA } from './migrations/room-alert-schema.js';
import { MEDIA_SCHEMA } from './migrations/media-schema.js';
import { VIEWER_REPORT_SCHEMA } from './migrations/viewer-report-schema.js';

/** Every migration, oldest first. A new one gets the next version; a released one is never edited. */
export const POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [
  KNOWLEDGE_SCHEMA,
  CONVERSATION_SCHEMA,
  DESK_CONTENT_SCHEMA,
  ACCOUNT_SCHEMA,
  ANALYTICS_SCHEMA,
  CLUSTER_SCHEMA,
  TOOL_DEFINITION_SCHEMA,
  PLATFORM_KEY_SCHEMA,
  WEBHOOK_SCHEMA,
  DISPUTE_SCHEMA,
  CONVERSATION_PRIVACY_SCHEMA,
  ROOM_ALERT_SCHEMA,
  WEBHOOK_RETENTION_SCHEMA,
  MEDIA_SCHEMA,
  VIEWER_REPORT_SCHEMA,
];

/** Any constant both sides agree on: the key of the advisory lock that lets one node migrate at a time. */
const MIGRATION_LOCK_KEY = 0x11ed_e5c0;

/**
 * Brings the schema on `search_path` up to the newest migration. Nodes starting together take turns through
 * an advisory lock, so each migration runs once; each runs in its own transaction with its version row, so a
 * failed one leaves the schema at the previous version. A schema newer than this code refuses start.
 */
export async function migratePostgresDatabase(
  pool: Pool,
  migrations: readonly PostgresMigration[] = POSTGRES_MIGRATIONS,
): Promise<number> {
  let client: PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw mapPostgresError(error);
  }
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS livedesk_schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
      const applied = await client.query<{ version: number }>(
        'SELECT version FROM livedesk_schema_migrations ORDER BY version',
      );
      const done = new Set(applied.rows.map((row) => row.version));
      const newest = Math.max(0, ...migrations.map((migration) => migration.version));
      const ahead = [...done].filter((version) => version > newest);
      if (ahead.length > 0) {
        throw new LivedeskError(
          'unavailable',
          `the PostgreSQL schema is at version ${Math.max(...ahead)}, newer than this Livedesk (${newest}); upgrade Livedesk`,
        );
      }
      for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
        if (done.has(migration.version)) continue;
        await client.query('BEGIN');
        try {
          for (const statement of migration.statements) await client.query(statement);
          await client.query('INSERT INTO livedesk_schema_migrations (version, name) VALUES ($1, $2)', [
            migration.version,
            migration.name,
          ]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
      }
      return newest;
    } finally {
      // The lock also ends with the session; a failed unlock must not hide the error that got us here.
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    }
  } catch (error) {
    throw mapPostgresError(error);
  } finally {
    client.release();
  }
}
