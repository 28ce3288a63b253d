import { describe, expect, it } from 'vitest';
import { createOneAtATime } from './one-at-a-time.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('one task at a time per key', () => {
  it('runs tasks sharing a key in order, never together, and others alongside', async () => {
    const serial = createOneAtATime();
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`${name} start`);
      await tick();
      log.push(`${name} end`);
      return name;
    };
    const results = await Promise.all([
      serial(['user:ann', 'address:a'], task('first')),
      serial(['user:bob', 'address:a'], task('second')),
      serial(['user:cat', 'address:b'], task('other')),
    ]);
    expect(results).toEqual(['first', 'second', 'other']);
    expect(log.indexOf('second start')).toBeGreaterThan(log.indexOf('first end'));
    expect(log.indexOf('other start')).toBeLessThan(log.indexOf('first end'));
  });

  it('goes on after a task that failed', async () => {
    const serial = createOneAtATime();
    await expect(serial(['k'], () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    await expect(serial(['k'], () => Promise.resolve('yes'))).resolves.toBe('yes');
  });
});
