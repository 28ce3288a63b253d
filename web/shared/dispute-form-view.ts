import type { ViewerEvent } from '../../server/realtime/viewer-event.js';
import { h } from './dom.js';
import { disputeTexts, type DisputeTexts, type DisputeTextsLanguage } from './dispute-texts.js';

export type DisputeFormEvent = Extract<ViewerEvent, { type: 'dispute-form' }>;
export type DisputeUpdateEvent = Extract<ViewerEvent, { type: 'dispute-update' }>;
type Field = DisputeFormEvent['fields'][number];

const AMOUNT_PATTERN = /^\d{1,7}(?:\.\d{1,2})?$/;

/**
 * A dispute form drawn from its `dispute-form` event: the labels in the page's language, an amount and a
 * time input, a submit button. It checks what it can before sending; the server checks everything again.
 */
export class DisputeFormView {
  readonly element: HTMLFormElement;
  readonly formId: string;
  private readonly texts: DisputeTexts;
  private readonly button: HTMLButtonElement;
  private readonly problem: HTMLElement;
  private readonly inputs = new Map<string, HTMLInputElement | HTMLTextAreaElement>();
  private pendingClientId: string | undefined;
  private done = false;

  constructor(options: {
    offer: DisputeFormEvent;
    language: 'zh' | 'en';
    /**
     * The form's own words (buttons, errors) and, where the server sent them in it, the title and field
     * labels; default `language`.
     */
    textsLanguage?: DisputeTextsLanguage | undefined;
    /** The form's own words when the page has them at hand (the widget's loaded catalogue); default by language. */
    texts?: DisputeTexts | undefined;
    /** Sends the values; returns the submission's client id, undefined when it could not be sent. */
    submit: (formId: string, values: Record<string, string>) => string | undefined;
  }) {
    const { offer, language } = options;
    const wordsLanguage = options.textsLanguage ?? language;
    // The server's words in the viewer's language when it sent them; an older server sends zh/en only.
    const pick = (words: Record<string, string>): string => words[wordsLanguage] ?? words[language] ?? '';
    this.formId = offer.formId;
    this.texts = options.texts ?? disputeTexts(wordsLanguage);
    this.button = h('button', {
      className: 'dispute-submit',
      text: this.texts.submit,
      attributes: { type: 'submit' },
    });
    this.problem = h('p', { className: 'dispute-problem', attributes: { role: 'alert' } });
    const rows = offer.fields.map((field) => this.row(field, pick(field.label)));
    this.element = h(
      'form',
      { className: 'dispute-form', attributes: { 'data-kind': offer.kind, novalidate: '' } },
      [
        h('strong', { className: 'dispute-title', text: pick(offer.title) }),
        ...rows,
        h('p', { className: 'dispute-hint', text: this.texts.screenshotLater }),
        this.problem,
        this.button,
      ],
    );
    this.element.dataset.formId = offer.formId;
    this.element.addEventListener('submit', (event) => {
      event.preventDefault();
      if (this.done || this.pendingClientId !== undefined) return;
      const values = this.values();
      if (!values) return;
      const clientId = options.submit(this.formId, values);
      if (clientId === undefined) return;
      this.pendingClientId = clientId;
      this.setBusy(true, this.texts.sending);
    });
  }

  /** Whether this form is waiting for the answer to that submission. */
  owns(clientId: string | undefined): boolean {
    return clientId !== undefined && clientId === this.pendingClientId;
  }

  /** The server took it (its `dispute-update` came, now or on a replay). */
  submitted(): void {
    this.done = true;
    this.pendingClientId = undefined;
    this.problem.textContent = '';
    this.setBusy(true, this.texts.sent);
    this.element.classList.add('submitted');
  }

  /** The server refused it: the viewer may correct and send again. */
  refused(message: string): void {
    this.pendingClientId = undefined;
    this.problem.textContent = message;
    this.setBusy(false, this.texts.submit);
  }

  private setBusy(busy: boolean, label: string): void {
    this.button.disabled = busy;
    this.button.textContent = label;
    for (const input of this.inputs.values()) input.disabled = busy && this.done;
  }

  private row(field: Field, label: string): HTMLElement {
    const id = `dispute-${this.formId}-${field.name}`;
    const attributes: Record<string, string> = { id, name: field.name };
    if (field.required) attributes['required'] = '';
    if (field.maxLength !== undefined) attributes['maxlength'] = String(field.maxLength);
    let input: HTMLInputElement | HTMLTextAreaElement;
    if (field.input === 'note') input = h('textarea', { attributes: { ...attributes, rows: '2' } });
    else if (field.input === 'amount')
      input = h('input', {
        attributes: { ...attributes, type: 'text', inputmode: 'decimal', placeholder: '0.00' },
      });
    else if (field.input === 'datetime')
      input = h('input', { attributes: { ...attributes, type: 'datetime-local' } });
    else input = h('input', { attributes: { ...attributes, type: 'text' } });
    this.inputs.set(field.name, input);
    return h('label', { className: 'dispute-field', attributes: { for: id } }, [
      h('span', { text: label }),
      input,
      h('small', { className: 'dispute-field-problem' }),
    ]);
  }

  /** The values to send, or undefined with each problem shown beside its field. */
  private values(): Record<string, string> | undefined {
    const values: Record<string, string> = {};
    let ok = true;
    for (const [name, input] of this.inputs) {
      const raw = input.value.trim();
      const problem = input.parentElement?.querySelector('.dispute-field-problem');
      let message = '';
      if (raw === '') {
        if (input.hasAttribute('required')) message = this.texts.required;
      } else if (input.getAttribute('inputmode') === 'decimal') {
        if (!AMOUNT_PATTERN.test(raw) || Number(raw) <= 0) message = this.texts.invalidAmount;
        else values[name] = raw;
      } else if (input.getAttribute('type') === 'datetime-local') {
        const at = new Date(raw);
        if (Number.isNaN(at.getTime())) message = this.texts.invalidTime;
        // The picker's time is the viewer's local time: sent as an exact moment.
        else values[name] = at.toISOString();
      } else values[name] = raw;
      if (problem) problem.textContent = message;
      input.toggleAttribute('aria-invalid', message !== '');
      if (message !== '') ok = false;
    }
    return ok ? values : undefined;
  }
}

/** The dispute's status line: its state, the words the server wrote for the viewer, the reply deadline. */
export function disputeStatusLine(
  update: DisputeUpdateEvent,
  options: {
    language: 'zh' | 'en';
    locale: string;
    textsLanguage?: DisputeTextsLanguage | undefined;
    texts?: DisputeTexts | undefined;
  },
): HTMLElement {
  const texts = options.texts ?? disputeTexts(options.textsLanguage ?? options.language);
  const due =
    update.dueAt === undefined
      ? null
      : h('small', {
          className: 'dispute-due',
          text: texts.dueBy(
            new Date(update.dueAt).toLocaleString(options.locale, {
              month: 'numeric',
              day: 'numeric',
              hour: '2-digit',
              minute: '2-digit',
            }),
          ),
        });
  const line = h('div', { className: 'dispute-status', attributes: { 'data-status': update.status } }, [
    h('span', { className: 'dispute-badge', text: texts.statuses[update.status] }),
    update.handling === 'person' && update.submitted
      ? h('span', { className: 'dispute-badge person', text: texts.person })
      : null,
    h('span', { className: 'body', text: update.viewerText }),
    due,
  ]);
  line.dataset.ticketId = update.ticketId;
  line.dataset.disputeId = update.disputeId;
  return line;
}
