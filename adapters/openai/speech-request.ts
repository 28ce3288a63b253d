import { LivedeskError } from '../../knowledge/errors.js';
import { describeEndpoint } from './describe-endpoint.js';
import { mapHttpStatus } from './map-http-status.js';

export interface SpeechEndpointOptions {
  /** e.g. `http://127.0.0.1:8000/v1`: the routes are appended to it. */
  baseURL: string;
  apiKey?: string | undefined;
  model: string;
  /** Bounds one request from its start to its response's end. */
  timeoutMs: number;
}

/**
 * POSTs to an audio route with the caller's signal and a timeout, and maps a failed status to our errors.
 * An abort by the caller is thrown as `aborted`, never retried.
 */
export async function postSpeechRequest(
  options: SpeechEndpointOptions,
  route: string,
  body: FormData | string,
  signal: AbortSignal,
): Promise<{ response: Response; signal: AbortSignal }> {
  const where = `the speech server at ${describeEndpoint(options.baseURL)}`;
  const bounded = AbortSignal.any([signal, AbortSignal.timeout(options.timeoutMs)]);
  const headers: Record<string, string> = {};
  if (options.apiKey !== undefined) headers.authorization = `Bearer ${options.apiKey}`;
  if (typeof body === 'string') headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(`${options.baseURL.replace(/\/+$/u, '')}${route}`, {
      method: 'POST',
      headers,
      body,
      signal: bounded,
    });
  } catch (error) {
    throw failure(error, signal, where);
  }
  if (!response.ok) {
    // The body may hold the request echoed back; only the status is told.
    await response.body?.cancel().catch(() => undefined);
    throw mapHttpStatus(response.status, {
      where,
      model: options.model,
      route: route,
      cause: new Error(`HTTP ${response.status}`),
    });
  }
  return { response, signal: bounded };
}

/** What a failed fetch or body read means: our abort, a timeout, or the server gone. */
export function failure(error: unknown, signal: AbortSignal, where: string): LivedeskError {
  if (error instanceof LivedeskError) return error;
  if (signal.aborted) return new LivedeskError('aborted', 'the speech request was aborted', { cause: error });
  if (error instanceof Error && error.name === 'TimeoutError')
    return new LivedeskError('timeout', `${where} took too long`, { retryable: true, cause: error });
  return new LivedeskError('unavailable', `${where} could not be reached`, { retryable: true, cause: error });
}
