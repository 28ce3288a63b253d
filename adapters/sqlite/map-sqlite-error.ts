import Database from 'better-sqlite3';
import { LivedeskError } from '../../knowledge/errors.js';

const UNUSABLE_FILE_CODES = [
  'SQLITE_CANTOPEN',
  'SQLITE_FULL',
  'SQLITE_IOERR',
  'SQLITE_READONLY',
  'SQLITE_NOTADB',
  'SQLITE_CORRUPT',
];

/** SQLite's own messages stay in `cause`: they name tables and columns that clients have no business seeing. */
export function mapSqliteError(error: unknown): Error {
  if (!(error instanceof Database.SqliteError)) {
    return error instanceof Error
      ? error
      : new LivedeskError('internal', 'a non-error was thrown', { cause: error });
  }
  const code = error.code;
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new LivedeskError('unavailable', 'the database is busy; try again', {
      retryable: true,
      cause: error,
    });
  }
  if (code.startsWith('SQLITE_CONSTRAINT')) {
    return new LivedeskError('conflict', 'the change conflicts with stored data', { cause: error });
  }
  if (UNUSABLE_FILE_CODES.some((prefix) => code.startsWith(prefix))) {
    return new LivedeskError('unavailable', `the database file cannot be used (${code})`, { cause: error });
  }
  return new LivedeskError('internal', `the database failed (${code})`, { cause: error });
}
