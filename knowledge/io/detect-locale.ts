import type { Locale } from '../entry.js';
import { detectLanguage } from '../text/script.js';

/**
 * Guesses the language of phrasings that came without a `locale`, by script (knowledge/text/script.ts):
 * 'zh' when Han characters are at least as many as Latin words (one Han character carries about as much
 * as one English word; Chinese phrasings often embed English names: "将 Bob 添加到播放列表"), 'ja' with
 * kana, 'ko', 'th' and 'ar' by their scripts, else 'en': Latin-script languages cannot be told apart by
 * script, and they share one analysis.
 */
export function detectLocale(texts: readonly string[]): Locale {
  return detectLanguage(texts.join('\n'));
}
