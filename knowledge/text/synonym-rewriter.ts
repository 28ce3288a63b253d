import type { Synonym } from '../synonym.js';
import type { Language } from './text-analyzer.js';

export type SynonymRewriter = (normalizedText: string, language: Language) => string;

const LATIN_TERM = /^[a-z0-9][a-z0-9 '&.-]*$/;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Rewrites slang and abbreviations to the words entries use, in one pass, longest term first so
 * "cz失败" is not cut short by a shorter term. Latin terms match only as whole words ("cz" in "czech"
 * stays); Han terms match anywhere, as Chinese has no spaces. Terms must already be normalised.
 */
export function createSynonymRewriter(
  synonyms: readonly Synonym[],
  normalize: (text: string) => string,
): SynonymRewriter {
  const byLanguage = new Map<Language | 'any', Map<string, string>>();
  for (const synonym of synonyms) {
    const term = normalize(synonym.term);
    const canonical = normalize(synonym.canonical);
    if (!term || term === canonical) continue;
    const language = synonym.locale?.startsWith('zh')
      ? 'zh'
      : synonym.locale?.startsWith('en')
        ? 'en'
        : 'any';
    const table = byLanguage.get(language) ?? new Map<string, string>();
    table.set(term, canonical);
    byLanguage.set(language, table);
  }
  const patterns = new Map<'zh' | 'en', { pattern: RegExp; table: Map<string, string> } | undefined>();
  for (const language of ['zh', 'en'] as const) {
    const table = new Map([...(byLanguage.get('any') ?? []), ...(byLanguage.get(language) ?? [])]);
    if (table.size === 0) continue;
    const alternatives = [...table.keys()]
      .sort((a, b) => b.length - a.length)
      .map((term) =>
        LATIN_TERM.test(term) ? `(?<![a-z0-9])${escapeRegExp(term)}(?![a-z0-9])` : escapeRegExp(term),
      );
    patterns.set(language, { pattern: new RegExp(alternatives.join('|'), 'gu'), table });
  }
  return (text, language) => {
    // Other languages get the language-neutral and English terms (Latin ones match only whole words).
    const compiled = patterns.get(language === 'zh' ? 'zh' : 'en');
    if (!compiled) return text;
    return text.replace(compiled.pattern, (term) => compiled.table.get(term) ?? term);
  };
}
