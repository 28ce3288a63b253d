import { resolveThresholds, type MatcherConfig } from '../knowledge/matching/matcher-config.js';
import { answerObjective } from './answer-objective.js';
import type { CaseOutcome } from './case-outcome.js';
import { fraction } from './fraction.js';
import { wouldAnswer } from './would-answer.js';

export interface ThresholdPoint {
  answerMinConfidence: number;
  /** In-scope fractions, as in `inScope`. */
  answeredCorrectly: number | null;
  answeredWrongly: number | null;
  outOfScopeAnsweredRate: number | null;
  objective: number;
}

/** 0.05, 0.06, ... 0.95: computed from integers so every value prints as written. */
export function confidenceGrid(from = 5, to = 95): number[] {
  return Array.from({ length: to - from + 1 }, (_, index) => (from + index) / 100);
}

/**
 * The settings with one answer threshold for every language. Per-language overrides keep their other
 * thresholds (a language's score floor, say), and clarifying never starts above answering.
 */
export function withAnswerThreshold(config: MatcherConfig, answerMinConfidence: number): MatcherConfig {
  const clamp = (clarifyMinConfidence: number) => Math.min(clarifyMinConfidence, answerMinConfidence);
  return {
    ...config,
    thresholds: {
      ...config.thresholds,
      answerMinConfidence,
      clarifyMinConfidence: clamp(config.thresholds.clarifyMinConfidence),
    },
    thresholdsByLocale: Object.fromEntries(
      Object.entries(config.thresholdsByLocale).map(
        ([locale, { answerMinConfidence: _replaced, ...overrides }]) => [
          locale,
          overrides.clarifyMinConfidence === undefined
            ? overrides
            : { ...overrides, clarifyMinConfidence: clamp(overrides.clarifyMinConfidence) },
        ],
      ),
    ),
  };
}

export interface ThresholdCurveOptions {
  config: MatcherConfig;
  wrongAnswerCost: number;
  grid?: readonly number[];
}

/** Answered right against answered wrong as the answer threshold moves over the grid. */
export function thresholdCurve(
  outcomes: readonly CaseOutcome[],
  options: ThresholdCurveOptions,
): ThresholdPoint[] {
  const inScopeCount = outcomes.filter((outcome) => outcome.expected !== null).length;
  const outOfScopeCount = outcomes.length - inScopeCount;
  return (options.grid ?? confidenceGrid()).map((answerMinConfidence) => {
    const config = withAnswerThreshold(options.config, answerMinConfidence);
    let right = 0;
    let wrongInScope = 0;
    let answeredOutOfScope = 0;
    for (const outcome of outcomes) {
      if (!wouldAnswer(outcome, resolveThresholds(config, outcome.language))) continue;
      if (outcome.expected === null) answeredOutOfScope += 1;
      else if (outcome.rank === 1) right += 1;
      else wrongInScope += 1;
    }
    return {
      answerMinConfidence,
      answeredCorrectly: fraction(right, inScopeCount),
      answeredWrongly: fraction(wrongInScope, inScopeCount),
      outOfScopeAnsweredRate: fraction(answeredOutOfScope, outOfScopeCount),
      objective: answerObjective(
        { cases: outcomes.length, right, wrong: wrongInScope + answeredOutOfScope },
        options.wrongAnswerCost,
      ),
    };
  });
}
