import { describe, expect, it } from 'vitest';
import { HandleTimeEwma } from './handle-time-ewma.js';

describe('handle-time EWMA', () => {
  it('starts at the seeded value', () => {
    expect(new HandleTimeEwma({ alpha: 0.3, initialMs: 180_000 }).averageMs).toBe(180_000);
  });

  it('moves toward each new handle time by alpha', () => {
    const ewma = new HandleTimeEwma({ alpha: 0.5, initialMs: 100_000 });
    ewma.record(60_000);
    expect(ewma.averageMs).toBe(80_000);
    ewma.record(60_000);
    expect(ewma.averageMs).toBe(70_000);
  });

  it('ignores negative and non-finite handle times', () => {
    const ewma = new HandleTimeEwma({ alpha: 0.5, initialMs: 100_000 });
    ewma.record(-5);
    ewma.record(Number.NaN);
    expect(ewma.averageMs).toBe(100_000);
  });

  it('refuses an alpha outside (0, 1]', () => {
    expect(() => new HandleTimeEwma({ alpha: 0, initialMs: 1 })).toThrow(RangeError);
  });
});
