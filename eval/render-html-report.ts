import { createHash } from 'node:crypto';
import type { CandidateSummary } from './case-outcome.js';
import { renderEscalationHtml } from './escalation/render-escalation-html.js';
import { escapeHtml, jsonForScript } from './escape-html.js';
import type { EvalReport } from './eval-report.js';
import { formatDecimal, formatPercent } from './format-numbers.js';
import { HTML_REPORT_SCRIPT } from './html-report-script.js';
import type { ScopeMetrics } from './score-outcomes.js';
import type { Miss } from './worst-misses.js';

const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 1100px; color: #222; padding: 0 1rem; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.15rem; margin-top: 2rem; } h3 { font-size: 1rem; margin-top: 1.2rem; }
table { border-collapse: collapse; margin: .5rem 0; }
th, td { border-bottom: 1px solid #ddd; padding: .3rem .6rem; text-align: right; vertical-align: top; }
th:first-child, td:first-child { text-align: left; }
.misses td, .misses th { text-align: left; } .misses td.number { text-align: right; }
.meta { color: #555; } .note { color: #7a4b00; }
.candidate { margin: 0 0 .4rem; } .terms { color: #555; }
code { background: #f3f3f3; padding: 0 .2rem; }
`;

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64');

function scopeTable(report: EvalReport): string {
  const locales = Object.keys(report.byLocale);
  const scopes: ScopeMetrics[] = [report, ...locales.map((locale) => report.byLocale[locale]!)];
  const rows: [string, (scope: ScopeMetrics) => string][] = [
    ['cases', (scope) => String(scope.cases)],
    ['in scope', (scope) => String(scope.inScope.count)],
    ['top-1 accuracy', (scope) => formatPercent(scope.inScope.top1Accuracy)],
    ['top-3 accuracy', (scope) => formatPercent(scope.inScope.top3Accuracy)],
    ['MRR@3', (scope) => formatDecimal(scope.inScope.mrr)],
    ['answered correctly', (scope) => formatPercent(scope.inScope.answeredCorrectly)],
    ['answered wrongly (lower is better)', (scope) => formatPercent(scope.inScope.answeredWrongly)],
    ['out of scope', (scope) => String(scope.outOfScope.count)],
    ['out of scope answered (lower is better)', (scope) => formatPercent(scope.outOfScope.answeredRate)],
    ['not answering: precision', (scope) => formatPercent(scope.outOfScope.precision)],
    ['not answering: recall', (scope) => formatPercent(scope.outOfScope.recall)],
  ];
  const header = `<tr><th></th><th>all</th>${locales.map((locale) => `<th>${escapeHtml(locale)}</th>`).join('')}</tr>`;
  const body = rows.map(
    ([label, cell]) =>
      `<tr><td>${escapeHtml(label)}</td>${scopes.map((scope) => `<td>${escapeHtml(cell(scope))}</td>`).join('')}</tr>`,
  );
  return `<table>${header}${body.join('')}</table>`;
}

function describeCandidate(candidate: CandidateSummary, rank: number): string {
  const nearest =
    candidate.nearestPhrasingText === null
      ? ''
      : `; nearest phrasing “${escapeHtml(candidate.nearestPhrasingText)}”`;
  const terms =
    candidate.sharedTerms.length > 0
      ? `<div class="terms">shared terms: ${escapeHtml(candidate.sharedTerms.join(', '))}</div>`
      : '';
  return (
    `<div class="candidate">${rank}. <code>${escapeHtml(candidate.entryId)}</code> confidence ${candidate.confidence.toFixed(2)}: ` +
    `fused ${candidate.fused.toFixed(3)} = prototype ${candidate.prototype.toFixed(3)}, nearest ${candidate.nearestPhrasing.toFixed(3)}, lexical ${candidate.lexical.toFixed(3)}${nearest}${terms}</div>`
  );
}

function missRow(miss: Miss): string {
  const outcome =
    miss.answeredId === null
      ? `${miss.action} (not answered)`
      : `answered <code>${escapeHtml(miss.answeredId)}</code>`;
  return (
    `<tr><td>${escapeHtml(miss.text)}<div class="meta">${escapeHtml(miss.locale)} · ${escapeHtml(miss.kind)}</div></td>` +
    `<td>${miss.expected === null ? 'no answer' : `<code>${escapeHtml(miss.expected)}</code>`}</td>` +
    `<td>${outcome}<div class="meta">${escapeHtml(miss.reason)}</div></td>` +
    `<td class="number">${miss.confidence.toFixed(2)}</td>` +
    `<td>${miss.candidates.map((candidate, index) => describeCandidate(candidate, index + 1)).join('')}</td></tr>`
  );
}

/**
 * One HTML file with everything inside: tables rendered here, charts drawn in the page by one inline
 * script from the embedded report JSON. The content security policy allows only that script and style
 * (by hash) and no network access, so the page is provably self-contained and inert.
 */
export function renderHtmlReport(report: EvalReport): string {
  const { thresholds, tuning, latencyMs } = report;
  const policy = `default-src 'none'; script-src 'sha256-${sha256(HTML_REPORT_SCRIPT)}'; style-src 'sha256-${sha256(STYLE)}'; img-src data:`;
  const thresholdText =
    `answer ≥ ${thresholds.answerMinConfidence}, clarify ≥ ${thresholds.clarifyMinConfidence}, runner-up ratio ${thresholds.clarifyMinRatio}` +
    (tuning === null
      ? ` (${thresholds.source === 'config' ? 'settings file' : 'defaults'})`
      : ` (chosen on ${tuning.devCases} dev cases; objective ${tuning.devObjective.toFixed(3)} on dev, ${tuning.testObjective.toFixed(3)} here: ${tuning.objective})`);
  const meta: [string, string | null][] = [
    ['knowledge base', report.kbPath],
    ['cases', report.casesPath],
    ['dev cases', report.devPath],
    ['synonyms', report.synonymsPath],
    ['embedder', `${report.embedder} (${report.vectorIndex} index)`],
    ['thresholds', thresholdText],
    [
      'latency per question',
      `p50 ${latencyMs.p50.toFixed(2)} ms · p95 ${latencyMs.p95.toFixed(2)} ms · p99 ${latencyMs.p99.toFixed(2)} ms`,
    ],
    ['run at', report.timestamp],
  ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(policy)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Livedesk eval: ${escapeHtml(report.casesPath)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>Livedesk eval</h1>
<table class="meta">${meta
    .filter((row): row is [string, string] => row[1] !== null)
    .map(([label, value]) => `<tr><td>${escapeHtml(label)}</td><td>${escapeHtml(value)}</td></tr>`)
    .join('')}</table>
${report.notes.map((note) => `<p class="note">${escapeHtml(note)}</p>`).join('\n')}
<h2>Scores</h2>
${scopeTable(report)}
${report.escalation === null ? '' : renderEscalationHtml(report.escalation)}
<h2>Answered right and wrong by threshold</h2>
<p class="meta">Each line is a share of its own cases (in scope, or out of scope) as the minimum confidence to answer moves; the dashed line is the threshold used.</p>
<div id="curve-chart"></div>
<h2>By language</h2>
<div id="locale-chart"></div>
<noscript><p class="note">The charts need JavaScript; the tables above hold the same numbers.</p></noscript>
<h2>Worst misses</h2>
<p class="meta">Wrong replies first, most confident first; then questions whose expected entry was not ranked first.</p>
<table class="misses"><tr><th>question</th><th>expected</th><th>outcome</th><th>confidence</th><th>candidates</th></tr>
${report.worstMisses.map(missRow).join('\n')}
</table>
<script type="application/json" id="report-data">${jsonForScript(report)}</script>
<script>${HTML_REPORT_SCRIPT}</script>
</body>
</html>
`;
}
