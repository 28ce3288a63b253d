/** The languages every page is written in. */
export const UI_LANGUAGES = ['zh', 'en'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

/** One choice for every page of this origin: the console, admin, dashboard and viewer agree. */
const STORAGE_KEY = 'livedesk.ui.language';
export const UI_LANGUAGE_KEY = STORAGE_KEY;
/** The viewer page's own choice beyond zh/en (web/viewer/viewer-language.ts); a zh/en choice clears it. */
const VIEWER_ONLY_KEY = 'livedesk.viewer.language';

const LANGUAGE_NAMES: Record<UiLanguage, string> = { zh: '中文', en: 'English' };

function asUiLanguage(value: string | null | undefined): UiLanguage | undefined {
  if (!value) return undefined;
  const lower = value.toLowerCase();
  if (lower.startsWith('zh')) return 'zh';
  if (lower.startsWith('en')) return 'en';
  return undefined;
}

function storedLanguage(): UiLanguage | undefined {
  try {
    return asUiLanguage(localStorage.getItem(STORAGE_KEY));
  } catch {
    return undefined;
  }
}

/** Remembers the user's choice for the next visit to any page. */
export function rememberUiLanguage(language: UiLanguage): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
    localStorage.removeItem(VIEWER_ONLY_KEY);
  } catch {
    // Private browsing without storage: the choice holds for this page only.
  }
}

/**
 * The page's language: `?lang=` (a link that names one; remembered), else the user's last choice, else
 * the browser's language, else Chinese. Also sets `<html lang>` so fonts and screen readers follow.
 */
export function chooseUiLanguage(search: string = location.search): UiLanguage {
  const fromLink = asUiLanguage(new URLSearchParams(search).get('lang'));
  if (fromLink) rememberUiLanguage(fromLink);
  const language = fromLink ?? storedLanguage() ?? asUiLanguage(navigator.language) ?? 'zh';
  document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
  return language;
}

/**
 * Fills the page's static words from a texts object: `data-text="key"` sets the text,
 * `data-placeholder`, `data-title` and `data-label` set the placeholder, tooltip and aria-label. Only
 * string values are used; a key the texts lack leaves the HTML's own words in place.
 */
export function applyPageTexts(texts: object, root: ParentNode = document): void {
  const lookup = texts as Record<string, unknown>;
  const value = (key: string | undefined): string | undefined => {
    const found = key === undefined ? undefined : lookup[key];
    return typeof found === 'string' ? found : undefined;
  };
  for (const element of root.querySelectorAll<HTMLElement>('[data-text]')) {
    const text = value(element.dataset.text);
    if (text !== undefined) element.textContent = text;
  }
  for (const element of root.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('[data-placeholder]')) {
    const text = value(element.dataset.placeholder);
    if (text !== undefined) element.placeholder = text;
  }
  for (const element of root.querySelectorAll<HTMLElement>('[data-title]')) {
    const text = value(element.dataset.title);
    if (text !== undefined) element.title = text;
  }
  for (const element of root.querySelectorAll<HTMLElement>('[data-label]')) {
    const text = value(element.dataset.label);
    if (text !== undefined) element.setAttribute('aria-label', text);
  }
}

/**
 * Puts a language switch ("中文 · English") in `container`. Choosing a language remembers it and reloads
 * the page, so every word (static and rendered) comes back in that language.
 */
export function renderLanguageSwitch(container: HTMLElement, current: UiLanguage): void {
  container.replaceChildren();
  container.classList.add('lang-switch');
  UI_LANGUAGES.forEach((language, index) => {
    if (index > 0) container.append(' · ');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'link-button';
    button.textContent = LANGUAGE_NAMES[language];
    button.lang = language === 'zh' ? 'zh-CN' : 'en';
    button.dataset.language = language;
    if (language === current) button.setAttribute('aria-current', 'true');
    button.addEventListener('click', () => {
      if (language === current) return;
      rememberUiLanguage(language);
      const url = new URL(location.href);
      url.searchParams.delete('lang');
      location.replace(url.pathname + url.search + url.hash);
    });
    container.append(button);
  });
}

/** Picks the texts of the chosen language from a `{ zh, en }` pair. */
export function textsFor<T>(all: Record<UiLanguage, T>, language: UiLanguage): T {
  return all[language];
}
