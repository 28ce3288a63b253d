import type { Context } from 'hono';

/** Error codes Node gives a body read when the client's connection went away mid-request. */
const ABORT_CODES = new Set(['ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ERR_STREAM_PREMATURE_CLOSE']);

/**
 * Whether a request failed because the client hung up (a cancelled or dropped upload), not because
 * of a bug: the request's own signal fired, or the body stream broke with a connection error.
 */
export function isClientAbort(error: unknown, context: Context): boolean {
  if (context.req.raw.signal.aborted) return true;
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return error.name === 'AbortError' || (typeof code === 'string' && ABORT_CODES.has(code));
}
