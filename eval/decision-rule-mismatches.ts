import { resolveThresholds, type MatcherConfig } from '../knowledge/matching/matcher-config.js';
import type { CaseOutcome } from './case-outcome.js';
import { wouldAnswer } from './would-answer.js';

/**
 * Cases where `wouldAnswer`, at the settings the cases ran with, disagrees with what the matcher did.
 * Zero unless the matcher's decision rule changed without the eval's copy of it: then the threshold
 * sweep is off, and the report says so rather than tuning on a wrong model.
 */
export function decisionRuleMismatches(outcomes: readonly CaseOutcome[], config: MatcherConfig): number {
  return outcomes.filter(
    (outcome) =>
      wouldAnswer(outcome, resolveThresholds(config, outcome.language)) !== (outcome.action === 'answer'),
  ).length;
}
