import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { mergeSpends, type SharedRateLimiter } from '../../server/cluster/shared-rate-limiter.js';
import { mapRedisError } from './map-redis-error.js';

/**
 * The token bucket of server/realtime/token-bucket.ts, for several buckets at once: refill each by the
 * time since it was last touched, refuse (changing nothing) if any lacks its price, else spend from all.
 * Time is Redis's own clock, so nodes whose clocks disagree still share one bucket fairly. A bucket left
 * alone until it is full again expires: a missing bucket is a full one.
 * KEYS: the buckets. ARGV: per bucket, perSecond, burst, cost.
 */
const TAKE_SCRIPT = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local spent = {}
for i, key in ipairs(KEYS) do
  local rate = tonumber(ARGV[i * 3 - 2])
  local burst = tonumber(ARGV[i * 3 - 1])
  local cost = tonumber(ARGV[i * 3])
  local stored = redis.call('HMGET', key, 'tokens', 'at')
  local tokens = tonumber(stored[1])
  local at = tonumber(stored[2])
  if tokens == nil or at == nil then
    tokens = burst
    at = now
  end
  tokens = math.min(burst, tokens + math.max(0, now - at) / 1000 * rate)
  local price = math.min(cost, burst)
  if tokens < price then
    return 0
  end
  spent[i] = { tokens - price, math.ceil(burst / rate * 1000) + 1000 }
end
for i, key in ipairs(KEYS) do
  redis.call('HSET', key, 'tokens', tostring(spent[i][1]), 'at', tostring(now))
  redis.call('PEXPIRE', key, spent[i][2])
end
return 1`;
const TAKE_SCRIPT_SHA = createHash('sha1').update(TAKE_SCRIPT).digest('hex');

export interface RedisRateLimiterOptions {
  /** The node's command connection (from `openRedisClient`); its owner closes it. */
  redis: Redis;
  /** Put before every bucket key: one deployment's (or one test's) buckets never meet another's. */
  keyPrefix?: string | undefined;
}

/**
 * Shared rate limits: one Lua script per decision, atomic in Redis, so two nodes taking from one bucket at
 * the same moment cannot both get its last token. While Redis is down `take` fails with `unavailable`
 * rather than guessing; the caller refuses the message with a clear error, as for any other outage.
 * The buckets of one decision must live on one Redis (one hash slot, should Redis ever be sharded).
 */
export function createRedisRateLimiter(options: RedisRateLimiterOptions): SharedRateLimiter {
  const prefix = options.keyPrefix ?? 'livedesk:rate:';
  const redis = options.redis;
  return {
    async take(spends) {
      const merged = mergeSpends(spends);
      if (merged.length === 0) return true;
      const args = merged.flatMap((spend) =>
        [spend.limit.perSecond, spend.limit.burst, spend.cost].map(String),
      );
      const keys = merged.map((spend) => prefix + spend.key);
      try {
        let result: unknown;
        try {
          // The script by its hash: Redis keeps it after the first EVAL, so a decision sends a few bytes.
          result = await redis.evalsha(TAKE_SCRIPT_SHA, keys.length, ...keys, ...args);
        } catch (error) {
          if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
          result = await redis.eval(TAKE_SCRIPT, keys.length, ...keys, ...args);
        }
        return result === 1;
      } catch (error) {
        throw mapRedisError(error);
      }
    },
  };
}
