import type { WidgetTexts } from './widget-texts.js';

export type Score = 1 | 2 | 3 | 4 | 5;
const SCORES: readonly Score[] = [1, 2, 3, 4, 5];

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

/**
 * The satisfaction question: five star buttons (each labelled with its score, pressed up to the one
 * chosen), an optional comment and a send button, enabled once a star is chosen. A failed send says why
 * and may be tried again; a sent one closes the panel (the thanks line comes with the stored rating).
 */
export class RatingPanel {
  readonly form: HTMLFormElement;
  private readonly stars: HTMLButtonElement[];
  private readonly comment: HTMLTextAreaElement;
  private readonly submit: HTMLButtonElement;
  private readonly note: HTMLParagraphElement;
  private readonly texts: WidgetTexts['rating'];
  private score: Score | undefined;
  private sending = false;

  constructor(texts: WidgetTexts['rating'], rate: (score: Score, comment: string) => Promise<void>) {
    this.texts = texts;
    this.form = element('form', 'rating');
    this.form.hidden = true;
    const title = element('p', 'rating-title', texts.title);
    title.id = 'livedesk-rating-title';
    this.form.setAttribute('aria-labelledby', title.id);
    const row = element('div', 'stars');
    row.setAttribute('role', 'group');
    row.setAttribute('aria-labelledby', title.id);
    this.stars = SCORES.map((score) => {
      const star = element('button', 'star', '★');
      star.type = 'button';
      star.dataset.score = String(score);
      star.setAttribute('aria-label', texts.star(score));
      star.setAttribute('aria-pressed', 'false');
      star.addEventListener('click', () => this.choose(score));
      return star;
    });
    row.append(...this.stars);
    this.comment = element('textarea', 'rating-comment');
    this.comment.rows = 2;
    this.comment.maxLength = 1000;
    this.comment.placeholder = texts.comment;
    this.comment.setAttribute('aria-label', texts.comment);
    this.note = element('p', 'rating-note');
    this.note.setAttribute('role', 'alert');
    this.submit = element('button', 'rating-submit', texts.submit);
    this.submit.type = 'submit';
    this.submit.disabled = true;
    this.form.append(title, row, this.comment, this.note, this.submit);
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      const score = this.score;
      if (score === undefined || this.sending) return;
      this.setSending(true);
      this.note.textContent = '';
      rate(score, this.comment.value.trim()).then(
        () => {
          this.setSending(false);
          this.hide();
        },
        (error: unknown) => {
          this.setSending(false);
          this.note.textContent = `${texts.failed}: ${error instanceof Error ? error.message : String(error)}`;
        },
      );
    });
  }

  get isShown(): boolean {
    return !this.form.hidden;
  }

  show(): void {
    this.form.hidden = false;
  }

  hide(): void {
    this.form.hidden = true;
  }

  private choose(score: Score): void {
    if (this.sending) return;
    this.score = score;
    for (const star of this.stars) {
      const on = Number(star.dataset.score) <= score;
      star.classList.toggle('on', on);
      star.setAttribute('aria-pressed', String(Number(star.dataset.score) === score));
    }
    this.submit.disabled = false;
  }

  private setSending(sending: boolean): void {
    this.sending = sending;
    this.submit.disabled = sending || this.score === undefined;
    for (const star of this.stars) star.disabled = sending;
    this.comment.disabled = sending;
    this.submit.textContent = this.texts.submit;
  }
}
