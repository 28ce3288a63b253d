import { byId, h, replaceChildren } from '../shared/dom.js';
import type { ConsoleApi, KnowledgeCandidate, QuickReply } from './console-api.js';
import type { ConsoleTexts } from './console-texts.js';
import { describeProblem } from './describe-problem.js';
import { KnowledgeSearch } from './knowledge-search.js';
import { QuickReplyMenu } from './quick-reply-menu.js';
import { replaceSlashToken, type SlashToken } from './quick-reply-slash.js';
import type { TypingSignal } from './typing-signal.js';

export interface ReplyBoxOptions {
  consoleApi: ConsoleApi;
  texts: ConsoleTexts;
  /** Sends the reply; false when it could not go out (not connected). */
  send: (text: string, entryIds: readonly string[]) => boolean;
  onProblem: (message: string) => void;
  /** Tells the viewer the agent is typing (server/realtime/agent-frames.ts `typing`). */
  typing?: Pick<TypingSignal, 'keyPressed' | 'stop'> | undefined;
}

/** An unsent reply: its words and the knowledge entries it cites. */
interface Draft {
  text: string;
  entryIds: string[];
}

/**
 * The reply box with quick replies (`/` + shortcut, or the list) and knowledge search; answers inserted
 * from entries cite them. Each conversation keeps its own unsent draft; switching conversations clears
 * the search.
 */
export class ReplyBox {
  private readonly options: ReplyBoxOptions;
  private readonly texts: ConsoleTexts;
  private readonly text = byId('reply-text', HTMLTextAreaElement);
  private readonly sendButton = byId('reply-send', HTMLButtonElement);
  private readonly quickSelect = byId('quick-replies', HTMLSelectElement);
  private readonly knowledge: KnowledgeSearch;
  private readonly menu: QuickReplyMenu;
  private readonly drafts = new Map<string, Draft>();
  private entryIds: string[] = [];
  private conversationId: string | undefined;
  private quickReplies: QuickReply[] = [];
  private quickLocale: string | undefined | null = null;
  private loadingQuick: AbortController | undefined;

  constructor(options: ReplyBoxOptions) {
    this.options = options;
    this.texts = options.texts;
    // The menu listens first: Enter and Tab pick a quick reply while it is open.
    this.menu = new QuickReplyMenu({
      textarea: this.text,
      menu: byId('quick-reply-menu', HTMLUListElement),
      texts: options.texts,
      replies: () => this.quickReplies,
      choose: (reply, token) => void this.insertQuickReply(reply, token),
    });
    this.knowledge = new KnowledgeSearch({
      api: options.consoleApi,
      texts: options.texts,
      onInsert: (candidate) => this.insertAnswer(candidate),
      onProblem: options.onProblem,
    });
    byId('reply-form', HTMLFormElement).addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit();
    });
    // Typing the agent does, not text put in by a quick reply or an entry.
    this.text.addEventListener('input', () => {
      if (this.conversationId === undefined || this.text.value.trim() === '') options.typing?.stop();
      else options.typing?.keyPressed(this.conversationId);
    });
    this.text.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        this.submit();
      }
    });
    this.quickSelect.addEventListener('change', () => {
      const reply = this.quickReplies.find((candidate) => candidate.id === this.quickSelect.value);
      this.quickSelect.value = '';
      if (reply) void this.insertQuickReply(reply, undefined);
    });
  }

  /** Points the box at a conversation; each conversation keeps its own draft, the search starts afresh. */
  attach(
    conversationId: string | undefined,
    options: { enabled: boolean; locale: string | undefined; roomId: string | undefined },
  ): void {
    if (conversationId !== this.conversationId) {
      this.options.typing?.stop();
      this.keepDraft();
      this.conversationId = conversationId;
      const draft = conversationId === undefined ? undefined : this.drafts.get(conversationId);
      this.text.value = draft?.text ?? '';
      this.entryIds = [...(draft?.entryIds ?? [])];
      this.renderEntries();
      this.menu.close();
      this.knowledge.reset({ locale: options.locale, roomId: options.roomId });
    }
    this.text.disabled = !options.enabled;
    this.sendButton.disabled = !options.enabled;
    this.quickSelect.disabled = !options.enabled;
    if (options.enabled && this.quickLocale !== (options.locale ?? undefined))
      void this.loadQuickReplies(options.locale);
  }

  /** Drops the draft of a conversation that is gone for good. */
  forget(conversationId: string): void {
    this.drafts.delete(conversationId);
  }

  /** Puts a reply the server refused back in the box. */
  restore(text: string, entryIds: readonly string[]): void {
    if (this.text.value.trim() === '') this.text.value = text;
    this.entryIds = [...new Set([...this.entryIds, ...entryIds])];
    this.renderEntries();
  }

  private keepDraft(): void {
    if (this.conversationId === undefined) return;
    if (this.text.value.trim() === '' && this.entryIds.length === 0) this.drafts.delete(this.conversationId);
    else this.drafts.set(this.conversationId, { text: this.text.value, entryIds: [...this.entryIds] });
  }

  private submit(): void {
    const text = this.text.value.trim();
    if (text === '' || this.text.disabled) return;
    if (!this.options.send(text, this.entryIds)) return;
    this.options.typing?.stop();
    this.text.value = '';
    this.entryIds = [];
    if (this.conversationId !== undefined) this.drafts.delete(this.conversationId);
    this.menu.close();
    this.renderEntries();
  }

  private async loadQuickReplies(locale: string | undefined): Promise<void> {
    this.quickLocale = locale;
    this.loadingQuick?.abort();
    const controller = new AbortController();
    this.loadingQuick = controller;
    const { texts } = this;
    try {
      const replies = await this.options.consoleApi.quickReplies(locale, controller.signal);
      if (controller.signal.aborted) return;
      this.quickReplies = replies;
      replaceChildren(this.quickSelect, [
        h('option', {
          text: this.quickReplies.length > 0 ? texts.quickRepliesPlaceholder : texts.noQuickReplies,
          attributes: { value: '' },
        }),
        ...this.quickReplies.map((reply) =>
          h('option', { text: `${reply.shortcut} · ${reply.title}`, attributes: { value: reply.id } }),
        ),
      ]);
      if (this.menu.isOpen) this.menu.update();
    } catch (error) {
      if (controller.signal.aborted) return;
      this.quickLocale = null;
      this.options.onProblem(texts.failed(texts.problemIn.quickReplies, describeProblem(error, texts)));
    }
  }

  /** Renders the reply for this conversation (the server counts the use) and puts it where the shortcut was. */
  private async insertQuickReply(reply: QuickReply, token: SlashToken | undefined): Promise<void> {
    const conversationId = this.conversationId;
    if (!conversationId) return;
    const { texts } = this;
    try {
      const rendered = await this.options.consoleApi.renderQuickReply(reply.id, conversationId);
      if (this.conversationId !== conversationId) return;
      if (token && this.text.value.slice(token.start, token.end) === token.typed) {
        const next = replaceSlashToken(this.text.value, token, rendered.text);
        this.text.value = next.text;
        this.text.focus();
        this.text.setSelectionRange(next.caret, next.caret);
      } else {
        this.insert(rendered.text);
      }
      if (rendered.missing.length > 0)
        this.options.onProblem(texts.fillIn(rendered.missing.map((name) => `{${name}}`).join(', ')));
      // Uses changed the order: the most used come first next time.
      void this.loadQuickReplies(this.quickLocale ?? undefined);
    } catch (error) {
      this.options.onProblem(texts.failed(texts.problemIn.quickReplies, describeProblem(error, texts)));
    }
  }

  private insertAnswer(candidate: KnowledgeCandidate): void {
    this.insert(candidate.answer);
    if (!this.entryIds.includes(candidate.entryId)) this.entryIds.push(candidate.entryId);
    this.renderEntries();
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
          title: this.texts.doNotCite,
          attributes: { type: 'button' },
        });
        remove.addEventListener('click', () => {
          this.entryIds = this.entryIds.filter((entryId) => entryId !== id);
          this.renderEntries();
        });
        return h('span', { className: 'badge entry-chip' }, [`${this.texts.cites(id)} `, remove]);
      }),
    );
  }
}
