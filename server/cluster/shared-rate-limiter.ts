import { LivedeskError } from '../../knowledge/errors.js';
import type { RateLimit } from '../realtime/token-bucket.js';

/** One bucket's share of a decision: `key` names the bucket (`viewer-messages:<viewerId>`, `match-chars:<ip>`). */
export interface RateSpend {
  key: string;
  limit: RateLimit;
  /** Tokens to spend; one by default, never more than the burst, so any cost can pass when full. */
  cost?: number | undefined;
}

/**
 * Token buckets every node shares, so a client gains nothing by hopping nodes. One call is one atomic
 * decision over several buckets (a viewer's and their address's): every bucket pays, or none does, which is
 * what the server's "allows both, then take both" did on one node.
 */
export interface SharedRateLimiter {
  /** True when every bucket had its cost and paid it; false (nothing spent) otherwise. */
  take(spends: readonly RateSpend[]): Promise<boolean>;
}

/**
 * Spends on the same key add up into one, so a bucket cannot be charged twice against one reading of it.
 * Two spends on one key with different limits are a caller's bug.
 */
export function mergeSpends(spends: readonly RateSpend[]): { key: string; limit: RateLimit; cost: number }[] {
  const merged = new Map<string, { key: string; limit: RateLimit; cost: number }>();
  for (const spend of spends) {
    const cost = spend.cost ?? 1;
    if (!(cost >= 0) || !(spend.limit.perSecond > 0) || !(spend.limit.burst > 0))
      throw new LivedeskError('invalid_input', `rate spend on ${spend.key} has a bad cost or limit`);
    const seen = merged.get(spend.key);
    if (!seen) {
      merged.set(spend.key, { key: spend.key, limit: spend.limit, cost });
      continue;
    }
    if (seen.limit.perSecond !== spend.limit.perSecond || seen.limit.burst !== spend.limit.burst)
      throw new LivedeskError('invalid_input', `rate bucket ${spend.key} was given two limits`);
    seen.cost += cost;
  }
  return [...merged.values()];
}
