import { MORE_MEDIA_TEXTS } from '../shared/media-texts-more.js';
import { MORE_MICROPHONE_TEXTS } from '../shared/voice-capture-texts-more.js';
import { MORE_DISPUTE_TEXTS } from '../shared/dispute-texts-more.js';
import { MORE_WIDGET_TEXTS, type MoreWidgetLanguage, type WidgetTextsOverride } from './widget-texts-more.js';

/**
 * Everything the widget says in one of its nine further languages. Not in widget.js: it travels in
 * widget-languages.js (web/widget/widget-languages.ts), loaded only by a widget that speaks one of them.
 */
export function moreWidgetTexts(language: MoreWidgetLanguage): WidgetTextsOverride {
  return {
    ...MORE_WIDGET_TEXTS[language],
    media: MORE_MEDIA_TEXTS[language],
    microphone: MORE_MICROPHONE_TEXTS[language],
    disputes: MORE_DISPUTE_TEXTS[language],
  };
}
