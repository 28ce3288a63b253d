import type { LivedeskClient, ViewerEvent } from '../../sdk/src/index.js';
import { DisputeForms } from '../shared/dispute-forms.js';
import type { DisputeTexts } from '../shared/dispute-texts.js';
import type { WidgetLanguage } from './widget-texts.js';

/** The dispute forms and status lines in the widget's message list (web/shared/dispute-forms.ts). */
export class WidgetDisputes {
  private readonly forms: DisputeForms;
  private submissions = 0;

  constructor(options: {
    /** The widget's language: the server sends the forms' titles and labels in each of the ten. */
    language: WidgetLanguage;
    /** Its locale: the reply deadline's date and time are written in it. */
    locale: string;
    /** The forms' own words in that language (a further language's come with /widget-languages.js). */
    texts: DisputeTexts;
    append: (item: HTMLLIElement) => void;
    client: () => LivedeskClient | undefined;
  }) {
    this.forms = new DisputeForms({
      // The labels' fallback when a server sends zh/en only.
      language: options.language === 'zh' || options.language === 'zh-Hant' ? 'zh' : 'en',
      textsLanguage: options.language,
      texts: options.texts,
      locale: options.locale,
      append: options.append,
      submit: (formId, values) => {
        const client = options.client();
        if (!client) return undefined;
        // The SDK picks the id it resends with; this one only ties the answer to its form.
        this.submissions += 1;
        const token = `widget-dispute-${this.submissions}`;
        client.submitDispute(formId, values).catch((error: unknown) => {
          this.forms.refuse(token, error instanceof Error ? error.message : String(error));
        });
        return token;
      },
    });
  }

  /** Draws the dispute events; false for any other event. */
  render(event: ViewerEvent): boolean {
    if (event.type === 'dispute-form') this.forms.offer(event);
    else if (event.type === 'dispute-update') this.forms.update(event);
    else return false;
    return true;
  }
}

/** The widget's styles for them (inside its shadow root). */
export const WIDGET_DISPUTE_CSS = `
li.dispute, li.dispute-update { list-style: none; }
.dispute-form { display: grid; gap: 6px; padding: 10px; border: 1px solid #5b4cf0; border-radius: 10px; background: #fff; }
.dispute-title { color: #5b4cf0; }
.dispute-field { display: grid; gap: 2px; font-size: 13px; }
.dispute-field input, .dispute-field textarea { font: inherit; padding: 5px 7px; border: 1px solid #d0d5dd; border-radius: 6px; }
.dispute-field [aria-invalid] { border-color: #d92d20; }
.dispute-field-problem, .dispute-problem { color: #d92d20; margin: 0; }
.dispute-hint { color: #667085; font-size: 12px; margin: 0; }
.dispute-submit { justify-self: start; padding: 6px 14px; border: 0; border-radius: 6px; background: #5b4cf0; color: #fff; cursor: pointer; }
.dispute-submit:disabled { background: #e3e6ed; color: #667085; cursor: default; }
.dispute-status { display: flex; flex-wrap: wrap; gap: 6px; align-items: baseline; padding: 8px 10px; border-radius: 10px; background: #eeecfe; font-size: 13px; }
.dispute-status[data-status='resolved'], .dispute-status[data-status='closed'] { background: #e3f6ee; }
.dispute-badge { padding: 1px 7px; border-radius: 999px; background: #5b4cf0; color: #fff; font-size: 12px; }
.dispute-badge.person { background: #b54708; }
.dispute-due { color: #667085; flex-basis: 100%; }
`;
