import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { LivedeskError } from '../../knowledge/errors.js';

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
    return mapStatus(error.status, { where, model: context.model, cause });
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
      `${where} has no embeddings route or no model "${model}" (HTTP 404); check baseURL and model`,
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
