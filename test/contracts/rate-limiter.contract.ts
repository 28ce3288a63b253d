import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LivedeskError } from '../../knowledge/errors.js';
import type { SharedRateLimiter } from '../../server/cluster/shared-rate-limiter.js';

export interface RateLimiterHarness {
  /** Two nodes' limiters over the same buckets (the in-memory one is one node, so it is both). */
  nodes: [SharedRateLimiter, SharedRateLimiter];
  cleanup(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Refills too slowly to matter within a test. */
const SLOW = 0.001;

/** What every SharedRateLimiter promises: today's token buckets, shared, all-or-none across buckets. */
export function runRateLimiterContract(name: string, createHarness: () => Promise<RateLimiterHarness>): void {
  describe(`SharedRateLimiter contract: ${name}`, () => {
    let harness: RateLimiterHarness;
    let limiter: SharedRateLimiter;
    let key: (name: string) => string;

    beforeEach(async () => {
      harness = await createHarness();
      limiter = harness.nodes[0];
      const run = randomBytes(4).toString('hex');
      key = (bucket) => `${bucket}:${run}`;
    });

    afterEach(async () => {
      await harness.cleanup();
    });

    it('lets a burst through, then refuses', async () => {
      const spend = [{ key: key('viewer'), limit: { perSecond: SLOW, burst: 3 } }];

      const results = [];
      for (let attempt = 0; attempt < 4; attempt += 1) results.push(await limiter.take(spend));

      expect(results).toEqual([true, true, true, false]);
    });

    it('refills with time', async () => {
      const spend = [{ key: key('viewer'), limit: { perSecond: 20, burst: 1 } }];
      expect(await limiter.take(spend)).toBe(true);
      expect(await limiter.take(spend)).toBe(false);

      await sleep(120);

      expect(await limiter.take(spend)).toBe(true);
    });

    it('charges a cost, and lets any cost through a full bucket by charging at most the burst', async () => {
      const chars = { key: key('chars'), limit: { perSecond: SLOW, burst: 10 } };
      expect(await limiter.take([{ ...chars, cost: 4 }])).toBe(true);
      expect(await limiter.take([{ ...chars, cost: 4 }])).toBe(true);
      expect(await limiter.take([{ ...chars, cost: 4 }])).toBe(false);
      expect(await limiter.take([{ ...chars, cost: 2 }])).toBe(true);

      const big = { key: key('big'), limit: { perSecond: SLOW, burst: 5 }, cost: 500 };
      expect(await limiter.take([big])).toBe(true);
      expect(await limiter.take([{ ...big, cost: 1 }])).toBe(false);
    });

    it('spends from every bucket or from none', async () => {
      const viewer = { key: key('viewer'), limit: { perSecond: SLOW, burst: 1 } };
      const address = { key: key('address'), limit: { perSecond: SLOW, burst: 5 } };

      expect(await limiter.take([viewer, address])).toBe(true);
      expect(await limiter.take([viewer, address])).toBe(false);

      // The refused call left the address's four tokens alone.
      expect(await limiter.take([{ ...address, cost: 4 }])).toBe(true);
      expect(await limiter.take([address])).toBe(false);
    });

    it('adds up spends on one bucket within a call', async () => {
      const bucket = { key: key('twice'), limit: { perSecond: SLOW, burst: 3 } };

      expect(await limiter.take([bucket, bucket])).toBe(true);
      expect(await limiter.take([bucket, bucket])).toBe(false);
      expect(await limiter.take([bucket])).toBe(true);
    });

    it('shares buckets between nodes, so hopping gains nothing', async () => {
      const [first, second] = harness.nodes;
      const spend = [{ key: key('hopper'), limit: { perSecond: SLOW, burst: 2 } }];

      expect(await first.take(spend)).toBe(true);
      expect(await second.take(spend)).toBe(true);
      expect(await first.take(spend)).toBe(false);
      expect(await second.take(spend)).toBe(false);
    });

    it('gives out no more than the burst to simultaneous takes from both nodes', async () => {
      const spend = [{ key: key('race'), limit: { perSecond: SLOW, burst: 10 } }];

      const results = await Promise.all(
        Array.from({ length: 60 }, (_, index) => harness.nodes[index % 2]!.take(spend)),
      );

      expect(results.filter(Boolean)).toHaveLength(10);
    });

    it('refuses a spend with a nonsensical limit or cost', async () => {
      await expect(
        limiter.take([{ key: key('bad'), limit: { perSecond: 0, burst: 1 } }]),
      ).rejects.toBeInstanceOf(LivedeskError);
      await expect(
        limiter.take([{ key: key('bad'), limit: { perSecond: 1, burst: 1 }, cost: -1 }]),
      ).rejects.toMatchObject({ code: 'invalid_input' });
      await expect(
        limiter.take([
          { key: key('bad'), limit: { perSecond: 1, burst: 1 } },
          { key: key('bad'), limit: { perSecond: 2, burst: 1 } },
        ]),
      ).rejects.toMatchObject({ code: 'invalid_input' });
    });
  });
}
