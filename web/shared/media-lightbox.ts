import { h } from './dom.js';

/**
 * A picture full size over everything else: the close button, Escape or a click beside the picture
 * closes it, and the focus goes back to the thumbnail that opened it.
 */
export class MediaLightbox {
  private readonly overlay: HTMLDivElement;
  private readonly image: HTMLImageElement;
  private readonly closeButton: HTMLButtonElement;
  private returnFocus: HTMLElement | undefined;

  /** `parent`: the widget's shadow root element, or a page's body. */
  constructor(parent: HTMLElement, texts: { close: string }) {
    this.image = h('img', { className: 'media-full' });
    this.closeButton = h('button', {
      className: 'media-close',
      text: '×',
      attributes: { type: 'button', 'aria-label': texts.close },
      title: texts.close,
    });
    this.overlay = h(
      'div',
      { className: 'media-overlay', attributes: { role: 'dialog', 'aria-modal': 'true' } },
      [this.image, this.closeButton],
    );
    this.overlay.hidden = true;
    this.closeButton.addEventListener('click', () => this.close());
    this.overlay.addEventListener('click', (event) => {
      if (event.target === this.overlay) this.close();
    });
    this.overlay.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape') return;
      // The widget's panel closes on Escape too: this one is for the picture only.
      event.stopPropagation();
      this.close();
    });
    parent.append(this.overlay);
  }

  get isOpen(): boolean {
    return !this.overlay.hidden;
  }

  /** `renew`: a new address for the picture, tried once if this one fails (it expired meanwhile). */
  open(url: string, label: string, from: HTMLElement, renew?: () => Promise<string>): void {
    this.returnFocus = from;
    this.image.onerror = renew
      ? () => {
          this.image.onerror = null;
          void renew().then(
            (fresh) => {
              if (this.isOpen) this.image.src = fresh;
            },
            () => undefined,
          );
        }
      : null;
    this.image.src = url;
    this.image.alt = label;
    this.overlay.setAttribute('aria-label', label);
    this.overlay.hidden = false;
    this.closeButton.focus();
  }

  close(): void {
    if (this.overlay.hidden) return;
    this.overlay.hidden = true;
    this.image.removeAttribute('src');
    this.returnFocus?.focus({ preventScroll: true });
    this.returnFocus = undefined;
  }
}
