import type { Context, MiddlewareHandler } from 'hono';
import { RateLimiter, type RateLimit } from '../realtime/token-bucket.js';

export interface RateLimitOptions {
  limit: RateLimit;
  /** Whose bucket a request spends from: the client address, address and username, ... */
  key: (context: Context) => string;
  nowMs?: () => number;
}

/** Full buckets are dropped this often, so one-off callers do not pile up in memory. */
const PRUNE_INTERVAL_MS = 60_000;

/** Seconds until a bucket that is empty now holds a token again. */
export function retryAfterSeconds(limit: RateLimit): number {
  return Math.max(1, Math.ceil(1 / limit.perSecond));
}

export function tooManyRequests(context: Context, limit: RateLimit): Response {
  return context.json({ error: 'rate_limited', message: 'too many requests; try again later' }, 429, {
    'retry-after': String(retryAfterSeconds(limit)),
  });
}

/** A token bucket per key: `take(key)` spends one token, false when the key is over its limit. */
export function createKeyedRateLimiter(options: Omit<RateLimitOptions, 'key'>): (key: string) => boolean {
  const nowMs = options.nowMs ?? (() => performance.now());
  const limiter = new RateLimiter(options.limit, nowMs);
  let prunedAtMs = nowMs();
  return (key) => {
    if (nowMs() - prunedAtMs >= PRUNE_INTERVAL_MS) {
      limiter.prune();
      prunedAtMs = nowMs();
    }
    return limiter.take(key);
  };
}

/** Middleware: a request over its key's limit gets 429 with Retry-After and goes no further. */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler {
  const take = createKeyedRateLimiter(options);
  return async (context, next) => {
    if (!take(options.key(context))) return tooManyRequests(context, options.limit);
    await next();
  };
}
