import type { Language } from './text-analyzer.js';

const HAN = /\p{Script=Han}/u;
const HAN_GLOBAL = /\p{Script=Han}/gu;
const KANA_GLOBAL = /[\p{Script=Hiragana}\p{Script=Katakana}]/gu;
const HANGUL_GLOBAL = /\p{Script=Hangul}/gu;
const THAI_GLOBAL = /\p{Script=Thai}/gu;
const ARABIC_WORD_GLOBAL = /\p{Script=Arabic}+/gu;
const OTHER_SCRIPTS_GLOBAL =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\p{Script=Arabic}]/gu;
const LATIN_WORD_GLOBAL = /[\p{L}\p{N}]+/gu;

export function containsHan(text: string): boolean {
  return HAN.test(text);
}

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

/**
 * The language a text is matched in, by script. Chinese when Han characters are at least as many as
 * Latin-script words: one Han character carries about as much as one English word, so "zb 什么时候下播"
 * is Chinese and "top up 失败 help" is English. Kana make Han text Japanese (two of them, or any in text
 * without Han: Chinese chat borrows a stray の); Hangul, Thai and Arabic script name their language (two
 * Arabic words are enough: the Latin words beside them are mostly names and titles).
 * 'en' stands for every alphabetic language written in Latin (or another unlisted) script: Spanish,
 * Indonesian or Vietnamese share its analysis, and the script alone cannot tell them apart.
 */
export function detectLanguage(text: string): Language {
  const han = count(text, HAN_GLOBAL);
  const kana = count(text, KANA_GLOBAL);
  const hangul = count(text, HANGUL_GLOBAL);
  const thai = count(text, THAI_GLOBAL);
  const arabicWords = count(text, ARABIC_WORD_GLOBAL);
  if (han === 0 && kana === 0 && hangul === 0 && thai === 0 && arabicWords === 0) return 'en';
  const latinWords = count(text.replace(OTHER_SCRIPTS_GLOBAL, ' '), LATIN_WORD_GLOBAL);
  // Characters against words, as for Chinese; a Thai word is about three characters long.
  if ((kana >= 2 || (kana > 0 && han === 0)) && han + kana >= latinWords) return 'ja';
  if (hangul > 0 && hangul >= latinWords && hangul >= han) return 'ko';
  if (thai > 0 && thai >= 3 * latinWords) return 'th';
  // Arabic questions carry Latin names and titles ("أضف Armen Movsessian لقائمة تشغيل this is skepta").
  if (arabicWords >= 2 || (arabicWords > 0 && arabicWords >= latinWords)) return 'ar';
  return han > 0 && han >= latinWords ? 'zh' : 'en';
}

const SCRIPT_LANGUAGES: ReadonlySet<string> = new Set<Language>(['zh', 'ja', 'ko', 'th', 'ar']);

/** The language a locale's text is matched in: its own for the scripts above, 'en' for the rest. */
export function matchingLanguageOfLocale(locale: string): Language {
  const primary = locale.split('-')[0]!.toLowerCase();
  return SCRIPT_LANGUAGES.has(primary) ? (primary as Language) : 'en';
}
