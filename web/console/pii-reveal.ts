import * as z from 'zod/mini';
import type { ApiClient } from '../shared/api-client.js';
import { h } from '../shared/dom.js';
import type { PrivacyTexts } from './privacy-texts.js';

/** Where the server masked what the viewer wrote (server/privacy/mask-for-staff.ts), as the console gets it. */
export interface PiiSpanWire {
  field: 'text' | 'question' | 'comment';
  index: number;
  start: number;
  end: number;
  kind: string;
}

/** A transcript line's masks: the stored event they belong to and the spans. */
export interface MaskedLine {
  sequence: number;
  spans: readonly PiiSpanWire[];
}

const RevealedSchema = z.object({ kind: z.string(), value: z.string() });
const REASONS = [
  'verify-identity',
  'contact-viewer',
  'delivery',
  'refund-or-payment',
  'safety-or-legal',
  'other',
];

/**
 * Draws masked personal data as "reveal" controls. Revealing asks for a reason (a short list and a note),
 * asks the server for that one value (which audits it), and shows it in place; revealed values stay for
 * this page's life only, never stored.
 */
export class PiiReveal {
  private readonly api: ApiClient;
  private readonly texts: PrivacyTexts;
  private readonly revealed = new Map<string, string>();
  private readonly dialog: HTMLDialogElement;
  private readonly reason: HTMLSelectElement;
  private readonly note: HTMLInputElement;
  private readonly problem: HTMLElement;
  private readonly heading: HTMLElement;
  private pending:
    { conversationId: string; line: MaskedLine; span: PiiSpanWire; button: HTMLElement } | undefined;

  constructor(options: { api: ApiClient; texts: PrivacyTexts }) {
    this.api = options.api;
    this.texts = options.texts;
    const { texts } = this;
    this.reason = h(
      'select',
      { attributes: { id: 'pii-reason', name: 'reason', required: '' } },
      REASONS.map((reason) =>
        h('option', { text: texts.reasons[reason] ?? reason, attributes: { value: reason } }),
      ),
    );
    this.note = h('input', {
      attributes: { id: 'pii-note', name: 'note', maxlength: '500', placeholder: texts.notePlaceholder },
    });
    this.problem = h('p', { className: 'pii-problem', attributes: { role: 'alert' } });
    this.heading = h('h3', {});
    const form = h('form', { attributes: { method: 'dialog', id: 'pii-reveal-form' } }, [
      this.heading,
      h('p', { className: 'muted', text: texts.revealHint }),
      h('label', {}, [texts.reasonLabel, this.reason]),
      h('label', {}, [texts.noteLabel, this.note]),
      this.problem,
      h('div', { className: 'pii-dialog-actions' }, [
        h('button', {
          className: 'secondary',
          text: texts.cancel,
          attributes: { type: 'button', id: 'pii-reveal-cancel' },
        }),
        h('button', {
          className: 'primary',
          text: texts.confirm,
          attributes: { type: 'submit', id: 'pii-reveal-confirm' },
        }),
      ]),
    ]);
    this.dialog = h('dialog', { className: 'pii-dialog', attributes: { id: 'pii-reveal-dialog' } }, [form]);
    document.body.append(this.dialog);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.confirm();
    });
    byButton(form, '#pii-reveal-cancel').addEventListener('click', () => this.dialog.close());
  }

  /** The line's text with each masked span as a button (or its revealed value). */
  render(conversationId: string, text: string, masked: MaskedLine | undefined): HTMLElement {
    const container = h('span', { className: 'line-text' });
    if (!masked || masked.spans.length === 0) {
      container.textContent = text;
      return container;
    }
    let position = 0;
    for (const span of masked.spans) {
      if (span.start < position || span.end > text.length) continue;
      container.append(text.slice(position, span.start));
      const shown = this.revealed.get(keyOf(conversationId, masked.sequence, span));
      container.append(
        shown === undefined
          ? this.maskButton(conversationId, masked, span, text.slice(span.start, span.end))
          : this.revealedMark(span, shown),
      );
      position = span.end;
    }
    container.append(text.slice(position));
    return container;
  }

  private maskButton(
    conversationId: string,
    line: MaskedLine,
    span: PiiSpanWire,
    masked: string,
  ): HTMLElement {
    const kind = this.texts.kinds[span.kind] ?? span.kind;
    const button = h('button', {
      className: 'pii-mask',
      text: masked,
      title: this.texts.revealTitle(kind),
      attributes: { type: 'button', 'data-kind': span.kind, 'aria-label': this.texts.revealTitle(kind) },
    });
    button.addEventListener('click', () => this.open({ conversationId, line, span, button }));
    return button;
  }

  private revealedMark(span: PiiSpanWire, value: string): HTMLElement {
    const kind = this.texts.kinds[span.kind] ?? span.kind;
    return h('mark', {
      className: 'pii-revealed',
      text: value,
      title: this.texts.revealed(kind),
      attributes: { 'data-kind': span.kind },
    });
  }

  private open(pending: NonNullable<PiiReveal['pending']>): void {
    this.pending = pending;
    this.heading.textContent = this.texts.revealTitle(
      this.texts.kinds[pending.span.kind] ?? pending.span.kind,
    );
    this.reason.value = REASONS[0]!;
    this.note.value = '';
    this.problem.textContent = '';
    this.dialog.showModal();
  }

  private async confirm(): Promise<void> {
    const pending = this.pending;
    if (!pending) return;
    const reason = this.reason.value;
    const note = this.note.value.trim();
    if (reason === 'other' && note.length < 3) {
      this.problem.textContent = this.texts.noteNeeded;
      return;
    }
    const { conversationId, line, span } = pending;
    try {
      const revealed = await this.api.request(
        'POST',
        `/api/conversations/${encodeURIComponent(conversationId)}/pii/reveal`,
        RevealedSchema,
        { body: { json: { sequence: line.sequence, field: span.field, index: span.index, reason, note } } },
      );
      this.revealed.set(keyOf(conversationId, line.sequence, span), revealed.value);
      pending.button.replaceWith(this.revealedMark(span, revealed.value));
      this.pending = undefined;
      this.dialog.close();
    } catch (error) {
      this.problem.textContent = this.texts.revealFailed(
        error instanceof Error ? error.message : String(error),
      );
    }
  }
}

function keyOf(conversationId: string, sequence: number, span: PiiSpanWire): string {
  return `${conversationId}\u0000${sequence}\u0000${span.field}\u0000${span.index}`;
}

function byButton(root: ParentNode, selector: string): HTMLButtonElement {
  const found = root.querySelector(selector);
  if (!(found instanceof HTMLButtonElement)) throw new Error(`no button ${selector}`);
  return found;
}
