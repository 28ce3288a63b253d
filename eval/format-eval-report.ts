import { formatEscalation } from './escalation/format-escalation.js';
import type { EvalReport } from './eval-report.js';
import { formatDecimal, formatPercent } from './format-numbers.js';
import { formatTable } from './format-table.js';
import type { ScopeMetrics } from './score-outcomes.js';

const MISSES_SHOWN = 5;

type Row = [label: string, cell: (scope: ScopeMetrics) => string];

const ROWS: Row[] = [
  ['cases', (scope) => String(scope.cases)],
  ['in scope', (scope) => String(scope.inScope.count)],
  ['  top-1 accuracy', (scope) => formatPercent(scope.inScope.top1Accuracy)],
  ['  top-3 accuracy', (scope) => formatPercent(scope.inScope.top3Accuracy)],
  ['  MRR@3', (scope) => formatDecimal(scope.inScope.mrr)],
  ['  answered correctly', (scope) => formatPercent(scope.inScope.answeredCorrectly)],
  ['  answered wrongly (lower is better)', (scope) => formatPercent(scope.inScope.answeredWrongly)],
  ['out of scope', (scope) => String(scope.outOfScope.count)],
  ['  answered (lower is better)', (scope) => formatPercent(scope.outOfScope.answeredRate)],
  ['  not answering: precision', (scope) => formatPercent(scope.outOfScope.precision)],
  ['  not answering: recall', (scope) => formatPercent(scope.outOfScope.recall)],
];

function describeThresholds(report: EvalReport): string {
  const { thresholds, tuning } = report;
  const values = `answer ≥ ${thresholds.answerMinConfidence}, clarify ≥ ${thresholds.clarifyMinConfidence}, runner-up ratio ${thresholds.clarifyMinRatio}`;
  const overrides =
    Object.keys(thresholds.byLocale).length > 0
      ? `; per-language overrides ${JSON.stringify(thresholds.byLocale)}`
      : '';
  const source =
    tuning === null
      ? ` (${thresholds.source === 'config' ? `from ${report.configPath ?? 'the settings file'}` : 'defaults'})`
      : ` (chosen on ${tuning.devCases} dev cases: objective ${tuning.devObjective.toFixed(3)} on dev, ${tuning.testObjective.toFixed(3)} here)`;
  const objective = tuning === null ? '' : `\nobjective: ${tuning.objective}`;
  return `thresholds: ${values}${overrides}${source}${objective}`;
}

/** The report as a terminal table: all cases, then one column per language. */
export function formatEvalReport(report: EvalReport): string {
  const locales = Object.keys(report.byLocale);
  const scopes: ScopeMetrics[] = [report, ...locales.map((locale) => report.byLocale[locale]!)];
  const table = formatTable([
    ['', 'all', ...locales],
    ...ROWS.map(([label, cell]) => [label, ...scopes.map(cell)]),
  ]);
  const { latencyMs } = report;
  const misses = report.worstMisses.slice(0, MISSES_SHOWN).map((miss) => {
    const got =
      miss.answeredId === null
        ? `${miss.action}, top ${miss.candidates[0]?.entryId ?? 'none'}`
        : `answered ${miss.answeredId}`;
    return `  ${JSON.stringify(miss.text)} expected ${miss.expected ?? 'no answer'}, ${got} (confidence ${miss.confidence.toFixed(2)})`;
  });
  return [
    `livedesk eval: ${report.casesPath} against ${report.kbPath} (embedder ${report.embedder}, ${report.vectorIndex} index)`,
    describeThresholds(report),
    '',
    table,
    ...(report.escalation === null ? [] : ['', formatEscalation(report.escalation)]),
    '',
    `latency per question: p50 ${latencyMs.p50.toFixed(2)} ms, p95 ${latencyMs.p95.toFixed(2)} ms, p99 ${latencyMs.p99.toFixed(2)} ms`,
    ...report.notes.map((note) => `note: ${note}`),
    ...(misses.length > 0 ? ['', 'worst misses:', ...misses] : []),
  ].join('\n');
}
