import type { CaseOutcome } from './case-outcome.js';
import { fraction } from './fraction.js';

/** How well questions without an answer are left unanswered (handed over or clarified instead). */
export interface OutOfScopeMetrics {
  count: number;
  /** Out-of-scope cases that got an answer anyway: lower is better. */
  answeredRate: number | null;
  /** Of all cases left unanswered (in scope or not), the share that really had no answer; null without out-of-scope cases. */
  precision: number | null;
  /** Of the out-of-scope cases, the share left unanswered (1 − answeredRate). */
  recall: number | null;
}

export function outOfScopeMetrics(outcomes: readonly CaseOutcome[]): OutOfScopeMetrics {
  let count = 0;
  let answered = 0;
  let unanswered = 0;
  let unansweredOutOfScope = 0;
  for (const outcome of outcomes) {
    const outOfScope = outcome.expected === null;
    const isAnswered = outcome.answeredId !== null;
    if (outOfScope) count += 1;
    if (outOfScope && isAnswered) answered += 1;
    if (!isAnswered) unanswered += 1;
    if (!isAnswered && outOfScope) unansweredOutOfScope += 1;
  }
  return {
    count,
    answeredRate: fraction(answered, count),
    precision: count === 0 ? null : fraction(unansweredOutOfScope, unanswered),
    recall: fraction(unansweredOutOfScope, count),
  };
}
