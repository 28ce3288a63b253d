import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { LivedeskError } from '../../knowledge/errors.js';
import { mapHttpStatus, redactedCause } from './map-http-status.js';

export interface OpenAIErrorContext {
  /** The caller's signal: when it fired, the outcome is 'aborted' whatever the SDK threw. */
  callerSignal: AbortSignal | undefined;
  timeoutSignal: AbortSignal;
  timeoutMs: number;
  endpoint: string;
  model: string;
  /** Scrubbed from every message and cause: some servers echo the key they were sent. */
  apiKey: string | undefined;
}

/**
 * Maps whatever the openai SDK threw to a LivedeskError. The message is ours, never the vendor's
 * text; the cause keeps the vendor's name, status and message with the API key removed.
 */
export function mapOpenAIError(error: unknown, context: OpenAIErrorContext): LivedeskError {
  if (error instanceof LivedeskError) return error;
  const cause = redactedCause(error, context.apiKey);
  const where = `the embeddings endpoint ${context.endpoint}`;

  if (context.callerSignal?.aborted === true) {
    return new LivedeskError('aborted', 'the embeddings request was aborted', {
      cause: context.callerSignal.reason,
    });
  }
  if (context.timeoutSignal.aborted || error instanceof APIConnectionTimeoutError) {
    return new LivedeskError('timeout', `${where} did not answer within ${context.timeoutMs} ms`, {
      retryable: true,
      cause,
    });
  }
  if (error instanceof APIUserAbortError) {
    return new LivedeskError('aborted', 'the embeddings request was aborted', { cause });
  }
  if (error instanceof APIConnectionError) {
    return new LivedeskError('unavailable', `could not reach ${where}`, { retryable: true, cause });
  }
  if (error instanceof APIError && typeof error.status === 'number') {
    return mapHttpStatus(error.status, { where, model: context.model, route: 'embeddings', cause });
  }
  if (error instanceof SyntaxError) {
    return new LivedeskError('unavailable', `${where} answered with a body that is not valid JSON`, {
      cause,
    });
  }
  return new LivedeskError('internal', `the embeddings request to ${context.endpoint} failed unexpectedly`, {
    cause,
  });
}
