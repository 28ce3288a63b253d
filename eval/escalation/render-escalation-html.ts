import { escapeHtml } from '../escape-html.js';
import { formatPercent } from '../format-numbers.js';
import type { EscalationOutcome } from './escalation-outcome.js';
import type { EscalationMetrics, EscalationScores } from './escalation-metrics.js';
import { describeVerdict } from './format-escalation.js';

const cell = (text: string) => `<td>${escapeHtml(text)}</td>`;

function scoresTable(escalation: EscalationMetrics): string {
  const locales = Object.keys(escalation.byLocale);
  const scopes: EscalationScores[] = [escalation, ...locales.map((locale) => escalation.byLocale[locale]!)];
  const rows: [string, (scores: EscalationScores) => string][] = [
    ['labelled cases', (scores) => String(scores.count)],
    ['should escalate', (scores) => String(scores.shouldEscalate)],
    ['escalated', (scores) => String(scores.escalated)],
    ['precision', (scores) => formatPercent(scores.precision)],
    ['recall', (scores) => formatPercent(scores.recall)],
    ['F1', (scores) => formatPercent(scores.f1)],
  ];
  const header = `<tr><th></th><th>all</th>${locales.map((locale) => `<th>${escapeHtml(locale)}</th>`).join('')}</tr>`;
  const body = rows.map(
    ([label, value]) => `<tr>${cell(label)}${scopes.map((scores) => cell(value(scores))).join('')}</tr>`,
  );
  return `<table>${header}${body.join('')}</table>`;
}

function reasonTable(escalation: EscalationMetrics): string {
  const header =
    '<tr><th>reason label</th><th>cases</th><th>should escalate</th><th>escalated</th><th>policy named the reason</th></tr>';
  const body = Object.entries(escalation.byReason).map(
    ([label, metrics]) =>
      `<tr>${cell(label)}${cell(String(metrics.count))}${cell(String(metrics.shouldEscalate))}${cell(formatPercent(metrics.escalatedRate))}${cell(formatPercent(metrics.reasonAccuracy))}</tr>`,
  );
  return `<table>${header}${body.join('')}</table>`;
}

function caseRow(outcome: EscalationOutcome): string {
  const tier = outcome.tier === 'vip' ? ' · vip' : '';
  return (
    `<tr><td>${escapeHtml(outcome.text)}<div class="meta">${escapeHtml(outcome.locale)}${tier}</div></td>` +
    `${cell(outcome.label ?? '')}` +
    `<td>${escapeHtml(describeVerdict(outcome))}<div class="meta">${escapeHtml(outcome.verdict.details.join('; '))}</div></td>` +
    `<td class="number">${outcome.verdict.anger.toFixed(2)}</td>` +
    `<td>${escapeHtml(outcome.matchAction)} <span class="meta">${outcome.confidence.toFixed(2)}</span></td></tr>`
  );
}

function caseTable(outcomes: readonly EscalationOutcome[], empty: string): string {
  if (outcomes.length === 0) return `<p class="meta">${escapeHtml(empty)}</p>`;
  return (
    '<table class="misses"><tr><th>message</th><th>label</th><th>policy</th><th>anger</th><th>match, confidence</th></tr>\n' +
    `${outcomes.map(caseRow).join('\n')}\n</table>`
  );
}

/** The escalation section of the HTML report; everything from the report is escaped. */
export function renderEscalationHtml(escalation: EscalationMetrics): string {
  return `<h2>Escalation</h2>
<p class="meta">Each case with an <code>escalate</code> label, run as a viewer's first message through the signal detectors and the ${escapeHtml(escalation.policy)} policy preset. Precision: of the cases escalated, the share labelled to escalate; recall: of those labelled to escalate, the share escalated.</p>
${scoresTable(escalation)}
${reasonTable(escalation)}
<h3>Escalated but should not have been (${escalation.falsePositives})</h3>
<p class="meta">Most urgent first, then the most confident matches: a person paged for a question the assistant could answer.</p>
${caseTable(escalation.worstFalsePositives, 'None.')}
<h3>Should have been escalated (${escalation.falseNegatives})</h3>
${caseTable(escalation.missedEscalations, 'None.')}`;
}
