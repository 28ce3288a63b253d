import { localizedViews, type Entry } from '../entry.js';
import type { Synonym } from '../synonym.js';
import { hasPhrasing } from './entry-phrasings.js';

export interface PhrasingVariant {
  entryId: string;
  locale: string;
  /** The phrasing it was rewritten from. */
  from: string;
  phrasing: string;
}

const languageOf = (locale: string) => locale.split('-')[0]!;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const hasLatin = (text: string) => /[a-z0-9]/i.test(text);

/** The canonical word in the phrasing: a whole word where it is written in Latin letters. */
function canonicalPattern(canonical: string): RegExp {
  const escaped = escapeRegExp(canonical);
  return hasLatin(canonical)
    ? new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'iu')
    : new RegExp(escaped, 'u');
}

/**
 * Each phrasing rewritten with a viewer's word for one canonical word it contains (充值 → cz): the way
 * viewers ask when they do not use the entry's words. One variant per entry, language and synonym term,
 * at most `perEntry` per entry.
 */
export function synonymVariants(
  entries: readonly Entry[],
  synonyms: readonly Synonym[],
  options: { perEntry?: number } = {},
): PhrasingVariant[] {
  const perEntry = options.perEntry ?? 2;
  const patterns = synonyms.map((synonym) => ({ synonym, pattern: canonicalPattern(synonym.canonical) }));
  const variants: PhrasingVariant[] = [];
  for (const entry of entries.filter((candidate) => candidate.enabled)) {
    const made: PhrasingVariant[] = [];
    const seen = new Set<string>();
    for (const view of localizedViews(entry)) {
      for (const { synonym, pattern } of patterns) {
        if (made.length >= perEntry) break;
        if (synonym.locale !== undefined && languageOf(synonym.locale) !== languageOf(view.locale)) continue;
        const termKey = `${view.locale}\u0000${synonym.term}`;
        if (seen.has(termKey)) continue;
        const from = view.questions.find((question) => pattern.test(question));
        if (from === undefined) continue;
        const phrasing = from.replace(pattern, synonym.term);
        if (hasPhrasing(entry, phrasing) || made.some((variant) => variant.phrasing === phrasing)) continue;
        seen.add(termKey);
        made.push({ entryId: entry.id, locale: view.locale, from, phrasing });
      }
    }
    variants.push(...made);
  }
  return variants;
}
