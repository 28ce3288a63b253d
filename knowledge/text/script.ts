import type { Language } from './text-analyzer.js';

const HAN = /\p{Script=Han}/u;
const HAN_GLOBAL = /\p{Script=Han}/gu;
const LATIN_WORD_GLOBAL = /[\p{L}\p{N}]+/gu;

export function containsHan(text: string): boolean {
  return HAN.test(text);
}

/**
 * Chinese when Han characters are at least as many as Latin-script words: one Han character carries
 * about as much as one English word, so "zb 什么时候下播" is Chinese and "top up 失败 help" is English.
 */
export function detectLanguage(text: string): Language {
  const han = text.match(HAN_GLOBAL)?.length ?? 0;
  if (han === 0) return 'en';
  const latinWords = text.replace(HAN_GLOBAL, ' ').match(LATIN_WORD_GLOBAL)?.length ?? 0;
  return han >= latinWords ? 'zh' : 'en';
}
