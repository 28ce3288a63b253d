import * as z from 'zod/mini';
import { describeError, type ApiClient } from '../shared/api-client.js';
import { byId, h, replaceChildren } from '../shared/dom.js';
import { downloadText, fetchText } from '../shared/download.js';
import type { AdminTexts } from './admin-texts.js';

const Fraction = z.nullable(z.number());
const ReportSchema = z.object({
  cases: z.number(),
  inScope: z.object({
    count: z.number(),
    top1Accuracy: Fraction,
    top3Accuracy: Fraction,
    answeredCorrectly: Fraction,
    answeredWrongly: Fraction,
  }),
  outOfScope: z.object({ count: z.number(), answeredRate: Fraction }),
  escalation: z.optional(
    z.nullable(
      z.object({
        count: z.number(),
        precision: z.optional(Fraction),
        recall: z.optional(Fraction),
        f1: z.optional(Fraction),
      }),
    ),
  ),
  latencyMs: z.object({ p50: z.number(), p95: z.number() }),
});
type Report = z.infer<typeof ReportSchema>;

const RunSchema = z.object({
  id: z.string(),
  status: z.enum(['running', 'done', 'failed', 'cancelled']),
  progress: z.object({ asked: z.number(), total: z.number() }),
  error: z.nullable(z.string()),
  report: z.optional(z.nullable(ReportSchema)),
});
type Run = z.infer<typeof RunSchema>;
const StartedSchema = z.object({ run: RunSchema });

export interface EvalPanelOptions {
  api: ApiClient;
  token: () => string | undefined;
  texts: AdminTexts;
  pollMs?: number;
}

/** Runs a demo suite against the live knowledge base and shows the headline figures and the report. */
export class EvalPanel {
  private readonly options: EvalPanelOptions;
  private polling: number | undefined;

  constructor(options: EvalPanelOptions) {
    this.options = options;
    byId('eval-form', HTMLFormElement).addEventListener('submit', (event) => {
      event.preventDefault();
      void this.start(byId('eval-suite', HTMLSelectElement).value);
    });
  }

  private async start(suite: string): Promise<void> {
    window.clearTimeout(this.polling);
    const button = byId('eval-run', HTMLButtonElement);
    button.disabled = true;
    replaceChildren(byId('eval-figures', HTMLElement), []);
    replaceChildren(byId('eval-report', HTMLElement), []);
    try {
      const { run } = await this.options.api.request('POST', '/api/eval/runs', StartedSchema, {
        body: { json: { suite } },
      });
      this.show(run);
    } catch (error) {
      this.setStatus(describeError(error), 'error');
      button.disabled = false;
    }
  }

  private async poll(id: string): Promise<void> {
    try {
      this.show(await this.options.api.request('GET', `/api/eval/runs/${encodeURIComponent(id)}`, RunSchema));
    } catch (error) {
      this.setStatus(describeError(error), 'error');
      byId('eval-run', HTMLButtonElement).disabled = false;
    }
  }

  private show(run: Run): void {
    if (run.status === 'running') {
      this.setStatus(this.options.texts.running(run.progress.asked, run.progress.total), 'info');
      this.polling = window.setTimeout(() => void this.poll(run.id), this.options.pollMs ?? 700);
      return;
    }
    byId('eval-run', HTMLButtonElement).disabled = false;
    if (run.status !== 'done') {
      const ended = this.options.texts.runEnded[run.status === 'failed' ? 'failed' : 'cancelled'];
      this.setStatus(run.error ? this.options.texts.problem(ended, run.error) : ended, 'error');
      return;
    }
    this.setStatus(this.options.texts.done, 'info');
    if (run.report) this.showFigures(run.report);
    this.showReportLinks(run.id);
  }

  private showFigures(report: Report): void {
    const { texts } = this.options;
    const percentFormat = new Intl.NumberFormat(texts.locale, {
      style: 'percent',
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
    });
    const numberFormat = new Intl.NumberFormat(texts.locale, { maximumFractionDigits: 1 });
    const percent = (value: number | null | undefined): string | null =>
      value === null || value === undefined ? null : percentFormat.format(value);
    const labels = texts.figures;
    const figures: [string, string | null][] = [
      [labels.cases, numberFormat.format(report.cases)],
      [labels.top1, percent(report.inScope.top1Accuracy)],
      [labels.top3, percent(report.inScope.top3Accuracy)],
      [labels.answeredCorrectly, percent(report.inScope.answeredCorrectly)],
      [labels.answeredWrongly, percent(report.inScope.answeredWrongly)],
      [labels.outOfScopeAnswered, percent(report.outOfScope.answeredRate)],
      ...(report.escalation
        ? ([
            [labels.escalationPrecision, percent(report.escalation.precision)],
            [labels.escalationRecall, percent(report.escalation.recall)],
          ] as [string, string | null][])
        : []),
      [
        labels.latency,
        `${numberFormat.format(report.latencyMs.p50)} / ${numberFormat.format(report.latencyMs.p95)} ms`,
      ],
    ];
    replaceChildren(
      byId('eval-figures', HTMLElement),
      figures.map(([label, value]) =>
        h('div', { className: 'figure' }, [
          h('dt', { text: label }),
          // A rate of nothing (no out-of-scope case, no escalation) is shown as "–" with the reason.
          value === null
            ? h('dd', { className: 'missing', text: '–', title: texts.notApplicable })
            : h('dd', { text: value }),
        ]),
      ),
    );
  }

  private showReportLinks(id: string): void {
    const path = `/api/eval/runs/${encodeURIComponent(id)}/report.html`;
    const download = h('button', {
      className: 'secondary',
      text: this.options.texts.downloadReport,
      attributes: { type: 'button' },
    });
    download.addEventListener('click', () => {
      void fetchText(path, this.options.token())
        .then((html) => downloadText(html, `livedesk-eval-${id}.html`, 'text/html'))
        .catch((error: unknown) => this.setStatus(describeError(error), 'error'));
    });
    // A link cannot carry the bearer token, and a blob opened from this page would inherit its script
    // policy and lose the report's charts: the report is saved as the self-contained file it is.
    replaceChildren(byId('eval-report', HTMLElement), [
      download,
      h('span', { className: 'muted', text: this.options.texts.reportHint }),
    ]);
  }

  private setStatus(message: string, kind: 'info' | 'error'): void {
    const status = byId('eval-status', HTMLElement);
    status.textContent = message;
    status.dataset.kind = kind;
  }
}
