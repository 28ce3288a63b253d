import { describe, expect, it } from 'vitest';
import { inScopeMetrics } from './in-scope-metrics.js';
import { latencySummary } from './latency-summary.js';
import { outOfScopeMetrics } from './out-of-scope-metrics.js';
import { scoreOutcomes } from './score-outcomes.js';
import { makeOutcome } from './test-support/make-outcome.js';

// Six hand-made cases (the numbers below were worked out by hand from this table):
//   #  locale  expected  rank  action   answered  latency
//   1  zh      A         1     answer   A         5 ms   right entry first, answered right
//   2  zh      B         2     answer   C         1 ms   answered with the wrong entry
//   3  en      C         3     clarify  -         4 ms
//   4  en      D         -     none     -         2 ms   expected entry not among the candidates
//   5  zh      null      -     answer   E         3 ms   out of scope, answered anyway
//   6  en      null      -     none     -        10 ms   out of scope, left unanswered
const outcomes = [
  makeOutcome({ locale: 'zh', expected: 'A', rank: 1, action: 'answer', answeredId: 'A', latencyMs: 5 }),
  makeOutcome({ locale: 'zh', expected: 'B', rank: 2, action: 'answer', answeredId: 'C', latencyMs: 1 }),
  makeOutcome({ locale: 'en', expected: 'C', rank: 3, action: 'clarify', latencyMs: 4 }),
  makeOutcome({ locale: 'en', expected: 'D', rank: null, action: 'none', latencyMs: 2 }),
  makeOutcome({ locale: 'zh', expected: null, rank: null, action: 'answer', answeredId: 'E', latencyMs: 3 }),
  makeOutcome({ locale: 'en', expected: null, rank: null, action: 'none', latencyMs: 10 }),
];

describe('eval metrics on hand-made cases', () => {
  it('scores the in-scope cases', () => {
    // In scope: #1-#4 (4 cases). Top-1: #1 → 1/4. Top-3: #1, #2, #3 → 3/4.
    // MRR@3: (1/1 + 1/2 + 1/3 + 0) / 4 = (11/6) / 4 = 11/24. Answered right: #1 → 1/4; wrong: #2 → 1/4.
    const metrics = inScopeMetrics(outcomes);

    expect(metrics.count).toBe(4);
    expect(metrics.top1Accuracy).toBe(0.25);
    expect(metrics.top3Accuracy).toBe(0.75);
    expect(metrics.mrr).toBeCloseTo(11 / 24, 12);
    expect(metrics.answeredCorrectly).toBe(0.25);
    expect(metrics.answeredWrongly).toBe(0.25);
  });

  it('scores the out-of-scope cases and the precision of not answering', () => {
    // Out of scope: #5, #6. Answered: #5 → 1/2. Unanswered overall: #3, #4, #6, of which out of scope: #6
    // → precision 1/3. Out-of-scope cases left unanswered: #6 → recall 1/2.
    expect(outOfScopeMetrics(outcomes)).toEqual({
      count: 2,
      answeredRate: 0.5,
      precision: 1 / 3,
      recall: 0.5,
    });
  });

  it('breaks the same metrics down by language', () => {
    // zh: #1, #2 in scope (top-1 1/2, top-3 2/2, MRR (1 + 1/2)/2 = 3/4, right 1/2, wrong 1/2) and #5 out of
    // scope (answered 1/1; nothing zh is unanswered → precision unknown; recall 0/1).
    // en: #3, #4 in scope (top-1 0, top-3 1/2, MRR (1/3)/2 = 1/6, right 0, wrong 0) and #6 out of scope
    // (answered 0/1; unanswered #3, #4, #6 → precision 1/3; recall 1/1).
    const { byLocale } = scoreOutcomes(outcomes);

    expect(Object.keys(byLocale)).toEqual(['en', 'zh']);
    expect(byLocale.zh).toEqual({
      cases: 3,
      inScope: {
        count: 2,
        top1Accuracy: 0.5,
        top3Accuracy: 1,
        mrr: 0.75,
        answeredCorrectly: 0.5,
        answeredWrongly: 0.5,
      },
      outOfScope: { count: 1, answeredRate: 1, precision: null, recall: 0 },
    });
    expect(byLocale.en?.inScope).toMatchObject({
      count: 2,
      top1Accuracy: 0,
      top3Accuracy: 0.5,
      answeredCorrectly: 0,
      answeredWrongly: 0,
    });
    expect(byLocale.en?.inScope.mrr).toBeCloseTo(1 / 6, 12);
    expect(byLocale.en?.outOfScope).toEqual({ count: 1, answeredRate: 0, precision: 1 / 3, recall: 1 });
  });

  it('takes nearest-rank latency percentiles', () => {
    // Sorted: 1 2 3 4 5 10. p50: rank ceil(0.5·6) = 3 → 3 ms; p95: ceil(5.7) = 6 → 10 ms; p99: ceil(5.94) = 6 → 10 ms.
    expect(scoreOutcomes(outcomes).latencyMs).toEqual({ p50: 3, p95: 10, p99: 10 });
    // 100 values 1..100: p50 → 50, p95 → 95, p99 → 99.
    expect(latencySummary(Array.from({ length: 100 }, (_, index) => 100 - index))).toEqual({
      p50: 50,
      p95: 95,
      p99: 99,
    });
  });

  it('reports unknown rather than zero when a kind of case is absent', () => {
    const inScopeOnly = outcomes.slice(0, 4);

    expect(outOfScopeMetrics(inScopeOnly)).toEqual({
      count: 0,
      answeredRate: null,
      precision: null,
      recall: null,
    });
    expect(inScopeMetrics(outcomes.slice(4))).toEqual({
      count: 0,
      top1Accuracy: null,
      top3Accuracy: null,
      mrr: null,
      answeredCorrectly: null,
      answeredWrongly: null,
    });
  });
});
