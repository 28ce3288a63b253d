import * as z from 'zod/mini';
import { ApiError, describeError, type ApiClient } from '../shared/api-client.js';
import { byId, h, replaceChildren } from '../shared/dom.js';
import { downloadText, fetchText } from '../shared/download.js';
import type { AdminTexts } from './admin-texts.js';

const ImportResultSchema = z.object({ created: z.number(), updated: z.number(), unchanged: z.number() });

/** Imports a JSON Lines or CSV file (all or nothing, with the refused lines listed) and exports. */
export class ImportPanel {
  private readonly api: ApiClient;
  private readonly token: () => string | undefined;
  private readonly onImported: () => void;
  private readonly texts: AdminTexts;

  constructor(options: {
    api: ApiClient;
    token: () => string | undefined;
    onImported: () => void;
    texts: AdminTexts;
  }) {
    this.api = options.api;
    this.texts = options.texts;
    this.token = options.token;
    this.onImported = options.onImported;
    byId('import-form', HTMLFormElement).addEventListener('submit', (event) => {
      event.preventDefault();
      void this.import();
    });
    for (const format of ['jsonl', 'csv'] as const) {
      byId(`export-${format}`, HTMLAnchorElement).addEventListener('click', (event) => {
        event.preventDefault();
        void this.export(format);
      });
    }
  }

  private async import(): Promise<void> {
    const file = byId('import-file', HTMLInputElement).files?.[0];
    const result = byId('import-result', HTMLElement);
    const errors = byId('import-errors', HTMLUListElement);
    errors.replaceChildren();
    if (!file) {
      result.textContent = this.texts.pickFile;
      return;
    }
    const chosen = byId('import-format', HTMLSelectElement).value;
    const format = chosen === 'auto' ? (/\.csv$/i.test(file.name) ? 'csv' : 'jsonl') : chosen;
    result.textContent = this.texts.importing(file.name);
    result.dataset.kind = 'info';
    try {
      const imported = await this.api.request(
        'POST',
        `/api/knowledge/import?format=${format}`,
        ImportResultSchema,
        {
          body: {
            text: await file.text(),
            contentType: format === 'csv' ? 'text/csv' : 'application/x-ndjson',
          },
        },
      );
      result.textContent = this.texts.imported(
        file.name,
        imported.created,
        imported.updated,
        imported.unchanged,
      );
      this.onImported();
    } catch (error) {
      result.dataset.kind = 'error';
      result.textContent = error instanceof ApiError ? error.message : describeError(error);
      if (error instanceof ApiError) {
        replaceChildren(errors, [
          ...error.lines.map((line) => h('li', { text: this.texts.lineProblem(line.line, line.message) })),
          ...error.issues.map((issue) => h('li', { text: `${issue.path}: ${issue.message}` })),
        ]);
      }
    }
  }

  private async export(format: 'jsonl' | 'csv'): Promise<void> {
    try {
      const text = await fetchText(`/api/knowledge/export?format=${format}`, this.token());
      downloadText(text, `knowledge.${format}`, format === 'csv' ? 'text/csv' : 'application/x-ndjson');
    } catch (error) {
      byId('import-result', HTMLElement).textContent = describeError(error);
    }
  }
}
