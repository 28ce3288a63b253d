import {
  optionsFromDataset,
  resolveOptions,
  type WidgetInitOptions,
  type WidgetOptions,
} from './widget-options.js';
import { WidgetApp } from './widget-app.js';
import { loadWidgetLanguages } from './load-widget-languages.js';

/** `window.LivedeskWidget`: for pages that configure the widget from script instead of the tag. */
export interface LivedeskWidgetApi {
  /** Starts the widget (again, replacing one already on the page) with these options over the tag's. */
  init(options?: WidgetInitOptions): void;
  open(): void;
  close(): void;
  destroy(): void;
}

declare global {
  interface Window {
    LivedeskWidget?: LivedeskWidgetApi;
  }
}

// Read now: `currentScript` is only set while this script first runs.
const script = document.currentScript instanceof HTMLScriptElement ? document.currentScript : undefined;
const fromTag = script ? optionsFromDataset(script.dataset) : {};
const scriptOrigin = script?.src ? new URL(script.src, location.href).origin : location.origin;
let app: WidgetApp | undefined;
/** Counts starts and stops: a language that loads after another `init` or a `destroy` starts nothing. */
let generation = 0;
/** `open()` called while the widget's language was still loading: it opens once started. */
let openWhenStarted = false;

function stop(): void {
  generation += 1;
  openWhenStarted = false;
  app?.destroy();
  app = undefined;
}

function init(options: WidgetInitOptions = {}): void {
  stop();
  const given = { ...fromTag, ...options, texts: { ...fromTag.texts, ...options.texts } };
  const defaults = {
    baseUrl: scriptOrigin,
    pageLocale: document.documentElement.lang || undefined,
    browserLocale: navigator.language,
  };
  const resolved = resolveOptions(given, defaults);
  if ('error' in resolved) {
    console.error(`Livedesk widget: ${resolved.error}`);
    return;
  }
  const language = resolved.language;
  if (language === 'zh' || language === 'en') {
    begin(resolved);
    return;
  }
  const starting = generation;
  void loadWidgetLanguages(resolved.baseUrl).then((catalogue) => {
    if (starting !== generation) return;
    const localized = catalogue ? resolveOptions(given, defaults, catalogue(language)) : resolved;
    begin('error' in localized ? resolved : localized);
  });
}

function begin(resolved: WidgetOptions): void {
  const started = new WidgetApp(resolved);
  app = started;
  const show = () => {
    started.start();
    if (openWhenStarted) started.setOpen(true);
  };
  if (document.body) show();
  else document.addEventListener('DOMContentLoaded', show, { once: true });
}

window.LivedeskWidget = {
  init,
  open: () => {
    if (app) app.setOpen(true);
    else openWhenStarted = true;
  },
  close: () => {
    openWhenStarted = false;
    app?.setOpen(false);
  },
  destroy: stop,
};

// A tag with `data-room` starts at once; without, the page calls `LivedeskWidget.init({ room, ... })`.
if (fromTag.room) init();
