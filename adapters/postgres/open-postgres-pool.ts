import pg from 'pg';
import { LivedeskError } from '../../knowledge/errors.js';
import { mapPostgresError } from './map-postgres-error.js';
import { migratePostgresDatabase } from './postgres-migrations.js';

export interface PostgresPoolOptions {
  /** `postgres://user:password@host:port/database`; `?options=-c search_path=…` picks a schema. */
  url: string;
  /** Connections this pool may hold. Default 10. */
  maxConnections?: number | undefined;
  /** Shown in `pg_stat_activity`, so an operator can tell live traffic from analytics. */
  applicationName?: string | undefined;
  /** How long to wait for a connection (new or from the pool) before failing as unavailable. Default 5 s. */
  connectTimeoutMs?: number | undefined;
  /** The server cancels a statement running longer than this. Default 30 s. */
  statementTimeoutMs?: number | undefined;
  /** Bring the schema up to date (once per process is enough). Default true. */
  migrate?: boolean | undefined;
  /** An idle connection broke (the server restarted, the network dropped); the pool replaces it. */
  onIdleError?: ((error: Error) => void) | undefined;
}

/** What an operator may see of the URL: host, port and database, never the password. */
export function describePostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return 'an unparsable URL';
  }
}

/**
 * Opens a pool, proves the server answers, and migrates the schema. Fails start-up with one line for the
 * operator: a URL that is not `postgres://`, a server that cannot be reached, credentials it refuses.
 */
export async function openPostgresPool(options: PostgresPoolOptions): Promise<pg.Pool> {
  let parsed: URL;
  try {
    parsed = new URL(options.url);
  } catch {
    throw new LivedeskError(
      'invalid_input',
      'LIVEDESK_DATABASE_URL is not a URL (postgres://user@host:5432/db)',
    );
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new LivedeskError(
      'invalid_input',
      `LIVEDESK_DATABASE_URL must start with postgres:// (got ${parsed.protocol}//)`,
    );
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    application_name: options.applicationName ?? 'livedesk',
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    statement_timeout: options.statementTimeoutMs ?? 30_000,
    idleTimeoutMillis: 30_000,
  });
  // Without a listener an idle connection's error would end the process.
  pool.on('error', (error) => options.onIdleError?.(error));
  try {
    await pool.query('SELECT 1');
    if (options.migrate ?? true) await migratePostgresDatabase(pool);
    return pool;
  } catch (error) {
    await pool.end().catch(() => undefined);
    const mapped = mapPostgresError(error);
    const reason = (error as { code?: string }).code ?? (error instanceof Error ? error.message : 'unknown');
    if (mapped instanceof LivedeskError && mapped.code === 'unavailable') {
      throw new LivedeskError(
        'unavailable',
        `cannot reach PostgreSQL at ${describePostgresUrl(options.url)} (${reason}); check LIVEDESK_DATABASE_URL and that the server runs`,
        { cause: error },
      );
    }
    throw new LivedeskError(
      'unavailable',
      `PostgreSQL at ${describePostgresUrl(options.url)} refused Livedesk (${reason}): ${mapped.message}`,
      { cause: error },
    );
  }
}
