export interface BinaryMetrics {
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  count: number;
}

/** Precision, recall, F1 and accuracy of "positive at or above threshold"; 0 where undefined. */
export function binaryMetrics(
  scores: readonly number[],
  labels: readonly boolean[],
  threshold: number,
): BinaryMetrics {
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  let correct = 0;
  scores.forEach((score, index) => {
    const predicted = score > 0 && score >= threshold;
    const actual = labels[index] === true;
    if (predicted && actual) truePositives += 1;
    if (predicted && !actual) falsePositives += 1;
    if (!predicted && actual) falseNegatives += 1;
    if (predicted === actual) correct += 1;
  });
  const precision =
    truePositives + falsePositives === 0 ? 0 : truePositives / (truePositives + falsePositives);
  const recall = truePositives + falseNegatives === 0 ? 0 : truePositives / (truePositives + falseNegatives);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return {
    precision,
    recall,
    f1,
    accuracy: scores.length === 0 ? 0 : correct / scores.length,
    truePositives,
    falsePositives,
    falseNegatives,
    count: scores.length,
  };
}

/**
 * Candidate thresholds: midway between neighbouring distinct positive scores (and just below the
 * lowest), so a chosen threshold sits between the messages it separates, not on one of them.
 */
export function candidateThresholds(scoreSets: readonly (readonly number[])[]): number[] {
  const distinct = [...new Set(scoreSets.flat().filter((score) => score > 0))].sort(
    (first, second) => first - second,
  );
  return distinct.map((score, index) => (index === 0 ? score / 2 : ((distinct[index - 1] ?? 0) + score) / 2));
}

/** The threshold with the best mean F1 over the given sets (one language may have several dev sets). */
export function bestMeanF1Threshold(
  sets: readonly { scores: readonly number[]; labels: readonly boolean[] }[],
): { threshold: number; meanF1: number } {
  let best = { threshold: 0.5, meanF1: -1 };
  for (const threshold of candidateThresholds(sets.map((set) => set.scores))) {
    const meanF1 =
      sets.reduce((sum, set) => sum + binaryMetrics(set.scores, set.labels, threshold).f1, 0) /
      Math.max(1, sets.length);
    if (meanF1 > best.meanF1) best = { threshold, meanF1 };
  }
  return best;
}
