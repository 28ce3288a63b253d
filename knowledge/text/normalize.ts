import { normalizeArabic } from './language-forms.js';

/** Longer text carries no more meaning for matching, and capping it bounds the work per question. */
export const MAX_MATCH_TEXT_CHARS = 1000;

const HTML_TAG = /<\/?[a-zA-Z!][^<>]{0,300}>/g;
const HTML_ENTITY = /&(?:[a-zA-Z]{2,8}|#\d{1,6}|#x[0-9a-fA-F]{1,5});/g;
// Controls, format characters (zero-width joiners, BOM, bidi marks), private use, unpaired surrogates, unassigned.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}\p{Cn}]/gu;
const PICTOGRAPHIC = /[\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}\uFE0E\uFE0F\u20E3]/gu;
// Three or more of the same letter or Han character: "soooo", "啊啊啊啊" → two.
const REPEATED = /([\p{L}\p{N}])\1{2,}/gu;
const SPACES = /\s+/gu;

export interface NormalizeOptions {
  /** Traditional → Simplified conversion (opencc in the builtin analyzer). */
  toSimplified: (text: string) => string;
}

/**
 * Folds the surface variation viewers produce: full/half width, case, markup, emoji, stretched
 * letters, Traditional characters, Arabic letter variants. Never throws, whatever the input.
 */
export function normalizeText(raw: string, options: NormalizeOptions): string {
  const capped = raw.length > MAX_MATCH_TEXT_CHARS ? raw.slice(0, MAX_MATCH_TEXT_CHARS) : raw;
  const folded = capped
    .normalize('NFKC')
    .replace(HTML_TAG, ' ')
    .replace(HTML_ENTITY, ' ')
    .replace(INVISIBLE, ' ')
    .replace(PICTOGRAPHIC, ' ')
    .toLowerCase()
    .replace(REPEATED, '$1$1');
  return normalizeArabic(options.toSimplified(folded)).replace(SPACES, ' ').trim();
}
