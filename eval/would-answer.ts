import type { DecisionThresholds } from '../knowledge/matching/matcher-config.js';
import type { CaseOutcome } from './case-outcome.js';

type DecisionInputs = Pick<CaseOutcome, 'confidence' | 'bestFused' | 'runnerUpFused'>;

/**
 * Whether the matcher would answer this case at other thresholds, by the rule of its decision: an answer
 * needs a best score above the floor, the answer confidence, and no runner-up within the clarify ratio.
 * Confidence and fused scores do not depend on the thresholds, so one run of the cases serves every
 * threshold tried. `decisionRuleMismatches` checks this copy of the rule against the matcher's own.
 */
export function wouldAnswer(outcome: DecisionInputs, thresholds: DecisionThresholds): boolean {
  const { bestFused, runnerUpFused, confidence } = outcome;
  if (bestFused === null || bestFused < thresholds.minFusedScore) return false;
  const close = runnerUpFused !== null && runnerUpFused >= bestFused * thresholds.clarifyMinRatio;
  return confidence >= thresholds.answerMinConfidence && !close;
}
