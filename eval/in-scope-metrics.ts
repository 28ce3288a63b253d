import type { CaseOutcome } from './case-outcome.js';
import { fraction } from './fraction.js';

/** A clarifying decision offers three candidates, so ranks are known down to 3 for every case. */
export const RANK_CUTOFF = 3;

/** How well questions that have an answer get it; fractions of the in-scope cases, null when there are none. */
export interface InScopeMetrics {
  count: number;
  /** The expected entry ranked first, whatever the thresholds decided. */
  top1Accuracy: number | null;
  top3Accuracy: number | null;
  /** Mean of 1/rank of the expected entry, counting 0 when it is not among the top 3 (MRR@3). */
  mrr: number | null;
  /** Answered, with the expected entry. */
  answeredCorrectly: number | null;
  /** Answered, with another entry: the viewer got a wrong reply. */
  answeredWrongly: number | null;
}

export function inScopeMetrics(outcomes: readonly CaseOutcome[]): InScopeMetrics {
  const inScope = outcomes.filter((outcome) => outcome.expected !== null);
  let top1 = 0;
  let top3 = 0;
  let reciprocalRanks = 0;
  let answeredCorrectly = 0;
  let answeredWrongly = 0;
  for (const outcome of inScope) {
    const rank = outcome.rank;
    if (rank === 1) top1 += 1;
    if (rank !== null && rank <= RANK_CUTOFF) {
      top3 += 1;
      reciprocalRanks += 1 / rank;
    }
    if (outcome.answeredId === null) continue;
    if (outcome.answeredId === outcome.expected) answeredCorrectly += 1;
    else answeredWrongly += 1;
  }
  const count = inScope.length;
  return {
    count,
    top1Accuracy: fraction(top1, count),
    top3Accuracy: fraction(top3, count),
    mrr: fraction(reciprocalRanks, count),
    answeredCorrectly: fraction(answeredCorrectly, count),
    answeredWrongly: fraction(answeredWrongly, count),
  };
}
