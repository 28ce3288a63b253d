import * as z from 'zod/mini';
import { describeError, type ApiClient } from '../shared/api-client.js';
import { byId, h, replaceChildren } from '../shared/dom.js';

const SynonymSchema = z.object({ term: z.string(), canonical: z.string(), locale: z.optional(z.string()) });
type Synonym = z.infer<typeof SynonymSchema>;
const SynonymListSchema = z.object({ synonyms: z.array(SynonymSchema) });

/** Slang and nicknames mapped to the words the entries use: list, add, remove. */
export class SynonymsPanel {
  private readonly api: ApiClient;
  private readonly status: (message: string, kind?: 'info' | 'error') => void;

  constructor(options: { api: ApiClient; status: (message: string, kind?: 'info' | 'error') => void }) {
    this.api = options.api;
    this.status = options.status;
    byId('synonym-form', HTMLFormElement).addEventListener('submit', (event) => {
      event.preventDefault();
      void this.add();
    });
  }

  async load(): Promise<void> {
    try {
      const { synonyms } = await this.api.request('GET', '/api/knowledge/synonyms', SynonymListSchema);
      replaceChildren(
        byId('synonym-rows', HTMLElement),
        synonyms.map((synonym) => {
          const remove = h('button', {
            className: 'secondary',
            text: 'Remove',
            attributes: { type: 'button' },
          });
          remove.addEventListener('click', () => void this.remove(synonym));
          return h('tr', {}, [
            h('td', { text: synonym.term }),
            h('td', { text: synonym.canonical }),
            h('td', { text: synonym.locale ?? 'any' }),
            h('td', {}, [remove]),
          ]);
        }),
      );
    } catch (error) {
      this.status(`synonyms: ${describeError(error)}`, 'error');
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
      this.status(`“${term.value.trim()}” now means “${canonical.value.trim()}”.`);
      term.value = '';
      canonical.value = '';
      await this.load();
    } catch (error) {
      this.status(`synonym: ${describeError(error)}`, 'error');
    }
  }

  private async remove(synonym: Synonym): Promise<void> {
    const query = new URLSearchParams({ term: synonym.term });
    if (synonym.locale) query.set('locale', synonym.locale);
    try {
      await this.api.request('DELETE', `/api/knowledge/synonyms?${query.toString()}`, z.unknown());
      this.status(`Removed “${synonym.term}”.`);
      await this.load();
    } catch (error) {
      this.status(`synonym: ${describeError(error)}`, 'error');
    }
  }
}
