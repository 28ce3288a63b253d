import {
  widgetLanguage,
  widgetLocale,
  widgetTexts,
  type WidgetLanguage,
  type WidgetTexts,
} from './widget-texts.js';
import type { WidgetTextsOverride } from './widget-texts-more.js';

/** What a host page may set, by `data-*` attributes on the script tag or `LivedeskWidget.init({...})`. */
export interface WidgetInitOptions {
  /** The live room: `data-room`. Required. */
  room?: string;
  /** The platform-signed viewer identity (JWT): `data-identity`. */
  identity?: string;
  /**
   * `zh-CN`, `zh-TW`, `ja`, `ko`, `es`, `pt`, `id`, `th`, `vi`, `ar`, `en`: `data-locale`; default the page's
   * `<html lang>`, else the browser's. Others: English.
   */
  locale?: string;
  /** `right` (default) or `left`: `data-position`. */
  position?: string;
  /** Accent colour, `#rrggbb` or `#rgb`: `data-color`. */
  color?: string;
  /** Text colour on the accent: `data-text-color`. */
  textColor?: string;
  /**
   * Where Livedesk runs, with its path when it is served under one (`https://x.example/support`); default
   * the origin the script came from: `data-base-url`.
   */
  baseUrl?: string;
  /** Open the panel at once: `data-open="true"`. */
  open?: boolean;
  /** Any of the widget's words: `data-title`, `data-greeting`, `data-placeholder`, `data-launcher`, `data-person`. */
  texts?: Partial<Record<'title' | 'greeting' | 'placeholder' | 'launcher' | 'person', string>>;
}

export interface WidgetOptions {
  room: string;
  identity: string | undefined;
  language: WidgetLanguage;
  /** Sent to the server: the language answers come in. */
  locale: string;
  position: 'left' | 'right';
  color: string;
  textColor: string;
  baseUrl: string;
  open: boolean;
  texts: WidgetTexts;
}

const COLOR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;
const DEFAULT_COLOR = '#e5484d';
const ROOM = /^[\w.:-]{1,128}$/;
const MAX_TEXT = 200;
/** The words a host page may replace. */
const TEXT_KEYS = ['title', 'greeting', 'placeholder', 'launcher', 'person'] as const;

/** The options a script tag's `data-*` attributes give. */
export function optionsFromDataset(dataset: DOMStringMap): WidgetInitOptions {
  const texts: NonNullable<WidgetInitOptions['texts']> = {};
  for (const key of TEXT_KEYS) {
    const value = dataset[key];
    if (value) texts[key] = value;
  }
  const options: WidgetInitOptions = { texts, open: dataset.open === 'true' };
  const fields = ['room', 'identity', 'locale', 'position', 'color', 'textColor', 'baseUrl'] as const;
  for (const key of fields) {
    const value = dataset[key];
    if (value) options[key] = value;
  }
  return options;
}

/**
 * Checks what the host page gave: a missing or malformed room is an error (the widget shows nothing and
 * says why in the console); a bad colour or position falls back to the default. `more`: the words of a
 * language beyond Chinese and English, once loaded (web/widget/load-widget-languages.ts).
 */
export function resolveOptions(
  given: WidgetInitOptions,
  defaults: { baseUrl: string; pageLocale: string | undefined; browserLocale: string | undefined },
  more?: WidgetTextsOverride,
): WidgetOptions | { error: string } {
  const room = given.room?.trim() ?? '';
  if (!ROOM.test(room)) return { error: 'data-room is required (letters, digits, . _ : -; up to 128)' };
  let baseUrl: string;
  try {
    const url = new URL(given.baseUrl ?? defaults.baseUrl);
    // Its origin and path: a Livedesk served under a prefix keeps it (no trailing slash, query or fragment).
    baseUrl = `${url.origin}${url.pathname.replace(/\/+$/u, '')}`;
  } catch {
    return { error: `data-base-url is not a URL: ${given.baseUrl ?? ''}` };
  }
  const locale = given.locale?.trim() || defaults.pageLocale || defaults.browserLocale || 'en';
  const language = widgetLanguage(locale);
  const texts: WidgetTexts = { ...widgetTexts(language, more) };
  for (const key of TEXT_KEYS) {
    const value = given.texts?.[key];
    if (typeof value === 'string' && value.trim() !== '') texts[key] = value.trim().slice(0, MAX_TEXT);
  }
  return {
    room,
    identity: given.identity?.trim() || undefined,
    language,
    locale: widgetLocale(language),
    position: given.position === 'left' ? 'left' : 'right',
    color: given.color && COLOR.test(given.color) ? given.color : DEFAULT_COLOR,
    textColor: given.textColor && COLOR.test(given.textColor) ? given.textColor : '#ffffff',
    baseUrl,
    open: given.open === true,
    texts,
  };
}
