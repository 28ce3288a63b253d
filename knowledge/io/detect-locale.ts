import type { Locale } from '../entry.js';

/**
 * Guesses the language of phrasings that came without a `locale`: 'zh' when Han characters are at least as
 * many as Latin words, else 'en'. Characters are weighed against words because one Han character carries
 * about as much as one English word; Chinese phrasings often embed English names ("将 Bob 添加到播放列表").
 */
export function detectLocale(texts: readonly string[]): Locale {
  let hanCharacters = 0;
  let latinWords = 0;
  for (const text of texts) {
    hanCharacters += text.match(/\p{Script=Han}/gu)?.length ?? 0;
    latinWords += text.match(/\p{Script=Latin}+/gu)?.length ?? 0;
  }
  return hanCharacters > 0 && hanCharacters >= latinWords ? 'zh' : 'en';
}
