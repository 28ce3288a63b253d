import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { mapSqliteError } from './map-sqlite-error.js';
import { migrateSqliteDatabase } from './sqlite-migrations.js';

export interface SqliteDatabaseOptions {
  /** How long a write waits for another connection's transaction before failing as busy. */
  busyTimeoutMs?: number | undefined;
}

/**
 * Opens (creating it and its folder when missing) the Livedesk SQLite file in WAL mode, so readers never block
 * the writer, and migrates it to the newest schema.
 */
export function createSqliteDatabase(path: string, options: SqliteDatabaseOptions = {}): Database.Database {
  if (path !== ':memory:' && path !== '') mkdirSync(dirname(path), { recursive: true });
  let database: Database.Database | undefined;
  try {
    database = new Database(path);
    database.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000))}`);
    database.pragma('journal_mode = WAL');
    database.pragma('foreign_keys = ON');
    migrateSqliteDatabase(database);
    return database;
  } catch (error) {
    database?.close();
    throw mapSqliteError(error);
  }
}
