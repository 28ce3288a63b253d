import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { LivedeskError } from '../../knowledge/errors.js';

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
      return mapStatus(error.status, { where, model: context.model, cause });
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

function mapStatus(status: number, context: { where: string; model: string; cause: unknown }): LivedeskError {
  const { where, model, cause } = context;
  if (status === 401 || status === 403) {
    return new LivedeskError(
      'unavailable',
      `${where} refused the credentials (HTTP ${status}); check apiKey`,
      { cause },
    );
  }
  if (status === 404) {
    return new LivedeskError(
      'unavailable',
      `${where} has no chat completions route or no model "${model}" (HTTP 404); check baseURL and model`,
      { cause },
    );
  }
  if (status === 429) {
    return new LivedeskError('unavailable', `${where} is rate limiting requests (HTTP 429)`, {
      retryable: true,
      cause,
    });
  }
  if (status >= 500 || status === 408 || status === 409) {
    return new LivedeskError('unavailable', `${where} failed (HTTP ${status})`, { retryable: true, cause });
  }
  if (status === 400 || status === 413 || status === 422) {
    return new LivedeskError('invalid_input', `${where} rejected the request (HTTP ${status})`, { cause });
  }
  return new LivedeskError('unavailable', `${where} answered HTTP ${status}`, { cause });
}

function redactedCause(error: unknown, apiKey: string | undefined): unknown {
  if (!(error instanceof Error)) return error;
  const redact = (text: string): string => (apiKey ? text.split(apiKey).join('[redacted]') : text);
  const copy = new Error(redact(error.message));
  copy.name = error.name;
  const status: unknown = error instanceof APIError ? error.status : undefined;
  if (typeof status === 'number') Object.assign(copy, { status });
  return copy;
}
