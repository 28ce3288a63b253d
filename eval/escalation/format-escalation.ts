import { formatPercent } from '../format-numbers.js';
import { formatTable } from '../format-table.js';
import type { EscalationOutcome } from './escalation-outcome.js';
import type { EscalationMetrics, EscalationScores } from './escalation-metrics.js';

const CASES_SHOWN = 5;

/** What the policy did, in one phrase: "escalate [anger, low_confidence] high → complaints". */
export function describeVerdict(outcome: EscalationOutcome): string {
  const { verdict } = outcome;
  if (verdict.action !== 'escalate') {
    return outcome.answeredId === null ? verdict.action : `${verdict.action} ${outcome.answeredId}`;
  }
  return `escalate [${verdict.reasons.join(', ')}] ${verdict.priority ?? ''} → ${verdict.team ?? ''}`;
}

function describeCase(outcome: EscalationOutcome): string {
  const label = `${outcome.label ?? 'no reason'}${outcome.tier === 'vip' ? ', vip' : ''}`;
  const details = outcome.verdict.details.length > 0 ? `: ${outcome.verdict.details.join('; ')}` : '';
  return `  ${JSON.stringify(outcome.text)} (${label}) → ${describeVerdict(outcome)}, anger ${outcome.verdict.anger.toFixed(2)}${details}`;
}

/** The escalation block of the terminal report: overall and per language, then per reason label, then the worst cases. */
export function formatEscalation(escalation: EscalationMetrics): string {
  const locales = Object.keys(escalation.byLocale);
  const scopes: EscalationScores[] = [escalation, ...locales.map((locale) => escalation.byLocale[locale]!)];
  const rows: [string, (scores: EscalationScores) => string][] = [
    ['labelled cases', (scores) => String(scores.count)],
    ['  should escalate', (scores) => String(scores.shouldEscalate)],
    ['  escalated', (scores) => String(scores.escalated)],
    ['  precision', (scores) => formatPercent(scores.precision)],
    ['  recall', (scores) => formatPercent(scores.recall)],
    ['  F1', (scores) => formatPercent(scores.f1)],
  ];
  const overall = formatTable([
    ['escalation', 'all', ...locales],
    ...rows.map(([label, cell]) => [label, ...scopes.map(cell)]),
  ]);
  const byReason = formatTable([
    ['by reason', 'cases', 'should', 'escalated', 'reason named'],
    ...Object.entries(escalation.byReason).map(([label, metrics]) => [
      `  ${label}`,
      String(metrics.count),
      String(metrics.shouldEscalate),
      formatPercent(metrics.escalatedRate),
      formatPercent(metrics.reasonAccuracy),
    ]),
  ]);
  const falseAlarms = escalation.worstFalsePositives.slice(0, CASES_SHOWN).map(describeCase);
  const missed = escalation.missedEscalations.slice(0, CASES_SHOWN).map(describeCase);
  return [
    `escalation policy: ${escalation.policy} preset, each case as a viewer's first message`,
    overall,
    '',
    byReason,
    ...(falseAlarms.length > 0
      ? [
          '',
          `escalated but should not have been (${escalation.falsePositives}, worst first):`,
          ...falseAlarms,
        ]
      : []),
    ...(missed.length > 0
      ? ['', `should have been escalated (${escalation.falseNegatives}):`, ...missed]
      : []),
  ].join('\n');
}
