import type { LanguageIdentification, LanguageIdentifier } from '../../engine/ports.js';
import { ENGLISH_STOPWORDS } from '../../knowledge/text/english-stopwords.js';
import { isChatInterjection } from './chat-interjections.js';
import type { ChineseScript } from './chinese-script.js';
import { isPinyinInitials, isPinyinSyllables } from './pinyin-words.js';

/** One language a library sees in a text: ISO 639-1 code and the library's 0..1 confidence. */
export interface AlphabeticLanguageGuess {
  language: string;
  confidence: number;
}

/**
 * What the wrapped library does: name the languages Latin- or Cyrillic-script text may be in, best
 * first; empty when it has no idea.
 */
export type AlphabeticLanguageGuesser = (text: string) => readonly AlphabeticLanguageGuess[];

export interface ScriptAwareLanguageIdentifierOptions {
  guess: AlphabeticLanguageGuesser;
  chineseScript: Pick<ChineseScript, 'scriptOf'>;
  /** A guess below this confidence is not taken. Default 0. */
  minConfidence?: number;
  /**
   * Short English reads like half of Europe to a library ("forgot my password": Malay). English is the
   * alphabetic language most viewers share, so it wins when the library rates it within this much of its
   * best. Default 0.
   */
  englishMargin?: number;
  /** Alphabetic text with fewer letters is not guessed at (too little to tell). Default 3. */
  minLetters?: number;
  /**
   * Taken for alphabetic text the library is unsure of (default 'en': the Latin-script language most
   * viewers share); undefined keeps the conversation's language instead.
   */
  unsureLanguage?: string | undefined;
}

const URL_OR_MENTION = /(?:https?:\/\/|www\.)\S+|@\S+/giu;
/** Sticker codes such as [微笑] or [doge] are pictures, not words. */
const STICKER_CODE = /\[[^[\]\s]{1,8}\]/gu;
const HAN = /\p{Script=Han}/gu;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/gu;
const HANGUL = /\p{Script=Hangul}/gu;
const LATIN_WORD = /\p{Script=Latin}+(?:['’]\p{Script=Latin}+)*/gu;
/** Alphabets several languages share: the library tells them apart (Russian from Ukrainian, …). */
const OTHER_ALPHABET = /[\p{Script=Cyrillic}\p{Script=Arabic}\p{Script=Devanagari}]/u;
/** Scripts that belong to one language, each with it. */
const SINGLE_LANGUAGE_SCRIPTS: readonly [RegExp, string][] = [
  [/\p{Script=Thai}/u, 'th'],
  [/\p{Script=Hebrew}/u, 'he'],
  [/\p{Script=Greek}/u, 'el'],
];
/** One Chinese word is about one and a half characters; weighed against Latin words. */
const HAN_CHARACTERS_PER_WORD = 1.5;

const count = (text: string, pattern: RegExp): number => text.match(pattern)?.length ?? 0;
const result = (language: string | undefined, confidence: number): LanguageIdentification => ({
  language,
  confidence,
});

/**
 * Language identification for short chat messages. Libraries are trained on sentences: they answer
 * "Swahili" for pinyin, cannot tell Traditional from Simplified, and guess wildly at "ok" or "666".
 * So the scripts decide first (Han, kana, Hangul), opencc tells Traditional from Simplified, chat
 * interjections and too-short text say nothing (undefined: the conversation keeps its language), pinyin
 * is recognised by its syllables, and only the rest, alphabetic text, goes to the library.
 */
export function createScriptAwareLanguageIdentifier(
  options: ScriptAwareLanguageIdentifierOptions,
): LanguageIdentifier {
  const minConfidence = options.minConfidence ?? 0;
  const minLetters = options.minLetters ?? 3;
  const englishMargin = options.englishMargin ?? 0;
  const unsureLanguage = 'unsureLanguage' in options ? options.unsureLanguage : 'en';

  const chinese = (text: string, confidence: number): LanguageIdentification => {
    const script = options.chineseScript.scriptOf(text);
    return result(script ? `zh-${script}` : 'zh', confidence);
  };

  const alphabetic = (text: string, words: readonly string[]): LanguageIdentification => {
    const letters = words.join('').length;
    if (letters < minLetters) return result(undefined, 0);
    const guesses = options.guess(text);
    const best = guesses[0];
    if (!best || best.confidence < minConfidence)
      return result(unsureLanguage, unsureLanguage === undefined ? 0 : 0.5);
    const english = guesses.find((guess) => guess.language === 'en');
    if (english && best.confidence - english.confidence <= englishMargin)
      return result('en', english.confidence);
    return result(best.language, best.confidence);
  };

  return {
    identify(raw) {
      const text = raw.normalize('NFKC').replace(URL_OR_MENTION, ' ').replace(STICKER_CODE, ' ');
      const han = count(text, HAN);
      const kana = count(text, KANA);
      const hangul = count(text, HANGUL);
      if (kana > 0) return result('ja', 0.95);
      if (hangul > 0 && hangul >= han) return result('ko', 0.95);
      for (const [pattern, language] of SINGLE_LANGUAGE_SCRIPTS)
        if (pattern.test(text) && han === 0) return result(language, 0.9);

      const latinWords = (text.toLowerCase().match(LATIN_WORD) ?? []).filter(
        (word) => word.length > 1 && !isChatInterjection(word),
      );
      const initials = latinWords.filter(isPinyinInitials);
      const otherWords = latinWords.filter((word) => !isPinyinInitials(word));

      if (han > 0) {
        const chineseWeight = han / HAN_CHARACTERS_PER_WORD + initials.length;
        if (chineseWeight >= otherWords.length)
          return chinese(text, chineseWeight / (chineseWeight + otherWords.length));
        return alphabetic(text.replace(HAN, ' '), otherWords);
      }
      if (OTHER_ALPHABET.test(text)) {
        const best = options.guess(text)[0];
        return best ? result(best.language, best.confidence) : result(undefined, 0);
      }
      if (latinWords.length === 0) return result(undefined, 0);
      if (looksLikePinyin(latinWords)) return result('zh', 0.7);
      return alphabetic(text, latinWords);
    },
  };
}

/**
 * Every word is pinyin initials or pinyin syllables, and fewer than half are English function words
 * that happen to spell pinyin ("you", "he", "can").
 */
function looksLikePinyin(words: readonly string[]): boolean {
  if (!words.every((word) => isPinyinInitials(word) || isPinyinSyllables(word))) return false;
  const english = words.filter((word) => ENGLISH_STOPWORDS.has(word)).length;
  return english * 2 < words.length;
}
