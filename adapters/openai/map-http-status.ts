import { APIError } from 'openai';
import { LivedeskError } from '../../knowledge/errors.js';

/** HTTP statuses of OpenAI-compatible endpoints, mapped the same way for every route; messages are ours. */
export function mapHttpStatus(
  status: number,
  context: { where: string; model: string; route: string; cause: unknown },
): LivedeskError {
  const { where, model, route, cause } = context;
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
      `${where} has no ${route} route or no model "${model}" (HTTP 404); check baseURL and model`,
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

/** The vendor's error for logs: name, status and message, with the API key scrubbed. */
export function redactedCause(error: unknown, apiKey: string | undefined): unknown {
  if (!(error instanceof Error)) return error;
  const redact = (text: string): string => (apiKey ? text.split(apiKey).join('[redacted]') : text);
  const copy = new Error(redact(error.message));
  copy.name = error.name;
  const status: unknown = error instanceof APIError ? error.status : undefined;
  if (typeof status === 'number') Object.assign(copy, { status });
  return copy;
}
