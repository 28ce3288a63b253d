import { moreWidgetLanguage, type MoreWidgetLanguage } from '../widget/widget-texts-more.js';
import { rememberUiLanguage, UI_LANGUAGE_KEY } from '../shared/ui-language.js';

/**
 * The viewer page's languages: the widget's ten (issue 16 part 4). Staff pages stay zh/en, so this is
 * the viewer page's own choice; it still shares the remembered zh/en choice with them.
 */
export type ViewerLanguage = 'zh' | 'en' | MoreWidgetLanguage;

export const VIEWER_LANGUAGES: readonly ViewerLanguage[] = [
  'zh',
  'zh-Hant',
  'en',
  'ja',
  'ko',
  'es',
  'pt',
  'id',
  'th',
  'vi',
  'ar',
];

/** Each language's name in itself, for the switch. */
export const VIEWER_LANGUAGE_NAMES: Record<ViewerLanguage, string> = {
  zh: '简体中文',
  'zh-Hant': '繁體中文',
  en: 'English',
  ja: '日本語',
  ko: '한국어',
  es: 'Español',
  pt: 'Português',
  id: 'Bahasa Indonesia',
  th: 'ไทย',
  vi: 'Tiếng Việt',
  ar: 'العربية',
};

/** The `<html lang>` tag of each. */
export const VIEWER_LANGUAGE_TAGS: Record<ViewerLanguage, string> = {
  zh: 'zh-CN',
  'zh-Hant': 'zh-TW',
  en: 'en',
  ja: 'ja',
  ko: 'ko',
  es: 'es',
  pt: 'pt',
  id: 'id',
  th: 'th',
  vi: 'vi',
  ar: 'ar',
};

/**
 * A viewer language beyond zh/en, remembered for the viewer page only (the staff pages' key holds zh/en;
 * choosing zh or en on any page clears this one, so the last choice wins everywhere).
 */
export const VIEWER_ONLY_KEY = 'livedesk.viewer.language';

/** A locale tag as one of the viewer languages (`zh-TW` → zh-Hant, `ms` → id), or undefined. */
export function asViewerLanguage(value: string | null | undefined): ViewerLanguage | undefined {
  if (!value) return undefined;
  const more = moreWidgetLanguage(value);
  if (more) return more;
  const lower = value.toLowerCase();
  if (lower.startsWith('zh')) return 'zh';
  if (lower.startsWith('en')) return 'en';
  return undefined;
}

export function isRightToLeftLanguage(language: ViewerLanguage): boolean {
  return language === 'ar';
}

function stored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

/**
 * Remembers the choice: zh and en in the one choice all pages share (clearing any other viewer
 * language), the rest under the viewer page's own key, which only the viewer page reads.
 */
export function rememberViewerLanguage(language: ViewerLanguage): void {
  try {
    if (language === 'zh' || language === 'en') {
      localStorage.removeItem(VIEWER_ONLY_KEY);
      rememberUiLanguage(language);
    } else localStorage.setItem(VIEWER_ONLY_KEY, language);
  } catch {
    // Private browsing without storage: the choice holds for this page only.
  }
}

/**
 * The page's language: `?lang=` (remembered), else the last choice on the viewer page, else the one
 * shared with the staff pages, else the browser's language, else Chinese. Sets `<html lang>` and
 * `dir` so fonts, screen readers and the layout's direction follow.
 */
export function chooseViewerLanguage(search: string = location.search): ViewerLanguage {
  const fromLink = asViewerLanguage(new URLSearchParams(search).get('lang'));
  if (fromLink) rememberViewerLanguage(fromLink);
  const language =
    fromLink ??
    asViewerLanguage(stored(VIEWER_ONLY_KEY)) ??
    asViewerLanguage(stored(UI_LANGUAGE_KEY)) ??
    asViewerLanguage(navigator.language) ??
    'zh';
  document.documentElement.lang = VIEWER_LANGUAGE_TAGS[language];
  document.documentElement.dir = isRightToLeftLanguage(language) ? 'rtl' : 'ltr';
  return language;
}

/**
 * The language switch ("简体中文 · 繁體中文 · English · …") in `container`. Choosing a language remembers
 * it and reloads the page without `?lang=`, so every word comes back in it.
 */
export function renderViewerLanguageSwitch(container: HTMLElement, current: ViewerLanguage): void {
  container.replaceChildren();
  container.classList.add('lang-switch');
  VIEWER_LANGUAGES.forEach((language, index) => {
    if (index > 0) container.append(' · ');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'link-button';
    button.textContent = VIEWER_LANGUAGE_NAMES[language];
    button.lang = VIEWER_LANGUAGE_TAGS[language];
    button.dataset.language = language;
    if (language === current) button.setAttribute('aria-current', 'true');
    button.addEventListener('click', () => {
      if (language === current) return;
      rememberViewerLanguage(language);
      const url = new URL(location.href);
      url.searchParams.delete('lang');
      location.replace(url.pathname + url.search + url.hash);
    });
    container.append(button);
  });
}
