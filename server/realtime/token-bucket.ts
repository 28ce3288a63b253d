export interface RateLimit {
  /** Tokens added per second. */
  perSecond: number;
  /** The most tokens a bucket holds: how many may come at once. */
  burst: number;
}

/** Token buckets by key (a viewer id): `take` spends one token or says the key is over its limit. */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; updatedAtMs: number }>();
  private readonly limit: RateLimit;
  private readonly nowMs: () => number;

  constructor(limit: RateLimit, nowMs: () => number = () => performance.now()) {
    this.limit = limit;
    this.nowMs = nowMs;
  }

  /** Spends `cost` tokens (one by default; never more than the burst, so any cost can pass when full). */
  take(key: string, cost = 1): boolean {
    const now = this.nowMs();
    const bucket = this.refilled(key, now);
    const price = Math.min(cost, this.limit.burst);
    if (bucket.tokens < price) return false;
    bucket.tokens -= price;
    return true;
  }

  /** Whether `take(key, cost)` would succeed now, spending nothing. */
  allows(key: string, cost = 1): boolean {
    return this.refilled(key, this.nowMs()).tokens >= Math.min(cost, this.limit.burst);
  }

  /** Forgets buckets that have refilled: dropping them changes nothing. */
  prune(): void {
    const now = this.nowMs();
    for (const key of this.buckets.keys()) {
      if (this.refilled(key, now).tokens >= this.limit.burst) this.buckets.delete(key);
    }
  }

  private refilled(key: string, now: number): { tokens: number; updatedAtMs: number } {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { tokens: this.limit.burst, updatedAtMs: now };
      this.buckets.set(key, bucket);
    }
    const elapsedSeconds = Math.max(0, now - bucket.updatedAtMs) / 1000;
    bucket.tokens = Math.min(this.limit.burst, bucket.tokens + elapsedSeconds * this.limit.perSecond);
    bucket.updatedAtMs = now;
    return bucket;
  }
}
