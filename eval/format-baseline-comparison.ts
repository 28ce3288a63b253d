import type { BaselineComparison } from './compare-with-baseline.js';
import { formatDifference } from './format-numbers.js';
import { formatTable } from './format-table.js';

function isFraction(metric: string): boolean {
  return !metric.includes('latencyMs') && !metric.endsWith('mrr');
}

function formatValue(metric: string, value: number): string {
  if (metric.includes('latencyMs')) return `${value.toFixed(2)} ms`;
  return isFraction(metric) ? `${(value * 100).toFixed(1)}%` : value.toFixed(3);
}

/** Per metric: baseline, now, difference, and whether it fails the run. */
export function formatBaselineComparison(comparison: BaselineComparison, baselinePath: string): string {
  const rows = comparison.rows.map((row) => [
    row.metric,
    formatValue(row.metric, row.baseline),
    formatValue(row.metric, row.current),
    formatDifference(row.difference, isFraction(row.metric) && !row.metric.includes('latencyMs')),
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
    ...(comparison.skipped.length > 0
      ? [`not compared (missing on one side): ${comparison.skipped.join(', ')}`]
      : []),
    verdict,
  ].join('\n');
}
