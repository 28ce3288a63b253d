import type { CaseOutcome } from './case-outcome.js';
import { inScopeMetrics, type InScopeMetrics } from './in-scope-metrics.js';
import { latencySummary, type LatencySummary } from './latency-summary.js';
import { outOfScopeMetrics, type OutOfScopeMetrics } from './out-of-scope-metrics.js';

export interface ScopeMetrics {
  cases: number;
  inScope: InScopeMetrics;
  outOfScope: OutOfScopeMetrics;
}

export interface OutcomeScores extends ScopeMetrics {
  /** The same blocks per case language, languages in alphabetical order. */
  byLocale: Record<string, ScopeMetrics>;
  latencyMs: LatencySummary;
}

function scopeMetrics(outcomes: readonly CaseOutcome[]): ScopeMetrics {
  return {
    cases: outcomes.length,
    inScope: inScopeMetrics(outcomes),
    outOfScope: outOfScopeMetrics(outcomes),
  };
}

/** Every metric the eval reports about answering, overall and per language. */
export function scoreOutcomes(outcomes: readonly CaseOutcome[]): OutcomeScores {
  const locales = [...new Set(outcomes.map((outcome) => outcome.locale))].sort();
  return {
    ...scopeMetrics(outcomes),
    byLocale: Object.fromEntries(
      locales.map((locale) => [
        locale,
        scopeMetrics(outcomes.filter((outcome) => outcome.locale === locale)),
      ]),
    ),
    latencyMs: latencySummary(outcomes.map((outcome) => outcome.latencyMs)),
  };
}
