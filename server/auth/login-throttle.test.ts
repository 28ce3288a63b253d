import { describe, expect, it } from 'vitest';
import { createLoginThrottle, type LoginThrottleOptions } from './login-throttle.js';

function throttle(overrides: Partial<LoginThrottleOptions> = {}) {
  const clock = { now: 0 };
  const limits = createLoginThrottle({
    perUsername: { failuresBeforeWait: 3, baseDelayMs: 1000, maxDelayMs: 8000 },
    perAddress: { failuresBeforeWait: 10, baseDelayMs: 1000, maxDelayMs: 8000 },
    forgetAfterMs: 60_000,
    nowMs: () => clock.now,
    ...overrides,
  });
  return { limits, clock };
}

describe('login throttle', () => {
  it('doubles the wait from the nth failure on, up to the maximum', () => {
    const { limits, clock } = throttle();
    const waits: number[] = [];
    for (let index = 0; index < 7; index++) {
      limits.failed('ann', '10.0.0.1');
      const verdict = limits.check('ann', '10.0.0.1');
      waits.push(verdict.allowed ? 0 : verdict.retryAfterMs);
      clock.now += 10_000;
    }
    expect(waits).toEqual([0, 0, 1000, 2000, 4000, 8000, 8000]);
  });

  it('reports the first refusal of each wait only', () => {
    const { limits } = throttle();
    for (let index = 0; index < 3; index++) limits.failed('ann', '10.0.0.1');
    expect(limits.check('ann', '10.0.0.1')).toMatchObject({ allowed: false, firstRefusal: true });
    expect(limits.check('ann', '10.0.0.1')).toMatchObject({ allowed: false, firstRefusal: false });
  });

  it('forgets a username on success and any key after a quiet spell, but never an address on success', () => {
    const { limits, clock } = throttle({
      perAddress: { failuresBeforeWait: 3, baseDelayMs: 1000, maxDelayMs: 8000 },
    });
    for (let index = 0; index < 3; index++) limits.failed('ann', '10.0.0.1');
    limits.succeeded('ann');
    expect(limits.check('ann', '10.0.0.2')).toEqual({ allowed: true });
    expect(limits.check('bob', '10.0.0.1')).toMatchObject({ allowed: false, scope: 'address' });
    clock.now += 61_000;
    expect(limits.check('bob', '10.0.0.1')).toEqual({ allowed: true });
    limits.failed('bob', '10.0.0.1');
    expect(limits.check('bob', '10.0.0.1')).toEqual({ allowed: true });
  });

  it('keeps at most maxKeys keys, dropping the oldest', () => {
    const { limits } = throttle({ maxKeys: 4 });
    for (let index = 0; index < 3; index++) limits.failed('first', '10.0.0.1');
    expect(limits.check('first', '10.0.0.9').allowed).toBe(false);
    for (let user = 0; user < 4; user++) limits.failed(`other-${user}`, '10.0.0.2');
    expect(limits.check('first', '10.0.0.9')).toEqual({ allowed: true });
  });
});
