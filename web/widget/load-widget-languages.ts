import type { WidgetTextsOverride, MoreWidgetLanguage } from './widget-texts-more.js';

type Catalogue = (language: MoreWidgetLanguage) => WidgetTextsOverride;

let loading: Promise<Catalogue | undefined> | undefined;

/**
 * The widget's further languages (`/widget-languages.js`, web/widget/widget-languages.ts), loaded once
 * per page as a classic script from where the widget came: a host page whose policy lets widget.js in
 * lets it in too. Undefined when it cannot be had: the widget then speaks English.
 */
export function loadWidgetLanguages(baseUrl: string): Promise<Catalogue | undefined> {
  const ready = window.LivedeskWidgetLanguages;
  if (ready) return Promise.resolve(ready);
  loading ??= new Promise((resolve) => {
    const script = document.createElement('script');
    script.src = `${baseUrl}/widget-languages.js`;
    script.async = true;
    script.onload = () => resolve(window.LivedeskWidgetLanguages);
    script.onerror = () => {
      loading = undefined;
      console.warn('Livedesk widget: its languages could not be loaded; English instead');
      resolve(undefined);
    };
    document.documentElement.append(script);
  });
  return loading;
}
