import { LivedeskError } from '../../knowledge/errors.js';

/**
 * Redis's own messages stay in `cause`. A connection that is down, refused or closed (ioredis refuses a
 * command at once rather than queueing it) is `unavailable` and retryable; anything else is `internal`.
 */
export function mapRedisError(error: unknown): Error {
  if (error instanceof LivedeskError) return error;
  if (!(error instanceof Error))
    return new LivedeskError('internal', 'a non-error was thrown', { cause: error });
  const code = (error as { code?: unknown }).code;
  const connectionLost =
    (typeof code === 'string' && /^E[A-Z]+$/.test(code)) ||
    /Connection is closed|Stream isn't writeable|enableOfflineQueue|MaxRetriesPerRequest|LOADING|connect/i.test(
      error.message,
    );
  if (connectionLost) {
    return new LivedeskError('unavailable', 'Redis cannot be reached; try again', {
      retryable: true,
      cause: error,
    });
  }
  return new LivedeskError('internal', 'Redis refused a command', { cause: error });
}
