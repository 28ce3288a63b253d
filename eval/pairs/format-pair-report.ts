import { formatDecimal, formatPercent } from '../format-numbers.js';
import { formatTable } from '../format-table.js';
import type { PairReport } from './pair-report.js';

export function formatPairReport(report: PairReport): string {
  return [
    `livedesk eval --pairs: ${report.pairsPath} (embedder ${report.embedder}, ${report.similarity})`,
    `threshold ${report.threshold.toFixed(4)} chosen for accuracy on ${report.thresholdSource === 'dev' ? (report.devPath ?? 'the dev pairs') : 'these same pairs (optimistic: no dev file)'}`,
    '',
    formatTable([
      ['pairs', String(report.pairs)],
      ['ROC AUC', formatDecimal(report.auc)],
      ['accuracy at threshold', formatPercent(report.accuracy)],
      ['majority-class accuracy', formatPercent(report.majorityAccuracy)],
      ['"same": precision', formatPercent(report.precision)],
      ['"same": recall', formatPercent(report.recall)],
      ['"same": F1', formatPercent(report.f1)],
      ...(report.devAuc === null ? [] : [['ROC AUC on dev', formatDecimal(report.devAuc)]]),
    ]),
    ...report.notes.map((note) => `note: ${note}`),
  ].join('\n');
}
