import { RateLimiter, type RateLimit } from '../realtime/token-bucket.js';
import { mergeSpends, type SharedRateLimiter } from './shared-rate-limiter.js';

/** Full buckets are dropped this often, so one-off callers do not pile up in memory. */
const PRUNE_INTERVAL_MS = 60_000;

/**
 * The single-node adapter: today's token buckets (server/realtime/token-bucket.ts), one RateLimiter per
 * distinct limit. Checking every bucket and then spending is atomic here: nothing runs in between.
 */
export function createInMemoryRateLimiter(options: { nowMs?: () => number } = {}): SharedRateLimiter {
  const nowMs = options.nowMs ?? (() => performance.now());
  const byLimit = new Map<string, RateLimiter>();
  let prunedAtMs = nowMs();
  const limiterFor = (limit: RateLimit) => {
    const id = `${limit.perSecond}/${limit.burst}`;
    let limiter = byLimit.get(id);
    if (!limiter) {
      limiter = new RateLimiter(limit, nowMs);
      byLimit.set(id, limiter);
    }
    return limiter;
  };
  return {
    take(spends) {
      if (nowMs() - prunedAtMs >= PRUNE_INTERVAL_MS) {
        for (const limiter of byLimit.values()) limiter.prune();
        prunedAtMs = nowMs();
      }
      let merged;
      try {
        merged = mergeSpends(spends).map((spend) => ({ ...spend, limiter: limiterFor(spend.limit) }));
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
      if (!merged.every((spend) => spend.limiter.allows(spend.key, spend.cost)))
        return Promise.resolve(false);
      for (const spend of merged) spend.limiter.take(spend.key, spend.cost);
      return Promise.resolve(true);
    },
  };
}
