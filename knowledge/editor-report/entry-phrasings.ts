import { localizedViews, type Entry, type Locale } from '../entry.js';

/** Spelling that never changes meaning (case, width, punctuation, spaces): two phrasings that differ only so are one. */
export function phrasingKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}\s]+/gu, '');
}

export function hasPhrasing(entry: Entry, text: string): boolean {
  const key = phrasingKey(text);
  return localizedViews(entry).some((view) => view.questions.some((known) => phrasingKey(known) === key));
}

/** The entry's view for a language: the exact locale, else the same primary language; undefined when it has none. */
export function viewLocaleFor(entry: Entry, locale: Locale): Locale | undefined {
  const language = locale.split('-')[0];
  const views = localizedViews(entry);
  return (
    views.find((view) => view.locale === locale)?.locale ??
    views.find((view) => view.locale.split('-')[0] === language)?.locale
  );
}

/** A copy with the phrasing added to the view in `locale` (which must exist). */
export function withPhrasing(entry: Entry, locale: Locale, text: string): Entry {
  if (locale === entry.locale) return { ...entry, questions: [...entry.questions, text] };
  const view = entry.translations[locale];
  if (!view) throw new Error(`entry ${entry.id} has no ${locale} view`);
  return {
    ...entry,
    translations: { ...entry.translations, [locale]: { ...view, questions: [...view.questions, text] } },
  };
}

/**
 * A copy without one phrasing, still a valid entry: a view left with none is dropped (a translation), or
 * replaced by the first translation (the primary). Undefined when nothing would be left to index.
 */
export function withoutPhrasing(entry: Entry, locale: Locale, text: string): Entry | undefined {
  const drop = (questions: readonly string[]) => {
    const index = questions.indexOf(text);
    return index === -1 ? [...questions] : questions.filter((_, at) => at !== index);
  };
  if (locale !== entry.locale) {
    const view = entry.translations[locale];
    if (!view) return entry;
    const questions = drop(view.questions);
    const { [locale]: _dropped, ...others } = entry.translations;
    return {
      ...entry,
      translations: questions.length > 0 ? { ...others, [locale]: { ...view, questions } } : others,
    };
  }
  const questions = drop(entry.questions);
  if (questions.length > 0) return { ...entry, questions };
  const [next] = Object.keys(entry.translations);
  if (next === undefined) return undefined;
  const { [next]: promoted, ...others } = entry.translations;
  return {
    ...entry,
    locale: next,
    questions: promoted!.questions,
    answer: promoted!.answer,
    translations: others,
  };
}
