import { describe, expect, it } from 'vitest';
import { bestAccuracyThreshold } from './best-accuracy-threshold.js';
import { pairMetrics } from './pair-metrics.js';
import { rocAuc } from './roc-auc.js';

describe('pair scoring', () => {
  it('computes ROC AUC as the share of positive-negative pairs ranked right, ties counting half', () => {
    // Positives 0.9, 0.7; negatives 0.8, 0.6. Ordered pairs (pos > neg): 0.9>0.8 ✓, 0.9>0.6 ✓, 0.7>0.8 ✗, 0.7>0.6 ✓ → 3/4.
    expect(rocAuc([0.9, 0.8, 0.7, 0.6], [true, false, true, false])).toBe(0.75);
    // One positive and one negative at the same score: half a win.
    expect(rocAuc([0.5, 0.5], [true, false])).toBe(0.5);
    expect(rocAuc([0.1, 0.2], [true, true])).toBeNull();
  });

  it('picks the accuracy-maximising threshold between scores and measures accuracy there', () => {
    // Scores (label): 0.1 F, 0.2 F, 0.3 T, 0.4 F, 0.5 T, 0.6 T. Correct calls with the threshold just above
    // each score: below all 3, >0.1 4, >0.2 5, >0.3 4, >0.4 5, >0.5 4, >0.6 3. The first best is between 0.2 and 0.3.
    const scores = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6];
    const same = [false, false, true, false, true, true];
    const threshold = bestAccuracyThreshold(scores, same);

    expect(threshold).toBeCloseTo(0.25, 12);
    // At 0.25: "same" for 0.3 ✓, 0.4 ✗, 0.5 ✓, 0.6 ✓; "different" for 0.1 ✓, 0.2 ✓ → accuracy 5/6,
    // precision 3/4, recall 3/3, F1 2·0.75·1/1.75 = 6/7, majority 3/6.
    const metrics = pairMetrics({ scores, same, threshold });
    expect(metrics.accuracy).toBeCloseTo(5 / 6, 12);
    expect(metrics.precision).toBe(0.75);
    expect(metrics.recall).toBe(1);
    expect(metrics.f1).toBeCloseTo(6 / 7, 12);
    expect(metrics.majorityAccuracy).toBe(0.5);
  });
});
