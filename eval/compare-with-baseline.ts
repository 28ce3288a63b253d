import { LivedeskError } from '../knowledge/errors.js';
import type { BaselineReport } from './baseline-report.js';

export type Direction = 'higher-is-better' | 'lower-is-better';

interface MetricDefinition {
  path: string;
  direction: Direction;
  /** Latency depends on the machine, so it is shown but never fails a run. */
  gated: boolean;
}

const metric = (path: string, direction: Direction = 'higher-is-better', gated = true): MetricDefinition => ({
  path,
  direction,
  gated,
});

const SCOPE_METRICS = [
  metric('inScope.top1Accuracy'),
  metric('inScope.top3Accuracy'),
  metric('inScope.mrr'),
  metric('inScope.answeredCorrectly'),
  metric('inScope.answeredWrongly', 'lower-is-better'),
  metric('outOfScope.answeredRate', 'lower-is-better'),
  metric('outOfScope.precision'),
  metric('outOfScope.recall'),
];

const CASE_METRICS: MetricDefinition[] = [
  ...SCOPE_METRICS,
  metric('escalation.precision'),
  metric('escalation.recall'),
  // The harmonic mean of the two gated above: shown, not gated twice.
  metric('escalation.f1', 'higher-is-better', false),
  metric('latencyMs.p50', 'lower-is-better', false),
  metric('latencyMs.p95', 'lower-is-better', false),
  metric('latencyMs.p99', 'lower-is-better', false),
];

/** Per reason label: the escalated share (recall, or false alarms for match and oos labels) and the reason named. */
const REASON_METRICS: MetricDefinition[] = [metric('escalatedRate'), metric('reasonAccuracy')];

const PAIR_METRICS: MetricDefinition[] = [metric('auc'), metric('accuracy'), metric('f1')];

export interface MetricComparison {
  metric: string;
  direction: Direction;
  baseline: number;
  current: number;
  /** current − baseline. */
  difference: number;
  gated: boolean;
  /** Worse than the baseline by more than the tolerance, in the metric's own direction. */
  regressed: boolean;
}

export interface BaselineComparison {
  tolerance: number;
  rows: MetricComparison[];
  regressions: MetricComparison[];
  /** Metrics one side lacks (no out-of-scope cases, say): not compared. */
  skipped: string[];
  warnings: string[];
}

function valueAt(report: unknown, path: string): number | null {
  let value: unknown = report;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null) return null;
    value = (value as Record<string, unknown>)[key];
  }
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function compareMetrics(
  definitions: readonly MetricDefinition[],
  options: { current: unknown; baseline: unknown; tolerance: number; prefix: string; gated: boolean },
): { rows: MetricComparison[]; skipped: string[] } {
  const rows: MetricComparison[] = [];
  const skipped: string[] = [];
  for (const definition of definitions) {
    const name = `${options.prefix}${definition.path}`;
    const currentValue = valueAt(options.current, definition.path);
    const baselineValue = valueAt(options.baseline, definition.path);
    if (currentValue === null || baselineValue === null) {
      if (currentValue !== baselineValue) skipped.push(name);
      continue;
    }
    const difference = currentValue - baselineValue;
    const worsening = definition.direction === 'higher-is-better' ? -difference : difference;
    const gated = definition.gated && options.gated;
    // A hair of slack so 0.1 + 0.02 style float noise never decides a gate.
    const regressed = gated && worsening > options.tolerance + 1e-9;
    rows.push({
      metric: name,
      direction: definition.direction,
      baseline: baselineValue,
      current: currentValue,
      difference,
      gated,
      regressed,
    });
  }
  return { rows, skipped };
}

/**
 * The change of every metric since the baseline. A run regresses when any gated metric got worse by more
 * than `tolerance` (absolute): a fall for most metrics, a rise for answeredWrongly and
 * outOfScope.answeredRate. Per-language rows are shown but not gated: they rest on fewer cases.
 */
export function compareWithBaseline(
  current: { kind: string; embedder: string },
  baseline: BaselineReport,
  options: { tolerance: number },
): BaselineComparison {
  const { tolerance } = options;
  const warnings: string[] = [];
  if (current.kind !== baseline.kind) {
    throw new LivedeskError(
      'invalid_input',
      `the baseline is a ${baseline.kind} report, this run is a ${current.kind}`,
    );
  }
  if (baseline.embedder !== undefined && baseline.embedder !== current.embedder) {
    warnings.push(`the baseline used the embedder ${baseline.embedder}, this run ${current.embedder}`);
  }
  const rows: MetricComparison[] = [];
  const skipped: string[] = [];
  const add = (result: { rows: MetricComparison[]; skipped: string[] }) => {
    rows.push(...result.rows);
    skipped.push(...result.skipped);
  };
  if (baseline.kind === 'livedesk-pair-eval') {
    add(compareMetrics(PAIR_METRICS, { current, baseline, tolerance, prefix: '', gated: true }));
  } else {
    add(compareMetrics(CASE_METRICS, { current, baseline, tolerance, prefix: '', gated: true }));
    const currentByLocale = (current as { byLocale?: Record<string, unknown> }).byLocale ?? {};
    for (const [locale, baselineScope] of Object.entries(baseline.byLocale ?? {})) {
      add(
        compareMetrics(SCOPE_METRICS, {
          current: currentByLocale[locale],
          baseline: baselineScope,
          tolerance,
          prefix: `byLocale.${locale}.`,
          gated: false,
        }),
      );
    }
    const currentByReason =
      (current as { escalation?: { byReason?: Record<string, unknown> } | null }).escalation?.byReason ?? {};
    for (const [label, baselineReason] of Object.entries(baseline.escalation?.byReason ?? {})) {
      const definitions = REASON_METRICS.map((definition) =>
        // A label none of whose cases should escalate (match, oos): escalating them is the mistake.
        definition.path === 'escalatedRate' && baselineReason.shouldEscalate === 0
          ? { ...definition, direction: 'lower-is-better' as const }
          : definition,
      );
      add(
        compareMetrics(definitions, {
          current: currentByReason[label],
          baseline: baselineReason,
          tolerance,
          prefix: `escalation.byReason.${label}.`,
          gated: false,
        }),
      );
    }
  }
  return { tolerance, rows, regressions: rows.filter((row) => row.regressed), skipped, warnings };
}
