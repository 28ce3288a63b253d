import { describe, expect, it } from 'vitest';
import { DEFAULT_MATCHER_CONFIG, type MatcherConfig } from '../knowledge/matching/matcher-config.js';
import { chooseThresholds } from './choose-thresholds.js';
import { withAnswerThreshold } from './threshold-curve.js';
import { makeOutcome } from './test-support/make-outcome.js';
import { wouldAnswer } from './would-answer.js';

const config: MatcherConfig = {
  ...DEFAULT_MATCHER_CONFIG,
  thresholds: {
    answerMinConfidence: 0.5,
    clarifyMinConfidence: 0.3,
    clarifyMinRatio: 0.95,
    minFusedScore: 0,
  },
  thresholdsByLocale: {},
};

// Five dev cases, every best candidate far ahead of its runner-up:
//   confidence 0.9, 0.8, 0.7: expected entry first (answering them is right)
//   confidence 0.6: another entry first (answering it is wrong)
//   confidence 0.4: out of scope (answering it is wrong)
const devOutcomes = [
  makeOutcome({ confidence: 0.9, rank: 1 }),
  makeOutcome({ confidence: 0.8, rank: 1 }),
  makeOutcome({ confidence: 0.7, rank: 1 }),
  makeOutcome({ confidence: 0.6, rank: 2 }),
  makeOutcome({ confidence: 0.4, expected: null, rank: null }),
];

describe('chooseThresholds', () => {
  it('picks the middle of the best stretch of answer thresholds', () => {
    // Objective with a wrong reply costing 2: (right − 2·wrong) / 5.
    //   t ≤ 0.40: all answered, 3 right, 2 wrong → −0.2;  0.40 < t ≤ 0.60: 3 right, 1 wrong → 0.2
    //   0.60 < t ≤ 0.70: 3 right → 0.6 (the best);  0.70 < t ≤ 0.80: 0.4;  0.80 < t ≤ 0.90: 0.2;  above: 0
    // Best stretch on the grid: 0.61 … 0.70 (10 values); its middle (index 4) is 0.65.
    const choice = chooseThresholds(devOutcomes, { config, wrongAnswerCost: 2 });

    expect(choice.answerMinConfidence).toBe(0.65);
    expect(choice.objective).toBeCloseTo(0.6, 12);
    expect(choice.config.thresholds).toEqual({ ...config.thresholds, answerMinConfidence: 0.65 });
    expect(choice.curve).toHaveLength(91);
    expect(choice.curve.find((point) => point.answerMinConfidence === 0.5)).toMatchObject({
      answeredCorrectly: 3 / 4,
      answeredWrongly: 1 / 4,
      outOfScopeAnsweredRate: 0,
    });
  });

  it('answers more when wrong replies cost nothing', () => {
    // Cost 0: the objective is right / 5, 3/5 for every t ≤ 0.70: the stretch 0.05 … 0.70 (66 values), middle index 32 → 0.37.
    expect(chooseThresholds(devOutcomes, { config, wrongAnswerCost: 0 }).answerMinConfidence).toBe(0.37);
  });

  it('never lets clarifying start above answering, and drops per-language answer thresholds it replaces', () => {
    const withOverrides: MatcherConfig = {
      ...config,
      thresholdsByLocale: { en: { answerMinConfidence: 0.9, minFusedScore: 0.15 } },
    };

    expect(withAnswerThreshold(withOverrides, 0.2)).toMatchObject({
      thresholds: { answerMinConfidence: 0.2, clarifyMinConfidence: 0.2 },
      thresholdsByLocale: { en: { minFusedScore: 0.15 } },
    });
  });
});

describe('wouldAnswer', () => {
  const thresholds = config.thresholds;

  it('follows the matcher: a close runner-up or a score under the floor is not answered', () => {
    expect(wouldAnswer({ confidence: 0.9, bestFused: 0.5, runnerUpFused: 0.1 }, thresholds)).toBe(true);
    expect(wouldAnswer({ confidence: 0.9, bestFused: 0.5, runnerUpFused: 0.48 }, thresholds)).toBe(false);
    expect(
      wouldAnswer(
        { confidence: 0.9, bestFused: 0.1, runnerUpFused: null },
        { ...thresholds, minFusedScore: 0.15 },
      ),
    ).toBe(false);
    expect(wouldAnswer({ confidence: 0.4, bestFused: 0.5, runnerUpFused: null }, thresholds)).toBe(false);
    expect(wouldAnswer({ confidence: 0, bestFused: null, runnerUpFused: null }, thresholds)).toBe(false);
  });
});
