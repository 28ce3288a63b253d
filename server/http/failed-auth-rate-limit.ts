import type { MiddlewareHandler } from 'hono';
import { RateLimiter } from '../realtime/token-bucket.js';
import { tooManyRequests, type RateLimitOptions } from './rate-limit.js';

/** Full buckets are dropped this often, so one-off callers do not pile up in memory. */
const PRUNE_INTERVAL_MS = 60_000;

/**
 * Middleware for routes exempt from the per-address limit because they carry their own (per key): only answers
 * of 401 spend from the caller's bucket, and a caller whose bucket is empty gets 429 before its credentials are
 * even looked up. A flood of bad keys from one address is cut off; authenticated traffic never pays.
 */
export function failedAuthRateLimit(options: RateLimitOptions): MiddlewareHandler {
  const nowMs = options.nowMs ?? (() => performance.now());
  const limiter = new RateLimiter(options.limit, nowMs);
  let prunedAtMs = nowMs();
  return async (context, next) => {
    if (nowMs() - prunedAtMs >= PRUNE_INTERVAL_MS) {
      limiter.prune();
      prunedAtMs = nowMs();
    }
    const key = options.key(context);
    if (!limiter.allows(key)) return tooManyRequests(context, options.limit);
    await next();
    if (context.res.status === 401) limiter.take(key);
  };
}
