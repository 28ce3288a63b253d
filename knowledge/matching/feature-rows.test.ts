import { describe, expect, it } from 'vitest';
import { FeatureRows } from './feature-rows.js';

const input = (indices: number[], values: number[]) => ({
  indices: Int32Array.from(indices),
  values: Float32Array.from(values),
});

describe('FeatureRows', () => {
  it('numbers feature ids densely in the order they are first seen, and keeps their values', () => {
    const rows = new FeatureRows();
    const first = rows.encode(input([-7, 900_000_001], [0.6, 0.8]), true);
    expect([...first.indices]).toEqual([0, 1]);
    expect([...first.values]).toEqual([Math.fround(0.6), Math.fround(0.8)]);
    const second = rows.encode(input([900_000_001, 42], [1, 2]), true);
    expect([...second.indices]).toEqual([1, 2]);
    expect(rows.size).toBe(3);
  });

  it('leaves out ids it has no row for unless asked to grow', () => {
    const rows = new FeatureRows();
    rows.encode(input([5], [1]), true);
    const question = rows.encode(input([5, 6], [0.5, 0.5]), false);
    expect([...question.indices]).toEqual([0]);
    expect([...question.values]).toEqual([0.5]);
    expect(rows.size).toBe(1);
  });

  it('never hands out more rows than its limit: past the own rows, features share hashed buckets', () => {
    const rows = new FeatureRows(64);
    // 64 rows: 60 own rows, then 4 shared buckets.
    for (let id = 0; id < 1_000; id++) rows.encode(input([id * 7919], [1]), true);
    expect(rows.size).toBe(64);
    const late = rows.encode(input([5_000_000, -12], [0.25, 0.5]), true);
    for (const row of late.indices) expect(row).toBeGreaterThanOrEqual(60);
    for (const row of late.indices) expect(row).toBeLessThan(64);
    // A question's unseen feature reads its bucket once buckets are in use, the same one every time.
    const asked = rows.encode(input([5_000_000], [1]), false);
    expect([...asked.indices]).toEqual([late.indices[0]]);
    // The first features keep their own rows.
    expect([...rows.encode(input([0, 7919], [1, 1]), false).indices]).toEqual([0, 1]);
    expect(rows.size).toBe(64);
  });

  it('adds up features that land in one bucket, as a dense vector would', () => {
    const rows = new FeatureRows(16);
    // 16 rows: 15 own rows and 1 shared bucket, so every late feature lands in row 15.
    for (let id = 0; id < 15; id++) rows.encode(input([id], [1]), true);
    const late = rows.encode(input([100, 3, 200], [0.5, 2, 0.25]), true);
    expect([...late.indices]).toEqual([15, 3]);
    expect([...late.values]).toEqual([0.75, 2]);
  });

  it('drops features past a limit too small for shared buckets', () => {
    const rows = new FeatureRows(2);
    const encoded = rows.encode(input([1, 2, 3], [1, 1, 1]), true);
    expect([...encoded.indices]).toEqual([0, 1]);
    expect(rows.size).toBe(2);
  });
});
