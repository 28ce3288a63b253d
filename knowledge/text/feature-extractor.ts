import { CHINESE_STOPWORDS, ENGLISH_STOPWORDS } from './english-stopwords.js';

/** The language resources feature extraction stands on, injected so this file stays pure. */
export interface LanguageResources {
  segmentChinese: (text: string) => string[];
  /** One toneless syllable per Han character. */
  pinyinOf: (text: string) => string[];
  stemEnglish: (word: string) => string;
  /** English gloss stems of a Chinese word; given, extraction also yields the language-neutral gloss view. */
  glossesOf?: (word: string) => readonly string[];
}

export interface ExtractedFeatures {
  terms: string[];
  features: Map<string, number>;
  /** Stems in a language-neutral view: English words as themselves, Chinese words as their glosses. */
  glossFeatures?: Map<string, number>;
}

const RUNS = /\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu;
const HAN_RUN = /^\p{Script=Han}/u;

function add(features: Map<string, number>, key: string, count = 1): void {
  features.set(key, (features.get(key) ?? 0) + count);
}

function addEnglishWord(
  word: string,
  resources: LanguageResources,
  out: ExtractedFeatures,
  previousStem: string | undefined,
): string {
  const stem = resources.stemEnglish(word);
  add(out.features, `w:${stem}`);
  if (previousStem !== undefined) add(out.features, `b:${previousStem}_${stem}`);
  if (!ENGLISH_STOPWORDS.has(word)) {
    out.terms.push(stem);
    if (out.glossFeatures) add(out.glossFeatures, stem);
  }
  // Character n-grams of the bounded word catch typos ("recieve" still shares "rec", "eive", "ve>").
  const bounded = `<${word}>`;
  for (let size = 3; size <= 5; size++) {
    for (let start = 0; start + size <= bounded.length; start++)
      add(out.features, `c:${bounded.slice(start, start + size)}`);
  }
  return stem;
}

function addChineseRun(run: string, resources: LanguageResources, out: ExtractedFeatures): void {
  const syllables = resources.pinyinOf(run);
  const characters = [...run];
  let offset = 0;
  for (const word of resources.segmentChinese(run)) {
    const length = [...word].length;
    const sound = syllables.slice(offset, offset + length).join('');
    offset += length;
    if (CHINESE_STOPWORDS.has(word)) continue;
    add(out.features, `z:${word}`);
    // A word's sound survives the wrong character: 冲值, 充值 and 充直 all read "chongzhi".
    if (sound) add(out.features, `y:${sound}`);
    out.terms.push(word);
    const glossFeatures = out.glossFeatures;
    if (glossFeatures && resources.glossesOf) {
      // CC-CEDICT lists the main sense first: sense i weighs 1/i², the word's weights having unit norm.
      const glosses = resources.glossesOf(word);
      const weights = glosses.map((_, index) => 1 / (index + 1) ** 2);
      const norm = Math.sqrt(weights.reduce((total, weight) => total + weight * weight, 0));
      glosses.forEach((gloss, index) => add(glossFeatures, gloss, weights[index]! / norm));
    }
  }
  for (let index = 0; index < characters.length; index++) {
    add(out.features, `h:${characters[index]}`);
    if (index + 1 < characters.length) add(out.features, `h:${characters[index]}${characters[index + 1]}`);
    if (index + 2 < characters.length)
      add(out.features, `h:${characters[index]}${characters[index + 1]}${characters[index + 2]}`);
  }
  // Syllable pairs catch homophone typos that segmentation splits differently.
  for (let index = 0; index + 1 < syllables.length; index++)
    add(out.features, `p:${syllables[index]} ${syllables[index + 1]}`);
}

/** Terms and features of normalised text, Chinese and Latin-script runs each in their own way. */
export function extractFeatures(normalized: string, resources: LanguageResources): ExtractedFeatures {
  const out: ExtractedFeatures = resources.glossesOf
    ? { terms: [], features: new Map(), glossFeatures: new Map() }
    : { terms: [], features: new Map() };
  let previousStem: string | undefined;
  for (const match of normalized.matchAll(RUNS)) {
    const run = match[0];
    if (HAN_RUN.test(run)) {
      addChineseRun(run, resources, out);
      previousStem = undefined;
    } else {
      previousStem = addEnglishWord(run, resources, out, previousStem);
    }
  }
  return out;
}
