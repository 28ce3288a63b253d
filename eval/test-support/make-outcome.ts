import type { CaseOutcome } from '../case-outcome.js';

/** A case outcome with plain defaults: an English in-scope case whose expected entry ranked first, not answered. */
export function makeOutcome(overrides: Partial<CaseOutcome> = {}): CaseOutcome {
  return {
    text: 'a question',
    expected: 'entry',
    locale: 'en',
    language: 'en',
    action: 'none',
    answeredId: null,
    rank: 1,
    confidence: 0.5,
    bestFused: 0.5,
    runnerUpFused: 0.1,
    latencyMs: 1,
    reason: 'test',
    candidates: [],
    ...overrides,
  };
}
