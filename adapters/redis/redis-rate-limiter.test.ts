import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { runRateLimiterContract } from '../../test/contracts/rate-limiter.contract.js';
import { openRedisClient } from './open-redis-client.js';
import { createRedisRateLimiter } from './redis-rate-limiter.js';

const REDIS_URL = process.env.LIVEDESK_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Deletes this test's keys only: other tests (and other helpers) share the Redis. */
async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
}

runRateLimiterContract('redis', async () => {
  const keyPrefix = `livedesk-test:${randomBytes(6).toString('hex')}:rate:`;
  const first = await openRedisClient({ url: REDIS_URL });
  const second = await openRedisClient({ url: REDIS_URL });
  return {
    nodes: [
      createRedisRateLimiter({ redis: first, keyPrefix }),
      createRedisRateLimiter({ redis: second, keyPrefix }),
    ],
    cleanup: async () => {
      await deleteKeys(first, keyPrefix);
      await first.quit();
      await second.quit();
    },
  };
});

describe('createRedisRateLimiter', () => {
  const clients: Redis[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) await client.quit().catch(() => client.disconnect());
  });

  it('lets a bucket it no longer needs expire, once it would be full again', async () => {
    const keyPrefix = `livedesk-test:${randomBytes(6).toString('hex')}:rate:`;
    const redis = await openRedisClient({ url: REDIS_URL });
    clients.push(redis);
    const limiter = createRedisRateLimiter({ redis, keyPrefix });

    await limiter.take([{ key: 'viewer:v1', limit: { perSecond: 10, burst: 5 } }]);

    const ttlMs = await redis.pttl(`${keyPrefix}viewer:v1`);
    expect(ttlMs).toBeGreaterThan(0);
    expect(ttlMs).toBeLessThanOrEqual(1_500);
    await deleteKeys(redis, keyPrefix);
  });

  it('fails as unavailable, not as a refusal, when Redis is gone', async () => {
    const redis = await openRedisClient({ url: REDIS_URL });
    clients.push(redis);
    const limiter = createRedisRateLimiter({ redis, keyPrefix: 'livedesk-test:gone:' });
    redis.disconnect();

    await expect(limiter.take([{ key: 'v', limit: { perSecond: 1, burst: 1 } }])).rejects.toMatchObject({
      code: 'unavailable',
      retryable: true,
    });
  });
});
