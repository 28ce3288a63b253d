import type { CandidateSummary, CaseOutcome } from './case-outcome.js';

export type MissKind = 'answered-wrong-entry' | 'answered-out-of-scope' | 'expected-not-first';

export interface Miss {
  kind: MissKind;
  text: string;
  expected: string | null;
  locale: string;
  action: CaseOutcome['action'];
  answeredId: string | null;
  confidence: number;
  rank: number | null;
  reason: string;
  candidates: CandidateSummary[];
}

function missKind(outcome: CaseOutcome): MissKind | undefined {
  if (outcome.answeredId !== null && outcome.expected === null) return 'answered-out-of-scope';
  if (outcome.answeredId !== null && outcome.answeredId !== outcome.expected) return 'answered-wrong-entry';
  if (outcome.expected !== null && outcome.rank !== 1) return 'expected-not-first';
  return undefined;
}

/**
 * The mistakes worth reading first: wrong replies before ranking misses that were handed over anyway,
 * and within each, the most confident first (those are what thresholds cannot fix).
 */
export function worstMisses(outcomes: readonly CaseOutcome[], limit: number): Miss[] {
  const misses: Miss[] = [];
  for (const outcome of outcomes) {
    const kind = missKind(outcome);
    if (kind === undefined) continue;
    const { text, expected, locale, action, answeredId, confidence, rank, reason, candidates } = outcome;
    misses.push({ kind, text, expected, locale, action, answeredId, confidence, rank, reason, candidates });
  }
  const severity = (miss: Miss) => (miss.answeredId === null ? 1 : 0);
  return misses
    .sort((first, second) => severity(first) - severity(second) || second.confidence - first.confidence)
    .slice(0, limit);
}
