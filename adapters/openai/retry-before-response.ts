import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';

export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** Backoff without a Retry-After header: base, 2 × base, 4 × base …, at most 8 s. */
  baseDelayMs: number;
  /** Aborts the attempts and any wait between them. */
  signal: AbortSignal;
  /** Milliseconds left before the caller's deadline: a wait that would pass it is not started. */
  remainingMs: () => number;
}

/**
 * Runs `attempt` until it succeeds, fails in a way a retry cannot fix, or the policy runs out. Only
 * failures before a response began are retried (HTTP 408, 409, 429, 5xx, connection errors): a
 * streamed answer that broke off may already have been shown. Waits honour `retry-after-ms` and
 * `retry-after` and end at once when the signal aborts.
 */
export async function retryBeforeResponse<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  policy: RetryPolicy,
): Promise<T> {
  for (let attemptNumber = 0; ; attemptNumber++) {
    try {
      return await attempt(attemptNumber);
    } catch (error) {
      if (policy.signal.aborted || attemptNumber >= policy.maxRetries || !isRetryableBeforeResponse(error)) {
        throw error;
      }
      const waitMs = retryDelayMs(error, attemptNumber, policy.baseDelayMs);
      if (waitMs >= policy.remainingMs()) throw error;
      await sleep(waitMs, policy.signal);
    }
  }
}

export function isRetryableBeforeResponse(error: unknown): boolean {
  if (error instanceof APIConnectionTimeoutError) return false;
  if (error instanceof APIConnectionError) return true;
  if (!(error instanceof APIError) || typeof error.status !== 'number') return false;
  const shouldRetry = headerOf(error, 'x-should-retry');
  if (shouldRetry === 'true') return true;
  if (shouldRetry === 'false') return false;
  return error.status === 408 || error.status === 409 || error.status === 429 || error.status >= 500;
}

export function retryDelayMs(error: unknown, attemptNumber: number, baseDelayMs: number): number {
  const milliseconds = Number.parseFloat(headerOf(error, 'retry-after-ms') ?? '');
  if (Number.isFinite(milliseconds) && milliseconds >= 0) return milliseconds;
  const retryAfter = headerOf(error, 'retry-after');
  if (retryAfter) {
    const seconds = Number.parseFloat(retryAfter);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
    const date = Date.parse(retryAfter);
    if (Number.isFinite(date)) return Math.max(0, date - Date.now());
  }
  return Math.min(baseDelayMs * 2 ** attemptNumber, 8_000);
}

function headerOf(error: unknown, name: string): string | null {
  if (!(error instanceof APIError)) return null;
  const headers = error.headers as Headers | undefined;
  return headers?.get(name) ?? null;
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    function onAbort(): void {
      clearTimeout(timer);
      reject(signal.reason as Error);
    }
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
