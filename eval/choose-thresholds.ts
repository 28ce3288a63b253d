import type { MatcherConfig } from '../knowledge/matching/matcher-config.js';
import type { CaseOutcome } from './case-outcome.js';
import {
  thresholdCurve,
  withAnswerThreshold,
  type ThresholdCurveOptions,
  type ThresholdPoint,
} from './threshold-curve.js';

export interface ThresholdChoice {
  /** The settings the cases ran with, the chosen answer threshold in place. */
  config: MatcherConfig;
  answerMinConfidence: number;
  /** The objective at the chosen threshold, on the cases it was chosen on. */
  objective: number;
  curve: ThresholdPoint[];
}

/**
 * The answer threshold that maximises the objective on labelled (dev) cases. Several thresholds often tie:
 * no case's confidence falls between them. The middle of the first tied stretch is kept, as far as
 * possible from the cases on either side, so the choice does not hinge on one case.
 */
export function chooseThresholds(
  outcomes: readonly CaseOutcome[],
  options: ThresholdCurveOptions,
): ThresholdChoice {
  const curve = thresholdCurve(outcomes, options);
  if (curve.length === 0) throw new Error('chooseThresholds needs a non-empty grid');
  const best = Math.max(...curve.map((point) => point.objective));
  const start = curve.findIndex((point) => point.objective === best);
  let end = start;
  while (end + 1 < curve.length && curve[end + 1]!.objective === best) end += 1;
  const chosen = curve[Math.floor((start + end) / 2)]!;
  return {
    config: withAnswerThreshold(options.config, chosen.answerMinConfidence),
    answerMinConfidence: chosen.answerMinConfidence,
    objective: chosen.objective,
    curve,
  };
}
