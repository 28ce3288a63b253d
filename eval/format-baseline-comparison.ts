import type { BaselineComparison, MetricComparison } from './compare-with-baseline.js';
import { formatDifference } from './format-numbers.js';
import { formatTable } from './format-table.js';

const isLatency = (metric: string) => metric.includes('latencyMs');
const isFraction = (metric: string) => !isLatency(metric) && !metric.endsWith('mrr');

function formatValue(metric: string, value: number): string {
  if (isLatency(metric)) return `${value.toFixed(2)} ms`;
  return isFraction(metric) ? `${(value * 100).toFixed(1)}%` : value.toFixed(3);
}

function formatChange(row: MetricComparison): string {
  const change = formatDifference(row.difference, isFraction(row.metric));
  return isLatency(row.metric) ? `${change} ms` : change;
}

/** Per metric: baseline, now, difference, and whether it fails the run. Unchanged per-language rows are only counted. */
export function formatBaselineComparison(comparison: BaselineComparison, baselinePath: string): string {
  const unchangedByLocale = comparison.rows.filter(
    (row) =>
      (row.metric.startsWith('byLocale.') || row.metric.startsWith('escalation.byReason.')) &&
      row.difference === 0,
  );
  const shown = comparison.rows.filter((row) => !unchangedByLocale.includes(row));
  const rows = shown.map((row) => [
    row.metric,
    formatValue(row.metric, row.baseline),
    formatValue(row.metric, row.current),
    formatChange(row),
    row.regressed ? 'REGRESSED' : row.gated ? '' : '(not gated)',
  ]);
  const verdict =
    comparison.regressions.length === 0
      ? `no metric dropped by more than ${comparison.tolerance}`
      : `${comparison.regressions.length} metric(s) dropped by more than ${comparison.tolerance}: ${comparison.regressions.map((row) => row.metric).join(', ')}`;
  return [
    `compared with ${baselinePath} (tolerance ${comparison.tolerance}, absolute):`,
    ...comparison.warnings.map((warning) => `warning: ${warning}`),
    formatTable([['metric', 'baseline', 'now', 'change', ''], ...rows]),
    ...(unchangedByLocale.length > 0
      ? [`${unchangedByLocale.length} per-language and per-reason metrics unchanged`]
      : []),
    ...(comparison.skipped.length > 0
      ? [`not compared (missing on one side): ${comparison.skipped.join(', ')}`]
      : []),
    verdict,
  ].join('\n');
}
