/**
 * Small, rule-based word forms for languages the builtin analysis covers beside Chinese and English.
 * Each rule is there because it helped on a dev split (docs/benchmarks.md, "Many languages").
 */

const ARABIC_DIACRITICS = /[\u064b-\u065f\u0670\u06d6-\u06ed]/gu;
const TATWEEL = /\u0640/gu;

/**
 * Arabic spelling variation viewers produce: diacritics and tatweel dropped, the alef forms (أ إ آ ٱ)
 * written as ا, taa marbuta as haa, alef maqsura as yaa, hamza on waw or yaa as the bare letter.
 */
export function normalizeArabic(text: string): string {
  return text
    .replace(ARABIC_DIACRITICS, '')
    .replace(TATWEEL, '')
    .replace(/[\u0623\u0625\u0622\u0671]/gu, '\u0627')
    .replace(/\u0629/gu, '\u0647')
    .replace(/\u0649/gu, '\u064a')
    .replace(/\u0624/gu, '\u0648')
    .replace(/\u0626/gu, '\u064a');
}

// Longest first: وال before و. Each leaves at least three letters, or the word stays whole.
const ARABIC_PREFIXES = ['وبال', 'وال', 'بال', 'كال', 'فال', 'لل', 'ال', 'و', 'ف', 'ب', 'ل'];
const ARABIC_SUFFIXES = ['هما', 'كما', 'ات', 'ون', 'ين', 'ها', 'هم', 'نا', 'كم', 'ه', 'ي'];

/** A light stem (after normalizeArabic): article, attached conjunction or preposition, and one suffix off. */
export function arabicStem(word: string): string {
  let stem = word;
  for (const prefix of ARABIC_PREFIXES) {
    if (stem.startsWith(prefix) && [...stem].length - [...prefix].length >= 3) {
      stem = stem.slice(prefix.length);
      break;
    }
  }
  for (const suffix of ARABIC_SUFFIXES) {
    if (stem.endsWith(suffix) && [...stem].length - [...suffix].length >= 3) {
      stem = stem.slice(0, stem.length - suffix.length);
      break;
    }
  }
  return stem;
}

// Case particles and the polite ending most questions carry; longest first.
const KOREAN_ENDINGS = [
  '에서는',
  '으로',
  '에서',
  '에게',
  '까지',
  '부터',
  '이랑',
  '은',
  '는',
  '이',
  '가',
  '을',
  '를',
  '에',
  '의',
  '도',
  '로',
  '랑',
  '요',
];

/** The word without one common particle or ending, when two syllables or more remain. */
export function koreanStem(word: string): string {
  for (const ending of KOREAN_ENDINGS) {
    if (word.endsWith(ending) && [...word].length - [...ending].length >= 2)
      return word.slice(0, word.length - ending.length);
  }
  return word;
}

/** The word without its diacritics (đ as d): "nạp tiền" and "nap tien" meet. */
export function foldLatinDiacritics(word: string): string {
  return word
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/đ/gu, 'd')
    .normalize('NFC');
}
