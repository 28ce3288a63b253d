import { describe, expect, it } from 'vitest';
import { bigramJaccard } from './bigram-similarity.js';

describe('character-bigram similarity', () => {
  it('is 1 for the same question written differently', () => {
    expect(bigramJaccard('礼物没到账', '礼物没到账？？')).toBe(1);
    expect(bigramJaccard('Where is my GIFT?', 'where is my gift')).toBe(1);
    expect(bigramJaccard('充值', '充值')).toBe(1);
  });

  it('is high for the same question reworded a little', () => {
    expect(bigramJaccard('充值怎么还没到账', '充值还没到账')).toBeGreaterThanOrEqual(0.5);
  });

  it('is low for different questions', () => {
    expect(bigramJaccard('怎么开通会员', '礼物没到账')).toBeLessThan(0.2);
  });

  it('is 0 when either side has no letters or digits', () => {
    expect(bigramJaccard('？？？', '礼物')).toBe(0);
    expect(bigramJaccard('', '')).toBe(0);
  });
});
