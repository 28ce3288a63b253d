import { LivedeskError } from '../../knowledge/errors.js';

/** SQLSTATE classes that mean the server or the connection is gone, not that the statement was wrong. */
const UNAVAILABLE_CLASSES = ['08', '53', '57'];
const UNAVAILABLE_NODE_CODES = ['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN'];

/**
 * PostgreSQL's own messages stay in `cause`: they name tables and columns that clients have no business seeing.
 * Unique and exclusion violations are `conflict`; a lost or refused connection, a server shutting down or out
 * of resources is `unavailable` and retryable; serialization failures and deadlocks are `unavailable` too,
 * because the same call may succeed when tried again.
 */
export function mapPostgresError(error: unknown): Error {
  if (error instanceof LivedeskError) return error;
  if (!(error instanceof Error)) {
    return new LivedeskError('internal', 'a non-error was thrown', { cause: error });
  }
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') {
    if (/timeout|terminated|Connection|connect/i.test(error.message)) {
      return new LivedeskError('unavailable', 'the database cannot be reached; try again', {
        retryable: true,
        cause: error,
      });
    }
    return error;
  }
  if (
    UNAVAILABLE_NODE_CODES.includes(code) ||
    UNAVAILABLE_CLASSES.some((prefix) => code.startsWith(prefix))
  ) {
    return new LivedeskError('unavailable', 'the database cannot be reached; try again', {
      retryable: true,
      cause: error,
    });
  }
  if (code === '40001' || code === '40P01' || code === '55P03') {
    return new LivedeskError('unavailable', 'the database is busy; try again', {
      retryable: true,
      cause: error,
    });
  }
  if (code === '23505' || code === '23P01' || code === '23503') {
    return new LivedeskError('conflict', 'the change conflicts with stored data', { cause: error });
  }
  if (code === '57014') {
    return new LivedeskError('timeout', 'the database took too long', { retryable: true, cause: error });
  }
  return new LivedeskError('internal', `the database failed (${code})`, { cause: error });
}
