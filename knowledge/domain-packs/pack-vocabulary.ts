import type { Synonym } from '../synonym.js';
import type { DomainPack } from './domain-pack.js';

/** Chinese word → the English words for the same concept, best first (the analyzer stems them). */
export type PackGlossary = ReadonlyMap<string, readonly string[]>;

export interface PackVocabulary {
  /** Variant → canonical, one language each. */
  synonyms: Synonym[];
  glossary: PackGlossary;
}

const HAN = /\p{Script=Han}/u;

function comparable(term: string): string {
  return term.normalize('NFKC').trim().toLowerCase();
}

/**
 * What the enabled groups of the given packs teach the analyzer: each variant rewritten to its group's
 * canonical word in the same language, and each Chinese word of a group glossed by the group's English
 * words, so 储值 and "top up" meet in the language-neutral view. A term claimed by two groups keeps the
 * first (packs in the order given), which the shipped packs' own tests rule out.
 */
export function packVocabulary(packs: readonly DomainPack[]): PackVocabulary {
  const synonyms: Synonym[] = [];
  const claimed = new Set<string>();
  const glossary = new Map<string, string[]>();
  for (const pack of packs) {
    for (const group of pack.groups) {
      if (!group.enabled) continue;
      for (const locale of ['zh', 'en'] as const) {
        const side = group[locale];
        if (!side) continue;
        for (const variant of side.variants) {
          const key = `${locale}\t${comparable(variant)}`;
          if (comparable(variant) === comparable(side.canonical) || claimed.has(key)) continue;
          claimed.add(key);
          synonyms.push({ term: variant, canonical: side.canonical, locale });
        }
      }
      if (group.zh && group.en) {
        const english = [group.en.canonical, ...group.en.variants];
        // Latin slang on the Chinese side (zb, cz) is rewritten before glossing, so only Han words need one.
        for (const word of [group.zh.canonical, ...group.zh.variants].filter((term) => HAN.test(term))) {
          if (!glossary.has(word)) glossary.set(word, english);
        }
      }
    }
  }
  return { synonyms, glossary };
}

function languageOf(synonym: Synonym): 'zh' | 'en' {
  return synonym.locale?.startsWith('zh') ? 'zh' : 'en';
}

/**
 * The store's synonyms and the packs', as one table. The operator's own table wins: a pack never
 * rewrites a term the store maps, nor a word the store treats as canonical, and a pack variant whose
 * canonical the store maps elsewhere follows the store (the rewrite is one pass, so a chain would stop
 * half-way and the question and the entry would read differently).
 */
export function mergeSynonyms(store: readonly Synonym[], pack: readonly Synonym[]): Synonym[] {
  const storeTerms = new Map<string, string>();
  const storeCanonicals = new Set<string>();
  for (const synonym of store) {
    const languages = synonym.locale === undefined ? (['zh', 'en'] as const) : [languageOf(synonym)];
    for (const language of languages) {
      storeTerms.set(`${language}\t${comparable(synonym.term)}`, synonym.canonical);
      storeCanonicals.add(`${language}\t${comparable(synonym.canonical)}`);
    }
  }
  const fromPacks: Synonym[] = [];
  for (const synonym of pack) {
    const language = languageOf(synonym);
    const term = `${language}\t${comparable(synonym.term)}`;
    if (storeTerms.has(term) || storeCanonicals.has(term)) continue;
    const redirected = storeTerms.get(`${language}\t${comparable(synonym.canonical)}`);
    if (redirected === undefined) fromPacks.push(synonym);
    else if (comparable(redirected) !== comparable(synonym.term))
      fromPacks.push({ ...synonym, canonical: redirected });
  }
  return [...fromPacks, ...store];
}
