import type { CallOptions } from '../ports.js';
import type { Synonym } from '../synonym.js';

/**
 * The language a text is matched in, told by its script: 'en' covers every alphabetic language in Latin
 * (or another unlisted) script, which share one analysis (see script.ts).
 */
export type Language = 'zh' | 'en' | 'ja' | 'ko' | 'th' | 'ar';
/** The two languages the bilingual gloss resource (CC-CEDICT) joins. */
export type GlossLanguage = 'zh' | 'en';

export interface AnalyzedText {
  /** The language the text is mostly written in (by script). */
  language: Language;
  /** Normalised text: half-width, lower-case, simplified Chinese, synonyms applied. */
  normalized: string;
  /** Words for lexical scoring and explanations: English stems, Chinese words. */
  terms: string[];
  /**
   * Feature counts keyed `block:value` (`w:refund`, `h:充值`, `p:chong zhi`, ...). Embedders weight each
   * block separately, so a text with many character n-grams does not drown its words.
   */
  features: Map<string, number>;
  /**
   * The language-neutral gloss view, present once the analyzer's bilingual resource is loaded: stems
   * keyed by themselves, English words as their own stems, Chinese words as their English glosses.
   */
  glossFeatures?: Map<string, number>;
}

/** Turns raw viewer text into the normalised terms and features every matcher part shares. */
export interface TextAnalyzer {
  analyze(text: string): AnalyzedText;
  /** Replaces the synonym table; later calls to `analyze` apply it. */
  useSynonyms(synonyms: readonly Synonym[]): void;
  /**
   * Loads the bilingual resource behind `glossFeatures` (slow the first time, so only called for a
   * knowledge base or question that needs it); resolves false when the analyzer has none.
   */
  prepareGlosses?(options?: CallOptions): Promise<boolean>;
  /**
   * A word-by-word rendering of a phrasing in the other language, once `prepareGlosses` has loaded the
   * bilingual resource (undefined before, or when nothing in the text has a gloss). It stands in for a
   * translation the editor has not written; it is for matching, never shown.
   */
  crossLingualPhrasing?(text: string, target: GlossLanguage): string | undefined;
  /**
   * Curated glosses (domain packs): Chinese word → English words for the same concept, best first. They
   * take the place of the dictionary's glosses for those words; later calls to `analyze` apply them.
   */
  useGlossary?(glossary: ReadonlyMap<string, readonly string[]>): void;
}
