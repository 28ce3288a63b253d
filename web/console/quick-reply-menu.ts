import { h, replaceChildren, show } from '../shared/dom.js';
import type { QuickReply } from './console-api.js';
import type { ConsoleTexts } from './console-texts.js';
import { matchingQuickReplies, slashTokenAt, type SlashToken } from './quick-reply-slash.js';

export interface QuickReplyMenuOptions {
  textarea: HTMLTextAreaElement;
  menu: HTMLUListElement;
  texts: ConsoleTexts;
  /** The replies for the conversation's language, most used first. */
  replies: () => readonly QuickReply[];
  /** The agent picked `reply` for the shortcut they were typing. */
  choose: (reply: QuickReply, token: SlashToken) => void;
}

/**
 * Quick replies by typing: `/` opens a list of shortcuts filtered as the agent types, ↑↓ move, Tab or
 * Enter insert (so `/hi` + Tab inserts the greeting), Esc closes. It listens before the reply box does,
 * so Enter here never sends.
 */
export class QuickReplyMenu {
  private readonly options: QuickReplyMenuOptions;
  private matches: QuickReply[] = [];
  private highlighted = 0;
  private token: SlashToken | undefined;

  constructor(options: QuickReplyMenuOptions) {
    this.options = options;
    const { textarea } = options;
    textarea.addEventListener('input', () => this.update());
    textarea.addEventListener('click', () => this.update());
    textarea.addEventListener('blur', () => this.close());
    textarea.addEventListener('keydown', (event) => this.onKey(event));
  }

  get isOpen(): boolean {
    return this.token !== undefined;
  }

  close(): void {
    this.token = undefined;
    this.matches = [];
    replaceChildren(this.options.menu, []);
    show(this.options.menu, false);
  }

  /** Looks at the text around the caret again (after typing, or after the list of replies changed). */
  update(): void {
    const { textarea } = this.options;
    const token = textarea.disabled ? undefined : slashTokenAt(textarea.value, textarea.selectionStart);
    if (!token) {
      this.close();
      return;
    }
    const previous = this.matches[this.highlighted]?.id;
    this.token = token;
    this.matches = matchingQuickReplies(this.options.replies(), token.typed);
    const kept = this.matches.findIndex((reply) => reply.id === previous);
    this.highlighted = kept >= 0 && token.typed !== '/' ? kept : 0;
    this.render();
  }

  private onKey(event: KeyboardEvent): void {
    if (!this.token || event.ctrlKey || event.metaKey || event.altKey) return;
    const handled = (): void => {
      event.preventDefault();
      event.stopImmediatePropagation();
    };
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        if (this.matches.length === 0) return;
        handled();
        this.highlighted =
          (this.highlighted + (event.key === 'ArrowDown' ? 1 : -1) + this.matches.length) %
          this.matches.length;
        this.render();
        return;
      case 'Tab':
      case 'Enter': {
        const reply = this.matches[this.highlighted];
        if (!reply || event.shiftKey) return;
        handled();
        this.pick(reply);
        return;
      }
      case 'Escape':
        handled();
        this.close();
        return;
      default:
        return;
    }
  }

  private pick(reply: QuickReply): void {
    const token = this.token;
    this.close();
    if (token) this.options.choose(reply, token);
  }

  private render(): void {
    const { menu, texts } = this.options;
    const typed = this.token?.typed ?? '/';
    replaceChildren(menu, [
      ...(this.matches.length === 0
        ? [h('li', { className: 'muted empty', text: texts.noQuickReplyMatches(typed) })]
        : this.matches.map((reply, index) => {
            const item = h(
              'li',
              {
                className: `quick-reply-option${index === this.highlighted ? ' highlighted' : ''}`,
                attributes: {
                  role: 'option',
                  'aria-selected': String(index === this.highlighted),
                  'data-shortcut': reply.shortcut,
                  'data-id': reply.id,
                },
              },
              [
                h('strong', { text: reply.shortcut }),
                h('span', { className: 'title', text: reply.title }),
                h('span', { className: 'muted preview', text: reply.text }),
              ],
            );
            // mousedown, not click: the textarea keeps its focus and caret.
            item.addEventListener('mousedown', (event) => {
              event.preventDefault();
              this.pick(reply);
            });
            return item;
          })),
      h('li', { className: 'hint muted', text: texts.quickReplyHint, attributes: { 'aria-hidden': 'true' } }),
    ]);
    show(menu, true);
    menu.querySelector('.highlighted')?.scrollIntoView({ block: 'nearest' });
  }
}
