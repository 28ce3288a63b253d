import type { ViewerEvent } from '../../server/realtime/viewer-event.js';
import type { TopicOption } from '../../engine/turn/turn-events.js';
import { h, scrollToEndIfNear, type Child } from '../shared/dom.js';
import { formatTime } from '../shared/format-duration.js';
import { DisputeForms } from '../shared/dispute-forms.js';
import type { ViewerTexts } from './viewer-texts.js';
import { asViewerLanguage } from './viewer-language.js';
import { originalToggle } from './original-toggle.js';
import type { MediaMessageView } from '../shared/media-message.js';

/** Draws media messages (web/viewer/viewer-media.ts). */
export interface ChatMedia {
  body(media: MediaMessageView): HTMLElement;
  /** True when the page's own upload line took `item`'s place. */
  arrived(mediaId: string, item: HTMLLIElement): boolean;
  /** True when a viewer message is a clip's transcript, shown under the clip. */
  transcript(clientMessageId: string | undefined, text: string): boolean;
}

interface AnswerBubble {
  item: HTMLLIElement;
  body: HTMLElement;
  tags: HTMLElement;
  text: string;
  hasOptions: boolean;
}

interface PendingMessage {
  clientMessageId: string;
  text: string;
  item: HTMLLIElement;
}

export interface ChatViewOptions {
  list: HTMLOListElement;
  texts: ViewerTexts;
  /** The page's language tag (`zh-CN`, `en`), for times. */
  locale?: string;
  /** A clarify or suggestion button was clicked. */
  ask: (text: string) => void;
  /** A dispute form was filled in: sends it, returns its client id (undefined: not sent). */
  submitDispute?: ((formId: string, values: Record<string, string>) => string | undefined) | undefined;
  media?: ChatMedia | undefined;
}

/** The viewer's message list, drawn from conversation events; every piece of text goes in as text. */
export class ChatView {
  private readonly list: HTMLOListElement;
  private readonly texts: ViewerTexts;
  private readonly locale: string | undefined;
  private readonly ask: (text: string) => void;
  private readonly answers = new Map<string, AnswerBubble>();
  private pending: PendingMessage[] = [];
  private readonly disputes: DisputeForms;
  private readonly media: ChatMedia | undefined;

  constructor(options: ChatViewOptions) {
    this.list = options.list;
    this.media = options.media;
    this.texts = options.texts;
    this.locale = options.locale;
    this.ask = options.ask;
    this.disputes = new DisputeForms({
      language: options.locale?.startsWith('zh') ? 'zh' : 'en',
      textsLanguage: asViewerLanguage(options.locale),
      locale: options.locale ?? 'en',
      submit: options.submitDispute ?? (() => undefined),
      append: (item) => this.append(item),
    });
  }

  /** A refused dispute submission is shown on its form; false when no form sent it. */
  refuseDispute(clientId: string | undefined, message: string): boolean {
    return this.disputes.refuse(clientId, message);
  }

  clear(): void {
    this.list.replaceChildren();
    this.answers.clear();
    this.disputes.clear();
    this.pending = [];
  }

  /** Shows a sent message at once, greyed until the server's `viewer-message` event confirms it. */
  addPending(clientMessageId: string, text: string): void {
    const item = this.bubble('viewer pending', this.texts.you, [h('span', { className: 'body', text })]);
    item.dataset.clientMessageId = clientMessageId;
    this.pending.push({ clientMessageId, text, item });
  }

  acknowledge(clientMessageId: string): void {
    const pending = this.pending.find((message) => message.clientMessageId === clientMessageId);
    pending?.item.classList.remove('pending');
  }

  /** A message the server refused: it stays visible, marked, so the viewer can send it again. */
  refuse(clientMessageId: string | undefined): void {
    const index = clientMessageId
      ? this.pending.findIndex((message) => message.clientMessageId === clientMessageId)
      : this.pending.length - 1;
    const [refused] = index >= 0 ? this.pending.splice(index, 1) : [];
    refused?.item.classList.replace('pending', 'refused');
  }

  notice(text: string, kind: 'error' | 'info' = 'info'): void {
    this.append(h('li', { className: `notice ${kind}`, text }));
  }

  render(event: ViewerEvent): void {
    if (isMediaMessage(event)) {
      this.mediaMessage(event);
      return;
    }
    switch (event.type) {
      case 'viewer-message':
        if (this.media?.transcript(event.clientMessageId, event.text)) return;
        this.viewerMessage(event.text, event.channel, event.at);
        return;
      case 'agent-message':
        this.bubble(
          'agent',
          this.texts.agent,
          [
            h('span', { className: 'body', text: event.text }),
            event.original === undefined
              ? null
              : originalToggle(event.original, asViewerLanguage(this.locale) ?? 'en'),
          ],
          event.at,
        );
        return;
      case 'system-message':
        this.append(
          h('li', { className: `system ${event.kind}`, attributes: { 'data-kind': event.kind } }, [
            h('span', { className: 'body', text: event.text }),
          ]),
        );
        return;
      case 'turn-start':
        this.answer(event.turnId).item.classList.add('streaming');
        return;
      case 'text-delta': {
        const answer = this.answer(event.turnId);
        answer.text += event.text;
        answer.body.textContent = answer.text;
        answer.item.classList.add('streaming');
        scrollToEndIfNear(this.list);
        return;
      }
      case 'answer-source':
        this.answer(event.turnId).item.dataset.entryIds = event.entryIds.join(',');
        return;
      // The answer's own words ask the question; the choices come once, as buttons.
      case 'clarify':
        this.options(event.turnId, undefined, event.options);
        return;
      case 'decline':
        this.options(event.turnId, this.texts.decline, event.closestTopics);
        return;
      case 'turn-end':
        this.endTurn(event.turnId, event.reason, event.delivered);
        return;
      case 'speech-stop':
        this.tag(event.turnId, 'stopped', this.texts.stopped);
        return;
      case 'speech-resume':
        this.answers.get(event.turnId)?.tags.querySelector('.tag-stopped')?.remove();
        return;
      case 'satisfaction':
        this.notice(this.texts.rated(event.score));
        return;
      case 'dispute-form':
        this.disputes.offer(event);
        return;
      case 'dispute-update':
        this.disputes.update(event);
        return;
      case 'conversation-opened':
      // The desk's welcome is the one line a handoff gets; the header shows the state.
      case 'handoff':
      case 'state-change':
      case 'queue-status':
      case 'satisfaction-request':
        // Shown outside the list: header, queue banner, rating panel.
        return;
    }
  }

  private mediaMessage(media: MediaMessageView): void {
    if (!this.media) return;
    const mine = media.by === 'viewer';
    const item = h('li', { className: `message ${media.by} media-message` }, [
      h('span', { className: 'author' }, [
        mine ? this.texts.you : this.texts.agent,
        h('time', { text: formatTime(media.at, this.locale) }),
      ]),
      this.media.body(media),
    ]);
    if (!this.media.arrived(media.mediaId, item)) this.append(item);
    else scrollToEndIfNear(this.list);
  }

  private viewerMessage(text: string, channel: 'text' | 'voice', at: string): void {
    const index = this.pending.findIndex((message) => message.text === text);
    const [confirmed] = index >= 0 ? this.pending.splice(index, 1) : [];
    if (confirmed) {
      confirmed.item.classList.remove('pending');
      confirmed.item.querySelector('.author')?.append(h('time', { text: formatTime(at, this.locale) }));
      return;
    }
    const item = this.bubble('viewer', this.texts.you, [h('span', { className: 'body', text })], at);
    if (channel === 'voice')
      item.querySelector('.author')?.append(h('span', { className: 'channel', text: this.texts.voice }));
  }

  private answer(turnId: string): AnswerBubble {
    const existing = this.answers.get(turnId);
    if (existing) return existing;
    const body = h('span', { className: 'body' });
    const tags = h('span', { className: 'tags' });
    const item = this.bubble('assistant', this.texts.assistant, [body, tags]);
    item.dataset.turnId = turnId;
    const answer: AnswerBubble = { item, body, tags, text: '', hasOptions: false };
    this.answers.set(turnId, answer);
    return answer;
  }

  private options(turnId: string, prompt: string | undefined, options: readonly TopicOption[]): void {
    const answer = this.answer(turnId);
    answer.hasOptions = true;
    const buttons = options.map((option) => {
      const button = h('button', {
        className: 'option',
        text: option.question,
        attributes: { type: 'button' },
      });
      button.dataset.entryId = option.entryId;
      button.addEventListener('click', () => this.ask(option.question));
      return button;
    });
    answer.item.append(
      h('div', { className: 'options' }, [
        prompt === undefined ? null : h('p', { text: prompt }),
        ...buttons,
      ]),
    );
    scrollToEndIfNear(this.list);
  }

  private endTurn(turnId: string, reason: 'done' | 'interrupted' | 'error', delivered: string): void {
    const answer = this.answers.get(turnId);
    if (!answer) {
      if (delivered) this.answer(turnId).body.textContent = delivered;
      return;
    }
    answer.item.classList.remove('streaming');
    // Replayed history carries no deltas: what was delivered is the answer.
    if (answer.text === '' && delivered !== '') {
      answer.text = delivered;
      answer.body.textContent = delivered;
    }
    if (reason === 'interrupted') {
      answer.tags.querySelector('.tag-stopped')?.remove();
      this.tag(turnId, 'interrupted', this.texts.interrupted);
    }
    if (reason === 'error' && answer.text === '') answer.body.textContent = this.texts.answerError;
    if (answer.text === '' && !answer.hasOptions && reason === 'done') answer.item.remove();
  }

  private tag(turnId: string, name: string, text: string): void {
    const answer = this.answers.get(turnId);
    if (!answer || answer.tags.querySelector(`.tag-${name}`)) return;
    answer.tags.append(h('span', { className: `tag tag-${name}`, text }));
  }

  private bubble(className: string, author: string, body: readonly Child[], at?: string): HTMLLIElement {
    const header = h('span', { className: 'author' }, [
      author,
      at ? h('time', { text: formatTime(at, this.locale) }) : null,
    ]);
    const item = h('li', { className: `message ${className}` }, [header, ...body]);
    this.append(item);
    return item;
  }

  private append(item: HTMLLIElement): void {
    this.list.append(item);
    scrollToEndIfNear(this.list);
  }
}

/** Media messages (issue 17): read by their type, the rest of the event as the server sends it. */
function isMediaMessage(event: { type: string }): event is MediaMessageView {
  return event.type === 'media-message';
}
