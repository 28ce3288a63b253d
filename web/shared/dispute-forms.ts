import { h } from './dom.js';
import {
  DisputeFormView,
  disputeStatusLine,
  type DisputeFormEvent,
  type DisputeUpdateEvent,
} from './dispute-form-view.js';
import type { DisputeTexts, DisputeTextsLanguage } from './dispute-texts.js';

/** A conversation's dispute forms and status lines, as list items in a chat (viewer page and widget). */
export class DisputeForms {
  private readonly forms = new Map<string, DisputeFormView>();
  private readonly options: {
    language: 'zh' | 'en';
    /** The forms' own words, when the page has more languages than the server's labels (zh/en). */
    textsLanguage?: DisputeTextsLanguage | undefined;
    /** Those words themselves, when the page loaded them apart (the widget's catalogue). */
    texts?: DisputeTexts | undefined;
    locale: string;
    submit: (formId: string, values: Record<string, string>) => string | undefined;
    append: (item: HTMLLIElement) => void;
  };

  constructor(options: DisputeForms['options']) {
    this.options = options;
  }

  clear(): void {
    this.forms.clear();
  }

  offer(event: DisputeFormEvent): void {
    if (this.forms.has(event.formId)) return;
    const view = new DisputeFormView({
      offer: event,
      language: this.options.language,
      textsLanguage: this.options.textsLanguage,
      texts: this.options.texts,
      submit: this.options.submit,
    });
    this.forms.set(event.formId, view);
    this.options.append(h('li', { className: 'dispute' }, [view.element]));
  }

  update(event: DisputeUpdateEvent): void {
    if (event.submitted) this.forms.get(event.formId)?.submitted();
    this.options.append(
      h('li', { className: 'dispute-update' }, [
        disputeStatusLine(event, {
          language: this.options.language,
          textsLanguage: this.options.textsLanguage,
          texts: this.options.texts,
          locale: this.options.locale,
        }),
      ]),
    );
  }

  refuse(clientId: string | undefined, message: string): boolean {
    for (const view of this.forms.values()) {
      if (!view.owns(clientId)) continue;
      view.refused(message);
      return true;
    }
    return false;
  }
}
