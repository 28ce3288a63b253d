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

  take(key: string): boolean {
    const now = this.nowMs();
    const bucket = this.refilled(key, now);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
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
