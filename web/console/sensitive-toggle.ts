import * as z from 'zod/mini';
import { describeError, type ApiClient } from '../shared/api-client.js';
import { h, show } from '../shared/dom.js';
import type { PrivacyTexts } from './privacy-texts.js';

const SensitiveSchema = z.object({ sensitive: z.boolean() });

/**
 * The "sensitive" badge of the open conversation, and for supervisors and admins the button that marks or
 * clears it (PUT /api/conversations/{id}/sensitive). The server enforces who may open it; this only shows it.
 */
export class SensitiveToggle {
  private readonly api: ApiClient;
  private readonly texts: PrivacyTexts;
  private readonly onProblem: (message: string) => void;
  private readonly badge: HTMLElement;
  private readonly button: HTMLButtonElement;
  private conversationId: string | undefined;
  private sensitive = false;
  private supervises = false;

  constructor(options: {
    api: ApiClient;
    texts: PrivacyTexts;
    anchor: HTMLElement;
    onProblem: (message: string) => void;
  }) {
    this.api = options.api;
    this.texts = options.texts;
    this.onProblem = options.onProblem;
    this.badge = h('span', {
      className: 'badge sensitive-badge',
      text: this.texts.sensitive,
      attributes: { id: 'sensitive-badge', hidden: '' },
    });
    this.button = h('button', {
      className: 'secondary',
      text: this.texts.markSensitive,
      attributes: { type: 'button', id: 'sensitive-toggle', hidden: '' },
    });
    this.button.addEventListener('click', () => void this.toggle());
    options.anchor.after(this.button, this.badge);
  }

  /** The open conversation changed (or the role): reads its mark once per conversation. */
  follow(conversationId: string | undefined, supervises: boolean): void {
    this.supervises = supervises;
    if (conversationId === this.conversationId) return;
    this.conversationId = conversationId;
    this.sensitive = false;
    this.draw();
    if (conversationId === undefined) return;
    void this.api
      .request('GET', `/api/conversations/${encodeURIComponent(conversationId)}/sensitive`, SensitiveSchema)
      .then((state) => {
        if (this.conversationId !== conversationId) return;
        this.sensitive = state.sensitive;
        this.draw();
      })
      .catch(() => undefined);
  }

  private async toggle(): Promise<void> {
    const conversationId = this.conversationId;
    if (!conversationId) return;
    try {
      const state = await this.api.request(
        'PUT',
        `/api/conversations/${encodeURIComponent(conversationId)}/sensitive`,
        SensitiveSchema,
        { body: { json: { sensitive: !this.sensitive } } },
      );
      if (this.conversationId !== conversationId) return;
      this.sensitive = state.sensitive;
      this.draw();
    } catch (error) {
      this.onProblem(this.texts.sensitiveFailed(describeError(error)));
    }
  }

  private draw(): void {
    const open = this.conversationId !== undefined;
    show(this.badge, open && this.sensitive);
    show(this.button, open && this.supervises);
    this.button.textContent = this.sensitive ? this.texts.clearSensitive : this.texts.markSensitive;
  }
}
