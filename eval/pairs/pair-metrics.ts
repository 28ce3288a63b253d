import { fraction } from '../fraction.js';

export interface PairMetrics {
  pairs: number;
  /** Pairs called "same" (score ≥ threshold) or "different" correctly. */
  accuracy: number;
  /** Of the "same" calls, how many were the same. */
  precision: number | null;
  /** Of the same pairs, how many were called "same". */
  recall: number | null;
  f1: number | null;
  /** Always answering the commoner label: the floor to beat. */
  majorityAccuracy: number;
}

/** The calls "same when score ≥ threshold" on labelled pairs (`scores[i]` belongs to `same[i]`), counted. */
export function pairMetrics(options: {
  scores: readonly number[];
  same: readonly boolean[];
  threshold: number;
}): PairMetrics {
  const { scores, same, threshold } = options;
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  let trueNegatives = 0;
  scores.forEach((score, index) => {
    const predicted = score >= threshold;
    const actual = same[index] === true;
    if (predicted && actual) truePositives += 1;
    else if (predicted) falsePositives += 1;
    else if (actual) falseNegatives += 1;
    else trueNegatives += 1;
  });
  const pairs = scores.length;
  const precision = fraction(truePositives, truePositives + falsePositives);
  const recall = fraction(truePositives, truePositives + falseNegatives);
  const f1 =
    precision === null || recall === null || precision + recall === 0
      ? null
      : (2 * precision * recall) / (precision + recall);
  const positives = truePositives + falseNegatives;
  return {
    pairs,
    accuracy: fraction(truePositives + trueNegatives, pairs) ?? 0,
    precision,
    recall,
    f1,
    majorityAccuracy: fraction(Math.max(positives, pairs - positives), pairs) ?? 0,
  };
}
