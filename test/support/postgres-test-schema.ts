import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPostgresPool } from '../../adapters/postgres/open-postgres-pool.js';

/** The PostgreSQL the tests use: the machine's own (CI starts it), or LIVEDESK_TEST_DATABASE_URL. */
export const TEST_POSTGRES_URL =
  process.env.LIVEDESK_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface PostgresTestSchema {
  /** A schema of its own, migrated: tests in parallel never see each other's rows. */
  schema: string;
  /** A URL whose connections use that schema (what LIVEDESK_DATABASE_URL would be). */
  url: string;
  /** A pool on that schema. */
  pool: pg.Pool;
  /** Ends the pool and drops the schema with everything in it. */
  cleanup(): Promise<void>;
}

/** The URL with `search_path` set to `schema`, through libpq's `options` parameter. */
export function urlWithSchema(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('options', `-c search_path=${schema}`);
  return parsed.toString();
}

/** Creates a fresh, migrated schema for one test (or one file's tests). */
export async function createPostgresTestSchema(
  options: { migrate?: boolean } = {},
): Promise<PostgresTestSchema> {
  const schema = `livedesk_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await admin.end();
  }
  const url = urlWithSchema(TEST_POSTGRES_URL, schema);
  const pool = await openPostgresPool({ url, maxConnections: 4, migrate: options.migrate ?? true });
  return {
    schema,
    url,
    pool,
    async cleanup() {
      await pool.end().catch(() => undefined);
      const dropper = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await dropper.connect();
      try {
        await dropper.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await dropper.end();
      }
    },
  };
}
