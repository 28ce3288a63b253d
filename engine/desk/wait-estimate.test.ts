import { describe, expect, it } from 'vitest';
import { estimateWaitMs } from './wait-estimate.js';

describe('wait estimate', () => {
  it('is one handle time over the eligible capacity for the first in line', () => {
    expect(estimateWaitMs({ ahead: 0, eligibleCapacity: 6, averageHandleMs: 120_000 })).toBe(20_000);
  });

  it('grows with the conversations ahead', () => {
    expect(estimateWaitMs({ ahead: 5, eligibleCapacity: 6, averageHandleMs: 120_000 })).toBe(120_000);
  });

  it('is unknown when no online agent can take the conversation', () => {
    expect(estimateWaitMs({ ahead: 0, eligibleCapacity: 0, averageHandleMs: 120_000 })).toBeNull();
  });
});
