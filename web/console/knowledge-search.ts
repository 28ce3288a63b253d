import { byId, h, replaceChildren, show } from '../shared/dom.js';
import type { ConsoleApi, KnowledgeCandidate } from './console-api.js';
import type { ConsoleTexts } from './console-texts.js';
import { describeProblem } from './describe-problem.js';

export interface KnowledgeSearchOptions {
  api: ConsoleApi;
  texts: ConsoleTexts;
  /** The agent chose a candidate: its answer goes into the reply, citing the entry. */
  onInsert: (candidate: KnowledgeCandidate) => void;
  onProblem: (message: string) => void;
}

/** How sure the matcher is, as a colour: the same bands the viewer side answers, clarifies or declines at. */
function confidenceBand(confidence: number): 'high' | 'mid' | 'low' {
  return confidence >= 0.6 ? 'high' : confidence >= 0.3 ? 'mid' : 'low';
}

/**
 * Knowledge search in the reply area, through the matcher viewers get (`POST /api/knowledge/search`):
 * candidates best first, each with its confidence, answers in the viewer's language.
 */
export class KnowledgeSearch {
  private readonly options: KnowledgeSearchOptions;
  private readonly query = byId('knowledge-query', HTMLInputElement);
  private readonly results = byId('knowledge-results', HTMLUListElement);
  private searching: AbortController | undefined;
  private context: { locale?: string | undefined; roomId?: string | undefined } = {};

  constructor(options: KnowledgeSearchOptions) {
    this.options = options;
    byId('knowledge-search', HTMLFormElement).addEventListener('submit', (event) => {
      event.preventDefault();
      void this.search(this.query.value.trim());
    });
  }

  /** A new conversation: its language and room, and nothing left of the last one's search. */
  reset(context: { locale?: string | undefined; roomId?: string | undefined }): void {
    this.searching?.abort();
    this.searching = undefined;
    this.context = context;
    this.query.value = '';
    replaceChildren(this.results, []);
    show(this.results, false);
  }

  private async search(text: string): Promise<void> {
    this.searching?.abort();
    if (text === '') {
      show(this.results, false);
      return;
    }
    const controller = new AbortController();
    this.searching = controller;
    const { texts } = this.options;
    try {
      const candidates = await this.options.api.searchKnowledge({ text, ...this.context }, controller.signal);
      if (controller.signal.aborted) return;
      replaceChildren(
        this.results,
        candidates.length === 0
          ? [h('li', { className: 'muted', text: texts.noEntryMatches })]
          : candidates.map((candidate) => this.result(candidate)),
      );
      show(this.results, true);
    } catch (error) {
      if (controller.signal.aborted || (error instanceof Error && error.name === 'AbortError')) return;
      this.options.onProblem(texts.failed(texts.problemIn.knowledgeSearch, describeProblem(error, texts)));
    }
  }

  private result(candidate: KnowledgeCandidate): HTMLLIElement {
    const { texts } = this.options;
    const insert = h('button', {
      className: 'secondary',
      text: texts.insert,
      attributes: { type: 'button' },
    });
    insert.dataset.entryId = candidate.entryId;
    insert.addEventListener('click', () => {
      this.options.onInsert(candidate);
      show(this.results, false);
    });
    const percent = texts.percent(candidate.confidence);
    return h('li', { className: 'knowledge-result' }, [
      h('div', { className: 'knowledge-body' }, [
        h('div', { className: 'knowledge-head' }, [
          h('strong', { text: candidate.question }),
          h('span', {
            className: `badge confidence confidence-${confidenceBand(candidate.confidence)}`,
            text: texts.confidence(percent),
            attributes: { 'data-confidence': percent },
          }),
          h('span', { className: 'muted entry-id', text: candidate.entryId }),
        ]),
        h('div', { className: 'answer', text: candidate.answer }),
      ]),
      insert,
    ]);
  }
}
