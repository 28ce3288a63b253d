import { describeError, type ApiClient } from '../shared/api-client.js';
import { byId, h, replaceChildren, show } from '../shared/dom.js';
import { answerIn, listEntries } from '../shared/knowledge-api.js';
import type { ConsoleApi, QuickReply } from './console-api.js';

export interface ReplyBoxOptions {
  api: ApiClient;
  consoleApi: ConsoleApi;
  /** Sends the reply; false when it could not go out (not connected). */
  send: (text: string, entryIds: readonly string[]) => boolean;
  onProblem: (message: string) => void;
}

/** The reply box with quick replies and knowledge search; answers inserted from entries cite them. */
export class ReplyBox {
  private readonly options: ReplyBoxOptions;
  private readonly text = byId('reply-text', HTMLTextAreaElement);
  private readonly sendButton = byId('reply-send', HTMLButtonElement);
  private readonly results = byId('knowledge-results', HTMLUListElement);
  private readonly quickSelect = byId('quick-replies', HTMLSelectElement);
  private entryIds: string[] = [];
  private conversationId: string | undefined;
  private locale: string | undefined;
  private quickReplies: QuickReply[] = [];
  private quickLocale: string | undefined | null = null;
  private searching: AbortController | undefined;

  constructor(options: ReplyBoxOptions) {
    this.options = options;
    byId('reply-form', HTMLFormElement).addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit();
    });
    this.text.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        this.submit();
      }
    });
    byId('knowledge-search', HTMLFormElement).addEventListener('submit', (event) => {
      event.preventDefault();
      void this.search(byId('knowledge-query', HTMLInputElement).value.trim());
    });
    this.quickSelect.addEventListener('change', () => {
      const id = this.quickSelect.value;
      this.quickSelect.value = '';
      if (id) void this.insertQuickReply(id);
    });
  }

  /** Points the box at a conversation; the draft stays with the conversation it was written for. */
  attach(
    conversationId: string | undefined,
    options: { enabled: boolean; locale: string | undefined },
  ): void {
    if (conversationId !== this.conversationId) {
      this.conversationId = conversationId;
      this.text.value = '';
      this.entryIds = [];
      this.renderEntries();
      show(this.results, false);
    }
    this.locale = options.locale;
    this.text.disabled = !options.enabled;
    this.sendButton.disabled = !options.enabled;
    this.quickSelect.disabled = !options.enabled;
    if (options.enabled && this.quickLocale !== (options.locale ?? undefined))
      void this.loadQuickReplies(options.locale);
  }

  /** Puts a reply the server refused back in the box. */
  restore(text: string, entryIds: readonly string[]): void {
    if (this.text.value.trim() === '') this.text.value = text;
    this.entryIds = [...new Set([...this.entryIds, ...entryIds])];
    this.renderEntries();
  }

  private submit(): void {
    const text = this.text.value.trim();
    if (text === '' || this.text.disabled) return;
    if (!this.options.send(text, this.entryIds)) return;
    this.text.value = '';
    this.entryIds = [];
    this.renderEntries();
  }

  private async loadQuickReplies(locale: string | undefined): Promise<void> {
    this.quickLocale = locale;
    try {
      this.quickReplies = await this.options.consoleApi.quickReplies(locale);
      replaceChildren(this.quickSelect, [
        h('option', {
          text: this.quickReplies.length > 0 ? 'Quick replies…' : 'No quick replies',
          attributes: { value: '' },
        }),
        ...this.quickReplies.map((reply) =>
          h('option', { text: `${reply.shortcut} · ${reply.title}`, attributes: { value: reply.id } }),
        ),
      ]);
    } catch (error) {
      this.quickLocale = null;
      this.options.onProblem(`quick replies: ${describeError(error)}`);
    }
  }

  private async insertQuickReply(id: string): Promise<void> {
    if (!this.conversationId) return;
    try {
      const rendered = await this.options.consoleApi.renderQuickReply(id, this.conversationId);
      this.insert(rendered.text);
      if (rendered.missing.length > 0) {
        this.options.onProblem(
          `fill in ${rendered.missing.map((name) => `{${name}}`).join(', ')} before sending`,
        );
      }
    } catch (error) {
      this.options.onProblem(`quick reply: ${describeError(error)}`);
    }
  }

  private async search(query: string): Promise<void> {
    this.searching?.abort();
    if (query === '') {
      show(this.results, false);
      return;
    }
    const controller = new AbortController();
    this.searching = controller;
    try {
      const entries = (
        await listEntries(this.options.api, { text: query, enabled: true }, controller.signal)
      ).slice(0, 6);
      if (controller.signal.aborted) return;
      replaceChildren(
        this.results,
        entries.length === 0
          ? [h('li', { className: 'muted', text: 'No entry matches.' })]
          : entries.map((entry) => {
              const answer = answerIn(entry, this.locale);
              const insert = h('button', {
                className: 'secondary',
                text: 'Insert',
                attributes: { type: 'button' },
              });
              insert.dataset.entryId = entry.id;
              insert.addEventListener('click', () => {
                this.insert(answer);
                if (!this.entryIds.includes(entry.id)) this.entryIds.push(entry.id);
                this.renderEntries();
                show(this.results, false);
              });
              return h('li', { className: 'knowledge-result' }, [
                h('div', {}, [
                  h('strong', { text: entry.questions[0] ?? entry.id }),
                  h('span', { className: 'muted', text: ` ${entry.id}` }),
                  h('div', { className: 'answer', text: answer }),
                ]),
                insert,
              ]);
            }),
      );
      show(this.results, true);
    } catch (error) {
      if (!controller.signal.aborted) this.options.onProblem(`knowledge search: ${describeError(error)}`);
    }
  }

  private insert(text: string): void {
    const current = this.text.value;
    this.text.value = current.trim() === '' ? text : `${current.trimEnd()}\n${text}`;
    this.text.focus();
  }

  private renderEntries(): void {
    replaceChildren(
      byId('reply-entries', HTMLElement),
      this.entryIds.map((id) => {
        const remove = h('button', {
          className: 'link',
          text: '×',
          title: 'do not cite',
          attributes: { type: 'button' },
        });
        remove.addEventListener('click', () => {
          this.entryIds = this.entryIds.filter((entryId) => entryId !== id);
          this.renderEntries();
        });
        return h('span', { className: 'badge entry-chip' }, [`cites ${id} `, remove]);
      }),
    );
  }
}
