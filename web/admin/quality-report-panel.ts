import * as z from 'zod/mini';
import { describeError, type ApiClient } from '../shared/api-client.js';
import { applyPageTexts } from '../shared/ui-language.js';
import { byId, h, replaceChildren, type Child } from '../shared/dom.js';
import type { QualityReportTexts } from './quality-report-texts.js';

const ResultSchema = z.enum(['right', 'clarified', 'wrong', 'none']);
const CountsSchema = z.object({
  answeredRight: z.number(),
  answeredWrong: z.number(),
  outOfScopeAnswered: z.number(),
});
const SuggestionSchema = z.object({
  id: z.string(),
  source: z.enum(['gap', 'variant']),
  entryId: z.string(),
  locale: z.string(),
  phrasing: z.string(),
  from: z.string(),
  asked: z.optional(z.number()),
  delta: z.nullable(z.object({ change: CountsSchema })),
});
type Suggestion = z.infer<typeof SuggestionSchema>;
const ReportSchema = z.object({
  tookMs: z.number(),
  entries: z.number(),
  phrasings: z.object({ total: z.number(), tested: z.number() }),
  leaveOneOut: z.object({ accuracy: z.number() }),
  confusedPairs: z.array(
    z.object({
      entryId: z.string(),
      confusedWith: z.string(),
      wrong: z.number(),
      clarified: z.number(),
      phrasings: z.array(z.object({ text: z.string(), result: ResultSchema })),
    }),
  ),
  entryAccuracy: z.array(
    z.object({ entryId: z.string(), tested: z.number(), right: z.number(), accuracy: z.number() }),
  ),
  weakEntries: z.array(
    z.object({
      entryId: z.string(),
      issues: z.array(
        z.object({
          kind: z.enum(['few-phrasings', 'one-language']),
          locale: z.string(),
          phrasings: z.optional(z.number()),
          missing: z.optional(z.array(z.string())),
        }),
      ),
    }),
  ),
  suggestions: z.array(SuggestionSchema),
  suite: z.nullable(z.object({ label: z.string(), now: CountsSchema })),
  notes: z.array(
    z.object({
      kind: z.string(),
      tested: z.optional(z.number()),
      total: z.optional(z.number()),
      maxTested: z.optional(z.number()),
      suite: z.optional(z.string()),
      rewrites: z.optional(z.number()),
      evaluated: z.optional(z.number()),
      listed: z.optional(z.number()),
    }),
  ),
});
type Report = z.infer<typeof ReportSchema>;
const RecordSchema = z.object({
  status: z.enum(['none', 'running', 'done', 'failed']),
  finishedAt: z.nullable(z.string()),
  startedBy: z.nullable(z.string()),
  error: z.nullable(z.string()),
  report: z.nullable(ReportSchema),
});
type ReportRecord = z.infer<typeof RecordSchema>;

/** An entry as the API returns it: only the phrasings are read; everything else is sent back as it came. */
const EntrySchema = z.looseObject({
  id: z.string(),
  locale: z.string(),
  questions: z.array(z.string()),
  translations: z.optional(z.record(z.string(), z.looseObject({ questions: z.array(z.string()) }))),
});
type EditableEntry = z.infer<typeof EntrySchema>;
const PutResultSchema = z.object({ changed: z.boolean() });

const ROWS_SHOWN = 20;

function withPhrasing(entry: EditableEntry, locale: string, phrasing: string): EditableEntry {
  if (locale === entry.locale) return { ...entry, questions: [...entry.questions, phrasing] };
  const view = entry.translations?.[locale];
  if (!view) throw new Error(`${entry.id} has no ${locale} view`);
  return {
    ...entry,
    translations: { ...entry.translations, [locale]: { ...view, questions: [...view.questions, phrasing] } },
  };
}

export interface QualityReportPanelOptions {
  api: ApiClient;
  texts: QualityReportTexts;
  locale: string;
  /** Called after a suggestion became a new version of an entry. */
  onEntryChanged: () => void;
  pollMs?: number;
}

/**
 * The knowledge base's quality report: started in the background, polled, and acted on. Accepting a
 * suggestion is an ordinary edit through the entry route, so it is versioned like any other.
 */
export class QualityReportPanel {
  private readonly options: QualityReportPanelOptions;
  private polling: number | undefined;

  constructor(options: QualityReportPanelOptions) {
    this.options = options;
    applyPageTexts(options.texts, byId('tab-quality', HTMLElement));
    const tab = document.querySelector<HTMLElement>('.tab[data-tab="quality"]');
    if (tab) tab.textContent = options.texts.tabQuality;
    byId('quality-run', HTMLButtonElement).addEventListener('click', () => void this.start());
  }

  async load(): Promise<void> {
    window.clearTimeout(this.polling);
    try {
      this.render(await this.options.api.request('GET', '/api/knowledge/report', RecordSchema));
    } catch (error) {
      this.setStatus(this.options.texts.problem(describeError(error)), 'error');
    }
  }

  private async start(): Promise<void> {
    byId('quality-run', HTMLButtonElement).disabled = true;
    try {
      this.render(await this.options.api.request('POST', '/api/knowledge/report', RecordSchema));
    } catch (error) {
      byId('quality-run', HTMLButtonElement).disabled = false;
      this.setStatus(this.options.texts.problem(describeError(error)), 'error');
    }
  }

  private render(record: ReportRecord): void {
    const { texts } = this.options;
    const running = record.status === 'running';
    byId('quality-run', HTMLButtonElement).disabled = running;
    byId('tab-quality', HTMLElement).dataset.status = record.status;
    if (running) {
      this.setStatus(texts.running, 'info');
      this.polling = window.setTimeout(() => void this.load(), this.options.pollMs ?? 1000);
    } else if (record.status === 'failed') this.setStatus(texts.failed(record.error ?? ''), 'error');
    else if (record.status === 'none') this.setStatus(texts.noReport, 'info');
    else this.setStatus('', 'info');
    if (!record.report) {
      if (!running) replaceChildren(byId('quality-body', HTMLElement), []);
      return;
    }
    const report = record.report;
    const percent = new Intl.NumberFormat(this.options.locale, {
      style: 'percent',
      maximumFractionDigits: 1,
    });
    const seconds = new Intl.NumberFormat(this.options.locale, { maximumFractionDigits: 1 });
    const at = record.finishedAt ? new Date(record.finishedAt).toLocaleString(this.options.locale) : '';
    replaceChildren(byId('quality-body', HTMLElement), [
      h('p', {
        className: 'quality-summary',
        text: texts.summary(
          report.entries,
          report.phrasings.tested,
          report.phrasings.total,
          percent.format(report.leaveOneOut.accuracy),
          seconds.format(report.tookMs / 1000),
        ),
      }),
      h('p', { className: 'muted', text: texts.generatedAt(at, record.startedBy ?? '') }),
      ...report.notes.map((note) => h('p', { className: 'muted quality-note', text: texts.note(note) })),
      this.suggestionsSection(report),
      this.confusedSection(report),
      this.weakSection(report, percent),
    ]);
  }

  private table(id: string, headers: readonly string[], rows: readonly Child[][]): HTMLElement {
    return h('table', { className: 'quality-table', attributes: { id } }, [
      h('thead', {}, [
        h(
          'tr',
          {},
          headers.map((header) => h('th', { text: header })),
        ),
      ]),
      h(
        'tbody',
        {},
        rows.map((cells) =>
          h(
            'tr',
            {},
            cells.map((cell) => h('td', {}, [cell])),
          ),
        ),
      ),
    ]);
  }

  private section(
    title: string,
    hint: string | undefined,
    body: HTMLElement | undefined,
    total = 0,
  ): HTMLElement {
    const { texts } = this.options;
    return h('section', { className: 'card padded stack quality-section' }, [
      h('h3', { text: title }),
      hint ? h('p', { className: 'muted', text: hint }) : null,
      body ?? h('p', { className: 'muted', text: texts.none }),
      total > ROWS_SHOWN ? h('p', { className: 'muted', text: texts.more(total - ROWS_SHOWN) }) : null,
    ]);
  }

  private suggestionsSection(report: Report): HTMLElement {
    const { texts } = this.options;
    const signed = (value: number) => (value > 0 ? `+${value}` : value < 0 ? `−${-value}` : '0');
    const rows = report.suggestions.slice(0, ROWS_SHOWN).map((suggestion) => {
      const accept = h('button', {
        text: texts.accept,
        attributes: { type: 'button', 'data-action': 'accept' },
      });
      const dismiss = h('button', {
        className: 'secondary',
        text: texts.dismiss,
        attributes: { type: 'button', 'data-action': 'dismiss' },
      });
      accept.addEventListener('click', () => void this.accept(suggestion, accept));
      dismiss.addEventListener('click', () => void this.dismiss(suggestion, dismiss));
      const change = suggestion.delta?.change;
      return [
        suggestion.entryId,
        suggestion.locale,
        suggestion.source === 'gap'
          ? texts.fromGap(suggestion.asked ?? 0)
          : texts.fromVariant(suggestion.from),
        h('strong', { text: suggestion.phrasing }),
        change
          ? h('span', {
              className:
                change.answeredRight - change.answeredWrong - change.outOfScopeAnswered >= 0
                  ? 'gain'
                  : 'loss',
              text: texts.change(
                signed(change.answeredRight),
                signed(change.answeredWrong),
                signed(change.outOfScopeAnswered),
              ),
            })
          : h('span', { className: 'muted', text: texts.notEvaluated }),
        h('span', { className: 'row-actions' }, [accept, dismiss]),
      ];
    });
    const suite = report.suite;
    return this.section(
      texts.suggestionsTitle,
      suite
        ? texts.suggestionsHint(
            suite.label,
            suite.now.answeredRight,
            suite.now.answeredWrong,
            suite.now.outOfScopeAnswered,
          )
        : undefined,
      rows.length === 0
        ? undefined
        : this.table(
            'quality-suggestions',
            [
              texts.columnEntry,
              texts.columnLanguage,
              texts.columnSource,
              texts.columnPhrasing,
              texts.columnChange,
              '',
            ],
            rows,
          ),
      report.suggestions.length,
    );
  }

  private confusedSection(report: Report): HTMLElement {
    const { texts } = this.options;
    const rows = report.confusedPairs.slice(0, ROWS_SHOWN).map((pair) => [
      pair.entryId,
      pair.confusedWith,
      String(pair.wrong),
      String(pair.clarified),
      h(
        'span',
        { className: 'quality-examples' },
        pair.phrasings
          .slice(0, 3)
          .map((phrasing) => h('span', { text: phrasing.text, title: texts.results[phrasing.result] })),
      ),
    ]);
    return this.section(
      texts.confusedTitle,
      texts.confusedHint,
      rows.length === 0
        ? undefined
        : this.table(
            'quality-confused',
            [
              texts.columnEntry,
              texts.columnWentTo,
              texts.columnWrong,
              texts.columnClarified,
              texts.columnExamples,
            ],
            rows,
          ),
      report.confusedPairs.length,
    );
  }

  private weakSection(report: Report, percent: Intl.NumberFormat): HTMLElement {
    const { texts } = this.options;
    const issues = report.weakEntries
      .slice(0, ROWS_SHOWN)
      .map((weak) => [
        weak.entryId,
        weak.issues
          .map((issue) =>
            issue.kind === 'few-phrasings'
              ? texts.fewPhrasings(issue.phrasings ?? 0, issue.locale)
              : texts.oneLanguage(issue.locale, (issue.missing ?? []).join('/')),
          )
          .join('; '),
      ]);
    const accuracy = report.entryAccuracy
      .slice(0, ROWS_SHOWN)
      .map((row) => [row.entryId, String(row.tested), String(row.right), percent.format(row.accuracy)]);
    return h('div', { className: 'quality-columns' }, [
      this.section(
        texts.weakTitle,
        undefined,
        issues.length === 0
          ? undefined
          : this.table('quality-weak', [texts.columnEntry, texts.columnIssue], issues),
        report.weakEntries.length,
      ),
      this.section(
        texts.accuracyTitle,
        undefined,
        accuracy.length === 0
          ? undefined
          : this.table(
              'quality-accuracy',
              [texts.columnEntry, texts.columnTested, texts.results.right, texts.columnAccuracy],
              accuracy,
            ),
        report.entryAccuracy.length,
      ),
    ]);
  }

  private async accept(suggestion: Suggestion, button: HTMLButtonElement): Promise<void> {
    const { api, texts } = this.options;
    button.disabled = true;
    const path = `/api/knowledge/entries/${encodeURIComponent(suggestion.entryId)}`;
    try {
      const entry = await api.request('GET', path, EntrySchema);
      await api.request('PUT', path, PutResultSchema, {
        body: { json: withPhrasing(entry, suggestion.locale, suggestion.phrasing) },
      });
      button.closest('tr')?.remove();
      this.setStatus(texts.accepted(suggestion.phrasing, suggestion.entryId), 'info');
      this.options.onEntryChanged();
    } catch (error) {
      button.disabled = false;
      this.setStatus(texts.problem(describeError(error)), 'error');
    }
  }

  private async dismiss(suggestion: Suggestion, button: HTMLButtonElement): Promise<void> {
    const { api, texts } = this.options;
    button.disabled = true;
    try {
      await api.request(
        'POST',
        `/api/knowledge/report/suggestions/${encodeURIComponent(suggestion.id)}/dismiss`,
        RecordSchema,
      );
      button.closest('tr')?.remove();
      this.setStatus(texts.dismissed, 'info');
    } catch (error) {
      button.disabled = false;
      this.setStatus(texts.problem(describeError(error)), 'error');
    }
  }

  private setStatus(message: string, kind: 'info' | 'error'): void {
    const status = byId('quality-status', HTMLElement);
    status.textContent = message;
    status.dataset.kind = kind;
  }
}
