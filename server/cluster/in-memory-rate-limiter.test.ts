import { describe, expect, it } from 'vitest';
import { runRateLimiterContract } from '../../test/contracts/rate-limiter.contract.js';
import { createInMemoryRateLimiter } from './in-memory-rate-limiter.js';

runRateLimiterContract('in-memory', () => {
  const limiter = createInMemoryRateLimiter();
  return Promise.resolve({ nodes: [limiter, limiter], cleanup: () => Promise.resolve() });
});

describe('createInMemoryRateLimiter', () => {
  it('refills by the clock it is given, as the token buckets always did', async () => {
    let nowMs = 0;
    const limiter = createInMemoryRateLimiter({ nowMs: () => nowMs });
    const spend = [{ key: 'viewer:v1', limit: { perSecond: 5, burst: 10 } }];
    for (let index = 0; index < 10; index += 1) expect(await limiter.take(spend)).toBe(true);
    expect(await limiter.take(spend)).toBe(false);

    nowMs += 200;

    expect(await limiter.take(spend)).toBe(true);
    expect(await limiter.take(spend)).toBe(false);
  });
});
