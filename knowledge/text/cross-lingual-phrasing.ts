import { CHINESE_STOPWORDS, ENGLISH_STOPWORDS } from './english-stopwords.js';
import type { GlossTable } from './gloss-table.js';
import type { Language } from './text-analyzer.js';

export interface CrossLingualPhrasingResources {
  /** Chinese word → English stems, curated words (domain packs) included. */
  table: GlossTable;
  /** Words the curated glossary gives: preferred when English is turned back into Chinese. */
  curatedWords: ReadonlySet<string>;
  segmentChinese: (text: string) => string[];
  stemEnglish: (word: string) => string;
  glossesOf: (word: string) => readonly string[];
  /** How common a Chinese word is (a segmenter dictionary's count), to prefer everyday words. */
  wordFrequency: (word: string) => number;
}

/** Chinese words per English stem kept when turning English into Chinese. */
const WORDS_PER_STEM = 2;
const HAN_RUN = /\p{Script=Han}+/gu;
const LATIN_WORD = /[a-z][a-z0-9']*/g;

/**
 * Word-by-word renderings of a phrasing in the other language, for an entry that has no view in it: a
 * Chinese phrasing becomes the English stems of its words' glosses, an English one the Chinese words
 * whose first gloss is each of its stems. Crude as prose, but built from the same analysis a question
 * gets, so "储值没到账" can meet an English-only entry on "top up" and "arrive".
 */
export function createCrossLingualPhrasing(
  resources: CrossLingualPhrasingResources,
): (normalizedText: string, target: Language) => string | undefined {
  let reverse: Map<string, string[]> | undefined;
  const chineseWordsFor = (stem: string): string[] => {
    reverse ??= buildReverseTable(resources);
    return reverse.get(stem) ?? [];
  };
  return (text, target) => {
    if (target === 'en') {
      const stems: string[] = [];
      for (const run of text.match(HAN_RUN) ?? []) {
        for (const word of resources.segmentChinese(run)) {
          if (CHINESE_STOPWORDS.has(word)) continue;
          stems.push(...resources.glossesOf(word).slice(0, 2));
        }
      }
      return stems.length > 0 ? stems.join(' ') : undefined;
    }
    const words: string[] = [];
    for (const word of text.match(LATIN_WORD) ?? []) {
      if (ENGLISH_STOPWORDS.has(word)) continue;
      words.push(...chineseWordsFor(resources.stemEnglish(word)));
    }
    return words.length > 0 ? words.join('') : undefined;
  };
}

/**
 * English stem → the Chinese words that gloss as it first: curated words first, then the most common
 * words (a dictionary lists 泉币 and 硬币 alike for "coin"; viewers write 硬币), fewer senses breaking ties.
 */
function buildReverseTable(resources: CrossLingualPhrasingResources): Map<string, string[]> {
  const candidates = new Map<string, { word: string; rank: number }[]>();
  for (const [word, stems] of resources.table) {
    const first = stems[0];
    if (!first) continue;
    const curated = resources.curatedWords.has(word);
    const frequency = resources.wordFrequency(word);
    if (!curated && frequency === 0) continue;
    const rank = (curated ? -100 : 0) - Math.log(1 + frequency) + Math.min(stems.length, 6) * 0.3;
    const list = candidates.get(first) ?? [];
    list.push({ word, rank });
    candidates.set(first, list);
  }
  const reverse = new Map<string, string[]>();
  for (const [stem, list] of candidates) {
    list.sort((first, second) => first.rank - second.rank || (first.word < second.word ? -1 : 1));
    reverse.set(
      stem,
      list.slice(0, WORDS_PER_STEM).map((candidate) => candidate.word),
    );
  }
  return reverse;
}
