import type { Topic } from '../../sdk/src/index.js';
import type { WidgetOptions } from './widget-options.js';
import { RatingPanel } from './widget-rating.js';
import { WIDGET_DISPUTE_CSS } from './widget-disputes.js';
import { WIDGET_CSS } from './widget-styles.js';
import { isRightToLeft } from './widget-texts-more.js';
import { originalLabel } from '../shared/original-label.js';
import type { MediaMessageView } from '../shared/media-message.js';
import type { UploadTarget } from '../shared/media-uploads.js';
import { WidgetMedia, WIDGET_MEDIA_CSS } from './widget-media.js';

const SVG = 'http://www.w3.org/2000/svg';
/** A speech bubble, drawn as a path: no markup strings anywhere in the widget. */
const BUBBLE_PATH =
  'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2zm3 6.5a1.5 1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01z';

export type Speaker = 'viewer' | 'assistant' | 'agent' | 'system';
/** A line about the conversation itself, between the messages: who joined, that it went back or ended. */
export type StatusKind = 'joined' | 'back' | 'closed' | 'rated';

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Applies the style sheet without inline `<style>` where the browser allows: a strict CSP forbids that. */
function adoptStyles(shadow: ShadowRoot): void {
  if (
    'adoptedStyleSheets' in shadow &&
    typeof CSSStyleSheet === 'function' &&
    'replaceSync' in CSSStyleSheet.prototype
  ) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(WIDGET_CSS + WIDGET_DISPUTE_CSS + WIDGET_MEDIA_CSS);
    shadow.adoptedStyleSheets = [sheet];
    return;
  }
  shadow.append(element('style', '', WIDGET_CSS + WIDGET_DISPUTE_CSS + WIDGET_MEDIA_CSS));
}

export interface WidgetViewHandlers {
  toggle(open: boolean): void;
  ask(text: string): void;
  askForPerson(): void;
  /** The viewer's satisfaction score; resolves once stored, rejects with why it was not. */
  rate(score: 1 | 2 | 3 | 4 | 5, comment: string): Promise<void>;
  /** Where the viewer's files go (their token and conversation); undefined before joining. */
  mediaTarget(): UploadTarget | undefined;
}

/**
 * The launcher and the chat panel in a shadow root. Every text goes in through `textContent`; the host
 * page's styles do not reach in.
 */
export class WidgetView {
  readonly host: HTMLElement;
  private readonly root: HTMLDivElement;
  private readonly launcher: HTMLButtonElement;
  private readonly badge: HTMLSpanElement;
  private readonly panel: HTMLElement;
  private readonly status: HTMLSpanElement;
  private readonly queue: HTMLDivElement;
  private readonly list: HTMLOListElement;
  private readonly typing: HTMLDivElement;
  private readonly actions: HTMLDivElement;
  private readonly rating: RatingPanel;
  private readonly input: HTMLInputElement;
  private readonly sendButton: HTMLButtonElement;
  private readonly media: WidgetMedia;
  private readonly options: WidgetOptions;
  /** The assistant's message per turn, filled as the answer streams in. */
  private readonly answers = new Map<string, HTMLLIElement>();
  private readonly pending = new Map<string, HTMLLIElement>();

  constructor(options: WidgetOptions, handlers: WidgetViewHandlers) {
    this.options = options;
    const texts = options.texts;
    this.host = document.createElement('livedesk-widget');
    // Open, so tests and accessibility tools can reach in; the styles are sealed either way.
    const shadow = this.host.attachShadow({ mode: 'open' });
    adoptStyles(shadow);

    this.root = element('div', 'root');
    this.root.dataset.position = options.position;
    this.root.dataset.open = 'false';
    this.root.lang = options.locale;
    // Arabic reads right to left: the panel mirrors (the styles use logical properties).
    this.root.dir = isRightToLeft(options.language) ? 'rtl' : 'ltr';
    this.root.style.setProperty('--ld-accent', options.color);
    this.root.style.setProperty('--ld-on-accent', options.textColor);

    this.launcher = element('button', 'launcher');
    this.launcher.type = 'button';
    this.launcher.setAttribute('aria-label', texts.launcher);
    this.launcher.setAttribute('aria-expanded', 'false');
    this.launcher.title = texts.launcher;
    const icon = document.createElementNS(SVG, 'svg');
    icon.setAttribute('viewBox', '0 0 24 24');
    icon.setAttribute('aria-hidden', 'true');
    const path = document.createElementNS(SVG, 'path');
    path.setAttribute('d', BUBBLE_PATH);
    icon.append(path);
    this.badge = element('span', 'badge');
    this.badge.hidden = true;
    this.launcher.append(icon, this.badge);
    this.launcher.addEventListener('click', () => handlers.toggle(true));

    this.panel = element('section', 'panel');
    this.panel.hidden = true;
    this.panel.setAttribute('role', 'dialog');
    this.panel.setAttribute('aria-label', texts.title);
    const header = element('header', '');
    const heading = element('div', 'heading');
    this.status = element('span', 'status', texts.connection.connecting);
    this.status.dataset.state = 'connecting';
    heading.append(element('span', 'title', texts.title), this.status);
    const close = element('button', 'close', '×');
    close.type = 'button';
    close.setAttribute('aria-label', texts.close);
    close.addEventListener('click', () => handlers.toggle(false));
    header.append(heading, close);

    this.queue = element('div', 'queue');
    this.queue.hidden = true;
    this.queue.setAttribute('role', 'status');
    this.list = element('ol', 'messages');
    this.list.setAttribute('aria-live', 'polite');
    this.typing = element('div', 'typing', texts.typing);
    this.typing.hidden = true;
    this.actions = element('div', 'actions');
    this.actions.hidden = true;
    const person = element('button', 'person', texts.person);
    person.type = 'button';
    person.addEventListener('click', () => handlers.askForPerson());
    this.actions.append(person);
    this.rating = new RatingPanel(texts.rating, (score, comment) => handlers.rate(score, comment));

    const composer = element('form', 'composer');
    this.input = element('input', 'input');
    this.input.type = 'text';
    this.input.maxLength = 1000;
    this.input.placeholder = texts.placeholder;
    this.input.setAttribute('aria-label', texts.placeholder);
    this.input.autocomplete = 'off';
    this.sendButton = element('button', 'send', texts.send);
    this.sendButton.type = 'submit';
    this.sendButton.disabled = true;
    this.media = new WidgetMedia({
      texts: texts.media,
      agentLabel: texts.agent,
      baseUrl: options.baseUrl,
      root: this.root,
      input: this.input,
      append: (item) => this.append(item),
      scrollToEnd: () => this.scrollToEnd(),
      target: () => handlers.mediaTarget(),
    });
    composer.append(...this.media.tools, this.input, this.sendButton);
    composer.addEventListener('submit', (event) => {
      event.preventDefault();
      const text = this.input.value.trim();
      if (text === '' || this.sendButton.disabled) return;
      this.input.value = '';
      handlers.ask(text);
    });
    this.panel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') handlers.toggle(false);
    });

    this.panel.append(
      header,
      this.queue,
      this.list,
      this.typing,
      this.rating.form,
      this.actions,
      this.media.emojiGrid,
      composer,
    );
    this.root.append(this.launcher, this.panel);
    shadow.append(this.root);
    if (texts.greeting) this.list.append(this.message('assistant', texts.greeting));
  }

  get isOpen(): boolean {
    return this.root.dataset.open === 'true';
  }

  setOpen(open: boolean): void {
    this.root.dataset.open = String(open);
    this.panel.hidden = !open;
    this.launcher.setAttribute('aria-expanded', String(open));
    if (open) {
      this.scrollToEnd();
      this.input.focus({ preventScroll: true });
    } else this.launcher.focus({ preventScroll: true });
  }

  setUnread(count: number): void {
    this.badge.hidden = count === 0;
    this.badge.textContent = count > 99 ? '99+' : String(count);
    this.launcher.setAttribute(
      'aria-label',
      count === 0
        ? this.options.texts.launcher
        : `${this.options.texts.launcher} (${this.options.texts.unread(count)})`,
    );
  }

  setConnection(state: 'connecting' | 'open' | 'reconnecting' | 'closed'): void {
    this.status.dataset.state = state;
    this.status.textContent = this.options.texts.connection[state];
  }

  setCanSend(canSend: boolean): void {
    this.sendButton.disabled = !canSend;
  }

  setPersonButton(shown: boolean): void {
    this.actions.hidden = !shown;
  }

  setQueue(line: string | undefined): void {
    this.queue.hidden = line === undefined;
    this.queue.textContent = line ?? '';
  }

  /** Who is composing a reply, in words (`texts.typing`, `texts.agentTyping`); undefined: nobody. */
  setTyping(line: string | undefined): void {
    this.typing.hidden = line === undefined;
    this.typing.textContent = line ?? '';
    if (line !== undefined) this.scrollToEnd();
  }

  statusLine(kind: StatusKind, text: string): void {
    const item = element('li', 'status-line');
    item.dataset.kind = kind;
    item.append(element('span', 'text', text));
    this.append(item);
  }

  /** Asks for a score (1-5 stars and a comment); `false` takes the question away. */
  askRating(shown: boolean): void {
    if (shown) this.rating.show();
    else this.rating.hide();
    if (shown) this.scrollToEnd();
  }

  /** A message the viewer sent, shown at once and marked pending until the server has it. */
  addPending(clientMessageId: string, text: string): void {
    const item = this.message('viewer', text);
    item.classList.add('pending');
    item.dataset.clientMessageId = clientMessageId;
    this.pending.set(clientMessageId, item);
    this.append(item);
  }

  acknowledge(clientMessageId: string): void {
    this.pending.get(clientMessageId)?.classList.remove('pending');
    this.pending.delete(clientMessageId);
  }

  refuse(clientMessageId: string, reason: string): void {
    const item = this.pending.get(clientMessageId);
    this.pending.delete(clientMessageId);
    if (!item) return;
    item.classList.remove('pending');
    item.classList.add('failed');
    item.append(element('span', 'note', `${this.options.texts.notSent}: ${reason}`));
  }

  /**
   * A stored viewer message: the pending one it confirms, or (replayed, from another tab, or a question
   * asked out loud: `channel` voice, labelled so) a new one.
   */
  viewerMessage(text: string, clientMessageId: string | undefined, channel: 'text' | 'voice' = 'text'): void {
    const shown =
      clientMessageId === undefined
        ? undefined
        : this.list.querySelector(`[data-client-message-id="${CSS.escape(clientMessageId)}"]`);
    if (shown) {
      shown.classList.remove('pending');
      return;
    }
    const item = this.message('viewer', text);
    if (clientMessageId !== undefined) item.dataset.clientMessageId = clientMessageId;
    if (channel === 'voice') {
      item.dataset.channel = 'voice';
      item.prepend(element('span', 'channel', this.options.texts.microphone.spoken));
    }
    this.append(item);
  }

  /** The assistant's answer of one turn so far, or in full. */
  answer(turnId: string, text: string): void {
    let item = this.answers.get(turnId);
    if (!item) {
      item = this.message('assistant', text);
      item.dataset.turnId = turnId;
      this.answers.set(turnId, item);
      this.append(item);
      return;
    }
    const body = item.querySelector('.text');
    if (body) body.textContent = text;
    this.scrollToEnd();
  }

  /** Entries the viewer may have meant: buttons that ask them. */
  topics(turnId: string, topics: readonly Topic[], ask: (question: string) => void): void {
    if (topics.length === 0) return;
    let holder = this.answers.get(turnId);
    if (!holder) {
      // Before the turn's text: the text, when it comes, replaces the heading and keeps the buttons.
      holder = this.message('assistant', this.options.texts.didYouMean);
      holder.dataset.turnId = turnId;
      this.answers.set(turnId, holder);
      this.append(holder);
    }
    const row = element('div', 'topics');
    for (const topic of topics.slice(0, 4)) {
      const button = element('button', 'topic', topic.question);
      button.type = 'button';
      button.addEventListener('click', () => ask(topic.question));
      row.append(button);
    }
    holder.append(row);
    this.scrollToEnd();
  }

  /** `original`: the agent's own words when `text` is their translation (shown behind a toggle). */
  say(speaker: Speaker, text: string, original?: string): void {
    this.append(this.message(speaker, text, original));
  }

  /** A picture, sticker, voice clip or file in the conversation (web/widget/widget-media.ts). */
  mediaMessage(media: MediaMessageView): void {
    this.media.render(media);
  }

  /** Whether a viewer message is what was heard in a clip (then shown under the clip, not as a message). */
  clipTranscript(clientMessageId: string | undefined, text: string): boolean {
    return this.media.transcript(clientMessageId, text);
  }

  /**
   * The microphone, once loaded (web/widget/widget-voice.ts): its button joins the composer's tools, its
   * line goes above the composer, its styles join the widget's.
   */
  addMicrophone(parts: { button: HTMLElement; bar: HTMLElement; css: string }): void {
    this.input.before(parts.button);
    this.input.form?.before(parts.bar);
    const shadow = this.host.shadowRoot;
    if (!shadow) return;
    if ('adoptedStyleSheets' in shadow && shadow.adoptedStyleSheets.length > 0) {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(parts.css);
      shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, sheet];
    } else shadow.prepend(element('style', '', parts.css));
  }

  /** An item drawn elsewhere (a dispute form or status line: web/widget/widget-disputes.ts). */
  appendItem(item: HTMLLIElement): void {
    this.append(item);
  }

  remove(): void {
    this.host.remove();
  }

  private message(speaker: Speaker, text: string, original?: string): HTMLLIElement {
    const texts = this.options.texts;
    const item = element('li', `message ${speaker}`);
    if (speaker !== 'viewer' && speaker !== 'system') {
      item.append(element('span', 'author', speaker === 'agent' ? texts.agent : texts.assistant));
    }
    item.append(element('div', 'text', text));
    if (original !== undefined) {
      const toggle = element('details', 'original');
      toggle.append(element('summary', '', originalLabel(this.options.language)));
      toggle.append(element('div', 'original-text', original));
      item.append(toggle);
    }
    return item;
  }

  private append(item: HTMLLIElement): void {
    this.list.append(item);
    this.scrollToEnd();
  }

  private scrollToEnd(): void {
    this.list.scrollTop = this.list.scrollHeight;
  }
}
