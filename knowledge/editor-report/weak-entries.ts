import { localizedViews, type Entry } from '../entry.js';
import type { EntryIssue, WeakEntry } from './editor-report.js';

/** Below this many phrasings in a language, a view rarely reaches the ways viewers ask. */
export const MIN_PHRASINGS_PER_LANGUAGE = 3;

const languageOf = (locale: string) => locale.split('-')[0]!;

/**
 * Enabled entries with too few phrasings in some language, or written in one language where the
 * knowledge base speaks several: the second is a translation task, never phrasings from another entry.
 */
export function weakEntries(
  entries: readonly Entry[],
  minPhrasings: number = MIN_PHRASINGS_PER_LANGUAGE,
): WeakEntry[] {
  const enabled = entries.filter((entry) => entry.enabled);
  const languages = [
    ...new Set(enabled.flatMap((entry) => localizedViews(entry).map((view) => languageOf(view.locale)))),
  ].sort();
  const weak: WeakEntry[] = [];
  for (const entry of enabled) {
    const views = localizedViews(entry);
    const issues: EntryIssue[] = views
      .filter((view) => view.questions.length < minPhrasings)
      .map((view) => ({ kind: 'few-phrasings', locale: view.locale, phrasings: view.questions.length }));
    const own = new Set(views.map((view) => languageOf(view.locale)));
    const missing = languages.filter((language) => !own.has(language));
    if (own.size === 1 && missing.length > 0)
      issues.push({ kind: 'one-language', locale: entry.locale, missing });
    if (issues.length > 0) weak.push({ entryId: entry.id, issues });
  }
  return weak;
}
