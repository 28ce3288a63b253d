import { optionsFromDataset, resolveOptions, type WidgetInitOptions } from './widget-options.js';
import { WidgetApp } from './widget-app.js';

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

function init(options: WidgetInitOptions = {}): void {
  app?.destroy();
  app = undefined;
  const resolved = resolveOptions(
    { ...fromTag, ...options, texts: { ...fromTag.texts, ...options.texts } },
    {
      baseUrl: scriptOrigin,
      pageLocale: document.documentElement.lang || undefined,
      browserLocale: navigator.language,
    },
  );
  if ('error' in resolved) {
    console.error(`Livedesk widget: ${resolved.error}`);
    return;
  }
  const started = new WidgetApp(resolved);
  app = started;
  const begin = () => started.start();
  if (document.body) begin();
  else document.addEventListener('DOMContentLoaded', begin, { once: true });
}

window.LivedeskWidget = {
  init,
  open: () => app?.setOpen(true),
  close: () => app?.setOpen(false),
  destroy: () => {
    app?.destroy();
    app = undefined;
  },
};

// A tag with `data-room` starts at once; without, the page calls `LivedeskWidget.init({ room, ... })`.
if (fromTag.room) init();
