import { CHINESE_STOPWORDS, ENGLISH_STOPWORDS } from './english-stopwords.js';
import { arabicStem, foldLatinDiacritics, koreanStem } from './language-forms.js';

/** The language resources feature extraction stands on, injected so this file stays pure. */
export interface LanguageResources {
  segmentChinese: (text: string) => string[];
  /** One toneless syllable per Han character. */
  pinyinOf: (text: string) => readonly string[];
  stemEnglish: (word: string) => string;
  /** English gloss stems of a Chinese word; given, extraction also yields the language-neutral gloss view. */
  glossesOf?: (word: string) => readonly string[];
  /** Words of Thai text, which has no spaces between them (Intl.Segmenter in the builtin analyzer). */
  segmentThai?: (text: string) => string[];
}

export interface ExtractedFeatures {
  terms: string[];
  features: Map<string, number>;
  /** Stems in a language-neutral view: English words as themselves, Chinese words as their glosses. */
  glossFeatures?: Map<string, number>;
}

const RUNS =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30fc]+|\p{Script=Hangul}+|[\p{Script=Thai}]+|(?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}])[\p{L}\p{N}\p{M}])+/gu;
const HAN_RUN = /^\p{Script=Han}+$/u;
const CJK_RUN = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30fc]/u;
const HANGUL_RUN = /^\p{Script=Hangul}/u;
const THAI_RUN = /^\p{Script=Thai}/u;
const ARABIC_WORD = /^\p{Script=Arabic}/u;
const VIETNAMESE = /[ăơưđạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/u;
const WORD_LIKE = /[\p{L}\p{N}]/u;

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

/** Character n-grams of a run without spaces (block `h`): what segmentation mistakes cannot take away. */
function addCharacterGrams(
  characters: readonly string[],
  out: ExtractedFeatures,
  sizes: readonly number[],
): void {
  for (const size of sizes) {
    for (let start = 0; start + size <= characters.length; start++)
      add(out.features, `h:${characters.slice(start, start + size).join('')}`);
  }
}

/**
 * Japanese: Han runs read as Chinese (jieba words, character n-grams) and kana runs as words with their
 * character n-grams. ICU's Japanese words (Intl.Segmenter) measured worse on the xsid-ja dev split, with
 * or without particles, as terms or as features, and splitting katakana from hiragana measured the same
 * (docs/benchmarks.md, "Many languages").
 */
function addJapaneseRun(run: string, resources: LanguageResources, out: ExtractedFeatures): void {
  for (const part of run.match(/\p{Script=Han}+|[^\p{Script=Han}]+/gu) ?? []) {
    if (HAN_RUN.test(part)) addChineseRun(part, resources, out);
    else addEnglishWord(part, resources, out, undefined);
  }
}

/** Thai: ICU's dictionary words and character n-grams (Thai words are long; vowels are marks of their own). */
function addThaiRun(run: string, resources: LanguageResources, out: ExtractedFeatures): void {
  const words = resources.segmentThai ? resources.segmentThai(run) : [run];
  for (const word of words) {
    if (!WORD_LIKE.test(word)) continue;
    add(out.features, `w:${word}`);
    out.terms.push(word);
  }
  addCharacterGrams([...run], out, [2, 3, 4]);
}

/**
 * Korean: a spaced word is a stem with particles and endings glued on (코인이, 코인을), so the word, its
 * stem without the common particles, and its syllables and syllable pairs.
 */
function addKoreanWord(word: string, out: ExtractedFeatures): void {
  const stem = koreanStem(word);
  add(out.features, `w:${stem}`);
  out.terms.push(stem);
  addCharacterGrams([...word], out, [1, 2]);
}

/** Arabic: the word without its article and attached conjunctions or prepositions, and character n-grams. */
function addArabicWord(word: string, out: ExtractedFeatures, previousStem: string | undefined): string {
  const stem = arabicStem(word);
  add(out.features, `w:${stem}`);
  if (previousStem !== undefined) add(out.features, `b:${previousStem}_${stem}`);
  out.terms.push(stem);
  const bounded = `<${word}>`;
  for (let size = 3; size <= 5; size++) {
    for (let start = 0; start + size <= bounded.length; start++)
      add(out.features, `c:${bounded.slice(start, start + size)}`);
  }
  return stem;
}

/** Terms and features of normalised text, each script's runs in their own way. */
export function extractFeatures(normalized: string, resources: LanguageResources): ExtractedFeatures {
  const out: ExtractedFeatures = resources.glossesOf
    ? { terms: [], features: new Map(), glossFeatures: new Map() }
    : { terms: [], features: new Map() };
  // Letters only Vietnamese uses: a German ü or a Spanish é folded beside the exact word measured worse.
  const vietnamese = VIETNAMESE.test(normalized);
  let previousStem: string | undefined;
  for (const match of normalized.matchAll(RUNS)) {
    const run = match[0];
    if (CJK_RUN.test(run)) {
      if (HAN_RUN.test(run)) addChineseRun(run, resources, out);
      else addJapaneseRun(run, resources, out);
      previousStem = undefined;
    } else if (HANGUL_RUN.test(run)) {
      addKoreanWord(run, out);
      previousStem = undefined;
    } else if (THAI_RUN.test(run)) {
      addThaiRun(run, resources, out);
      previousStem = undefined;
    } else if (ARABIC_WORD.test(run)) {
      previousStem = addArabicWord(run, out, previousStem);
    } else {
      previousStem = addLatinWord(run, resources, out, previousStem, vietnamese);
    }
  }
  return out;
}

/** A Latin-script word, and beside it its diacritics-free form (Vietnamese typed without its marks). */
function addLatinWord(
  word: string,
  resources: LanguageResources,
  out: ExtractedFeatures,
  previousStem: string | undefined,
  vietnamese: boolean,
): string {
  const stem = addEnglishWord(word, resources, out, previousStem);
  const folded = vietnamese ? foldLatinDiacritics(word) : word;
  if (folded !== word) {
    add(out.features, `f:${folded}`);
    out.terms.push(folded);
  }
  return stem;
}
