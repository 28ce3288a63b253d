import { moreWidgetTexts } from './widget-texts-catalogue.js';

declare global {
  interface Window {
    /** Set by widget-languages.js for widget.js (web/widget/load-widget-language.ts). */
    LivedeskWidgetLanguages?: typeof moreWidgetTexts;
  }
}

// The widget's further languages, as their own classic script: served at /widget-languages.js.
window.LivedeskWidgetLanguages = moreWidgetTexts;
