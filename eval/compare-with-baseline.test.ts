import { describe, expect, it } from 'vitest';
import { BaselineReportSchema, type BaselineReport } from './baseline-report.js';
import { compareWithBaseline } from './compare-with-baseline.js';

function caseReport(
  overrides: { top1?: number; wrong?: number; oosAnswered?: number; p95?: number; zhTop1?: number } = {},
) {
  const scope = (top1: number) => ({
    inScope: {
      count: 100,
      top1Accuracy: top1,
      top3Accuracy: 0.9,
      mrr: 0.85,
      answeredCorrectly: 0.7,
      answeredWrongly: overrides.wrong ?? 0.05,
    },
    outOfScope: {
      count: 20,
      answeredRate: overrides.oosAnswered ?? 0.2,
      precision: 0.5,
      recall: 1 - (overrides.oosAnswered ?? 0.2),
    },
  });
  return {
    kind: 'livedesk-eval' as const,
    embedder: 'builtin-hashed-2048',
    ...scope(overrides.top1 ?? 0.8),
    byLocale: { zh: scope(overrides.zhTop1 ?? 0.8) },
    latencyMs: { p50: 1, p95: overrides.p95 ?? 2, p99: 3 },
  };
}

const baseline: BaselineReport = BaselineReportSchema.parse(caseReport());

describe('compareWithBaseline', () => {
  it('passes when nothing moved', () => {
    const comparison = compareWithBaseline(caseReport(), baseline, { tolerance: 0.02 });

    expect(comparison.regressions).toEqual([]);
    expect(comparison.rows.find((row) => row.metric === 'inScope.top1Accuracy')).toMatchObject({
      baseline: 0.8,
      current: 0.8,
      difference: 0,
    });
  });

  it('fails a metric that dropped by more than the tolerance, not one that dropped by less', () => {
    expect(
      compareWithBaseline(caseReport({ top1: 0.77 }), baseline, { tolerance: 0.02 }).regressions.map(
        (row) => row.metric,
      ),
    ).toEqual(['inScope.top1Accuracy']);
    expect(
      compareWithBaseline(caseReport({ top1: 0.785 }), baseline, { tolerance: 0.02 }).regressions,
    ).toEqual([]);
    expect(
      compareWithBaseline(caseReport({ top1: 0.77 }), baseline, { tolerance: 0.05 }).regressions,
    ).toEqual([]);
  });

  it('counts a rise as a drop for lower-is-better metrics', () => {
    const worse = compareWithBaseline(caseReport({ wrong: 0.08, oosAnswered: 0.3 }), baseline, {
      tolerance: 0.02,
    });

    // oosAnswered 0.2 → 0.3 also lowers recall (0.8 → 0.7), which is higher-is-better.
    expect(worse.regressions.map((row) => row.metric)).toEqual([
      'inScope.answeredWrongly',
      'outOfScope.answeredRate',
      'outOfScope.recall',
    ]);
    expect(
      compareWithBaseline(caseReport({ wrong: 0.01 }), baseline, { tolerance: 0.02 }).regressions,
    ).toEqual([]);
  });

  it('shows latency and per-language changes without failing on them', () => {
    const comparison = compareWithBaseline(caseReport({ p95: 50, zhTop1: 0.5 }), baseline, {
      tolerance: 0.02,
    });

    expect(comparison.regressions).toEqual([]);
    expect(comparison.rows.find((row) => row.metric === 'latencyMs.p95')).toMatchObject({
      gated: false,
      difference: 48,
    });
    expect(comparison.rows.find((row) => row.metric === 'byLocale.zh.inScope.top1Accuracy')).toMatchObject({
      gated: false,
      current: 0.5,
    });
  });

  it('skips a metric one side cannot measure and warns when the embedder differs', () => {
    const noOutOfScope = {
      ...caseReport(),
      embedder: 'other',
      outOfScope: { count: 0, answeredRate: null, precision: null, recall: null },
    };
    const comparison = compareWithBaseline(noOutOfScope, baseline, { tolerance: 0.02 });

    expect(comparison.skipped).toEqual([
      'outOfScope.answeredRate',
      'outOfScope.precision',
      'outOfScope.recall',
    ]);
    expect(comparison.regressions).toEqual([]);
    expect(comparison.warnings).toEqual([
      'the baseline used the embedder builtin-hashed-2048, this run other',
    ]);
  });

  it('gates escalation precision and recall, and shows the per-reason rates in their own direction', () => {
    const withEscalation = (
      precision: number,
      recall: number,
      matchEscalated: number,
      angerEscalated: number,
    ) => ({
      ...caseReport(),
      escalation: {
        precision,
        recall,
        f1: (2 * precision * recall) / (precision + recall),
        byReason: {
          match: { shouldEscalate: 0, escalatedRate: matchEscalated, reasonAccuracy: null },
          anger: { shouldEscalate: 10, escalatedRate: angerEscalated, reasonAccuracy: 1 },
        },
      },
    });
    const escalationBaseline = BaselineReportSchema.parse(withEscalation(0.9, 0.8, 0.05, 0.9));

    const worse = compareWithBaseline(withEscalation(0.85, 0.8, 0.2, 0.7), escalationBaseline, {
      tolerance: 0.02,
    });

    expect(worse.regressions.map((row) => row.metric)).toEqual(['escalation.precision']);
    expect(worse.rows.find((row) => row.metric === 'escalation.f1')).toMatchObject({ gated: false });
    // More calm questions escalated is worse (lower is better); fewer angry ones escalated is worse too.
    expect(worse.rows.find((row) => row.metric === 'escalation.byReason.match.escalatedRate')).toMatchObject({
      direction: 'lower-is-better',
      gated: false,
    });
    expect(worse.rows.find((row) => row.metric === 'escalation.byReason.anger.escalatedRate')).toMatchObject({
      direction: 'higher-is-better',
      difference: expect.closeTo(-0.2, 12) as number,
    });
    expect(
      compareWithBaseline(withEscalation(0.9, 0.7, 0.05, 0.9), escalationBaseline, {
        tolerance: 0.02,
      }).regressions.map((row) => row.metric),
    ).toEqual(['escalation.recall']);
    // A baseline from before escalation was measured compares the rest as before.
    expect(
      compareWithBaseline(withEscalation(0.1, 0.1, 1, 0), baseline, { tolerance: 0.02 }).regressions,
    ).toEqual([]);
  });

  it('refuses to compare a pair report with a case report', () => {
    const pairBaseline = BaselineReportSchema.parse({
      kind: 'livedesk-pair-eval',
      auc: 0.7,
      accuracy: 0.66,
      f1: 0.6,
    });

    expect(() => compareWithBaseline(caseReport(), pairBaseline, { tolerance: 0.02 })).toThrow(
      /pair-eval report/,
    );
    const pairRun = {
      kind: 'livedesk-pair-eval',
      embedder: 'builtin-hashed-2048',
      auc: 0.6,
      accuracy: 0.66,
      f1: 0.6,
    };
    expect(
      compareWithBaseline(pairRun, pairBaseline, { tolerance: 0.02 }).regressions.map((row) => row.metric),
    ).toEqual(['auc']);
  });
});
