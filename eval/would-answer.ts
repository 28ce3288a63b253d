import type { DecisionThresholds } from '../knowledge/matching/matcher-config.js';
import type { CaseOutcome } from './case-outcome.js';

type DecisionInputs = Pick<CaseOutcome, 'confidence' | 'bestFused' | 'runnerUpFused'>;

/**
 * Whether the matcher would answer this case at other thresholds: the same rule as its decision (an answer
 * needs the confidence and no runner-up within the clarify ratio). Confidence and fused scores do not
 * depend on the thresholds, so one run of the cases serves every threshold tried.
 */
export function wouldAnswer(outcome: DecisionInputs, thresholds: DecisionThresholds): boolean {
  if (outcome.bestFused === null || outcome.confidence < thresholds.clarifyMinConfidence) return false;
  const close = outcome.runnerUpFused !== null && outcome.runnerUpFused >= outcome.bestFused * thresholds.clarifyMinRatio;
  return outcome.confidence >= thresholds.answerMinConfidence && !close;
}
