/**
 * The wait before attempt `attempts + 1`: exponential from `baseMs`, capped at `maxMs`, with "equal jitter"
 * (between half and all of it) so receivers that failed together are not retried together. A receiver's
 * `Retry-After` is honoured: never earlier than it asked, never later than `maxMs`.
 */
export function retryDelayMs(options: {
  attempts: number;
  baseMs: number;
  maxMs: number;
  retryAfterMs?: number | undefined;
  random?: () => number;
}): number {
  const exponent = Math.max(0, options.attempts - 1);
  const capped = Math.min(options.maxMs, options.baseMs * 2 ** Math.min(exponent, 30));
  const jittered = capped / 2 + (capped / 2) * (options.random ?? Math.random)();
  return Math.round(Math.min(options.maxMs, Math.max(jittered, options.retryAfterMs ?? 0)));
}

/** `Retry-After` as seconds or an HTTP date, in ms from `nowMs`; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null, nowMs: number): number | undefined {
  if (header === null) return undefined;
  const text = header.trim();
  if (/^\d{1,9}$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
