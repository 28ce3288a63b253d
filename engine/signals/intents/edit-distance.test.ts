import { describe, expect, it } from 'vitest';
import { editDistanceWithin } from './edit-distance.js';

describe('edit distance within a limit', () => {
  it('counts substitutions, insertions, deletions and swaps of neighbours', () => {
    expect(editDistanceWithin('human', 'human', 1)).toBe(0);
    expect(editDistanceWithin('humna', 'human', 1)).toBe(1);
    expect(editDistanceWithin('opertor', 'operator', 1)).toBe(1);
    expect(editDistanceWithin('represntative', 'representative', 2)).toBe(1);
    expect(editDistanceWithin('hmuan', 'human', 2)).toBe(1);
  });

  it('gives up past the limit', () => {
    expect(editDistanceWithin('agent', 'urgent', 1)).toBeUndefined();
    expect(editDistanceWithin('cat', 'operator', 2)).toBeUndefined();
    expect(editDistanceWithin('agent', 'urgent', 2)).toBe(2);
  });
});
