import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { LivedeskError } from '../../knowledge/errors.js';
import { mapHttpStatus, redactedCause } from './map-http-status.js';

export interface ChatErrorContext {
  /** The caller's signal: when it fired, the outcome is 'aborted' whatever the SDK threw. */
  callerSignal: AbortSignal | undefined;
  /** Deadlines, checked in order; the first that fired names the timeout. */
  deadlines: readonly { signal: AbortSignal; describe: () => string }[];
  /** E.g. 'the chat endpoint http://host/v1'. */
  where: string;
  model: string;
  /** Scrubbed from every cause: some servers echo the key they were sent. */
  apiKey: string | undefined;
}

/**
 * Maps whatever a chat completion threw to a LivedeskError. Messages are ours and never carry the
 * vendor's text (that may hold the prompt, the key or internals); the cause keeps the vendor's name,
 * status and message, key removed, for logs.
 */
export function mapChatError(error: unknown, context: ChatErrorContext): LivedeskError {
  if (context.callerSignal?.aborted === true) {
    if (error instanceof LivedeskError && error.code === 'aborted') return error;
    return new LivedeskError('aborted', 'the chat completion was aborted', {
      cause: context.callerSignal.reason,
    });
  }
  const deadline = context.deadlines.find((candidate) => candidate.signal.aborted);
  if (deadline !== undefined) {
    return new LivedeskError('timeout', `${context.where} ${deadline.describe()}`, {
      retryable: true,
      cause: redactedCause(error, context.apiKey),
    });
  }
  if (error instanceof LivedeskError) return error;
  const cause = redactedCause(error, context.apiKey);
  const { where } = context;
  if (error instanceof APIConnectionTimeoutError) {
    return new LivedeskError('timeout', `${where} did not answer in time`, { retryable: true, cause });
  }
  if (error instanceof APIUserAbortError) {
    return new LivedeskError('aborted', 'the chat completion was aborted', { cause });
  }
  if (error instanceof APIConnectionError) {
    return new LivedeskError('unavailable', `could not reach ${where}`, { retryable: true, cause });
  }
  if (error instanceof APIError) {
    if (typeof error.status === 'number')
      return mapHttpStatus(error.status, { where, model: context.model, route: 'chat completions', cause });
    // A `data: {"error": …}` event inside a stream that had already begun.
    return new LivedeskError('unavailable', `${where} reported an error in the middle of its answer`, {
      retryable: true,
      cause,
    });
  }
  if (error instanceof SyntaxError) {
    return new LivedeskError('unavailable', `${where} sent a chunk that is not valid JSON`, { cause });
  }
  // undici's "TypeError: terminated" and friends: the connection broke while the body was streaming.
  if (error instanceof TypeError) {
    return new LivedeskError('unavailable', `the connection to ${where} broke off`, {
      retryable: true,
      cause,
    });
  }
  return new LivedeskError('internal', `the request to ${where} failed unexpectedly`, { cause });
}
