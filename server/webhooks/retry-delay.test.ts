import { describe, expect, it } from 'vitest';
import { parseRetryAfter, retryDelayMs } from './retry-delay.js';

describe('the retry delay', () => {
  it('doubles from the base with jitter between half and all of it, up to the cap', () => {
    const delays = (random: number) =>
      [1, 2, 3, 4, 10].map((attempts) =>
        retryDelayMs({ attempts, baseMs: 1000, maxMs: 10_000, random: () => random }),
      );
    expect(delays(0)).toEqual([500, 1000, 2000, 4000, 5000]);
    expect(delays(1)).toEqual([1000, 2000, 4000, 8000, 10_000]);
  });

  it('waits at least what Retry-After asks, never past the cap', () => {
    expect(
      retryDelayMs({ attempts: 1, baseMs: 100, maxMs: 60_000, retryAfterMs: 30_000, random: () => 0 }),
    ).toBe(30_000);
    expect(
      retryDelayMs({ attempts: 1, baseMs: 100, maxMs: 60_000, retryAfterMs: 7_200_000, random: () => 0 }),
    ).toBe(60_000);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-12-07T12:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Mon, 07 Dec 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
