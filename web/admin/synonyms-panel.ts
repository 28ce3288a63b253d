import * as z from 'zod/mini';
import { describeError, type ApiClient } from '../shared/api-client.js';
import { byId, h, replaceChildren } from '../shared/dom.js';
import type { AdminTexts } from './admin-texts.js';

const SynonymSchema = z.object({ term: z.string(), canonical: z.string(), locale: z.optional(z.string()) });
type Synonym = z.infer<typeof SynonymSchema>;
const SynonymListSchema = z.object({ synonyms: z.array(SynonymSchema) });

/** Slang and nicknames mapped to the words the entries use: list, add, remove. */
export class SynonymsPanel {
  private readonly api: ApiClient;
  private readonly status: (message: string, kind?: 'info' | 'error') => void;
  private readonly texts: AdminTexts;

  constructor(options: {
    api: ApiClient;
    status: (message: string, kind?: 'info' | 'error') => void;
    texts: AdminTexts;
  }) {
    this.api = options.api;
    this.status = options.status;
    this.texts = options.texts;
    byId('synonym-form', HTMLFormElement).addEventListener('submit', (event) => {
      event.preventDefault();
      void this.add();
    });
  }

  async load(): Promise<void> {
    try {
      const { synonyms } = await this.api.request('GET', '/api/knowledge/synonyms', SynonymListSchema);
      const rows = synonyms.map((synonym) => {
        const remove = h('button', {
          className: 'secondary',
          text: this.texts.remove,
          attributes: { type: 'button' },
        });
        remove.addEventListener('click', () => void this.remove(synonym));
        return h('tr', {}, [
          h('td', { text: synonym.term }),
          h('td', { text: synonym.canonical }),
          h('td', { text: synonym.locale ?? this.texts.anyLocale }),
          h('td', {}, [remove]),
        ]);
      });
      replaceChildren(
        byId('synonym-rows', HTMLElement),
        rows.length > 0
          ? rows
          : [
              h('tr', {}, [
                h('td', { className: 'muted', text: this.texts.noSynonyms, attributes: { colspan: '4' } }),
              ]),
            ],
      );
    } catch (error) {
      this.status(this.texts.problem(this.texts.tabSynonyms, describeError(error)), 'error');
    }
  }

  private async add(): Promise<void> {
    const term = byId('synonym-term', HTMLInputElement);
    const canonical = byId('synonym-canonical', HTMLInputElement);
    const locale = byId('synonym-locale', HTMLInputElement).value.trim();
    try {
      await this.api.request('PUT', '/api/knowledge/synonyms', z.unknown(), {
        body: {
          json: { term: term.value.trim(), canonical: canonical.value.trim(), ...(locale ? { locale } : {}) },
        },
      });
      this.status(this.texts.synonymAdded(term.value.trim(), canonical.value.trim()));
      term.value = '';
      canonical.value = '';
      await this.load();
    } catch (error) {
      this.status(this.texts.problem(this.texts.tabSynonyms, describeError(error)), 'error');
    }
  }

  private async remove(synonym: Synonym): Promise<void> {
    const query = new URLSearchParams({ term: synonym.term });
    if (synonym.locale) query.set('locale', synonym.locale);
    try {
      await this.api.request('DELETE', `/api/knowledge/synonyms?${query.toString()}`, z.unknown());
      this.status(this.texts.synonymRemoved(synonym.term));
      await this.load();
    } catch (error) {
      this.status(this.texts.problem(this.texts.tabSynonyms, describeError(error)), 'error');
    }
  }
}
