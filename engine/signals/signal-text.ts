import { containsHan, detectLanguage } from '../../knowledge/text/script.js';

/** Signals read at most this much of a message: longer text adds no evidence and bounds the work. */
export const MAX_SIGNAL_TEXT_CHARS = 2000;

const CURLY_QUOTES = /[\u2018\u2019\u02bc`]/g;
// Look-alikes an input method offers beside the Chinese character: 转人エ (katakana e) is 转人工.
// A title in 《》 is a song, show or book being named, not what the viewer says: 那首《骗子》叫什么.
const TITLES = /《[^《》]{1,40}》/gu;
const HAN_LOOKALIKES = /[\u30a8\u30ed\u30ab]/g;
const HAN_OF_LOOKALIKE: Readonly<Record<string, string>> = { '\u30a8': '工', '\u30ed': '口', '\u30ab': '力' };
// Three or more of one Latin letter inside a longer word spell one: "fuuuck", "daaamn", "sooo"; a word
// that is nothing but the run ("bbb", "www") stays as written.
const STRETCHED =
  /(?<=\p{Script=Latin})(\p{Script=Latin})\1{2,}|(\p{Script=Latin})\2{2,}(?=\p{Script=Latin})/gu;

/** One viewer message as every signal reads it. */
export interface SignalText {
  /** As typed (capped): letter case matters for shouting. */
  raw: string;
  /** NFKC (full-width → half-width, ！ → !), lower-cased, curly quotes straight, stretched Latin letters
   * ("fuuuck") single; what lexicons and patterns match. */
  folded: string;
  hasHan: boolean;
  /** By script: Chinese when Han characters outnumber Latin words. */
  language: 'zh' | 'en';
  /** `folded` in Simplified characters, when a converter was given and it differs: "儲值沒到帳" → 储值没到账. */
  simplified?: string | undefined;
}

export function prepareSignalText(text: string, simplify?: (folded: string) => string): SignalText {
  const raw = (text.length > MAX_SIGNAL_TEXT_CHARS ? text.slice(0, MAX_SIGNAL_TEXT_CHARS) : text).normalize(
    'NFKC',
  );
  const folded = raw
    .toLowerCase()
    .replace(CURLY_QUOTES, "'")
    .replace(TITLES, '《》')
    .replace(HAN_LOOKALIKES, (character) => HAN_OF_LOOKALIKE[character] ?? character)
    .replace(
      STRETCHED,
      (_run, inner: string | undefined, leading: string | undefined) => inner ?? leading ?? '',
    );
  const hasHan = containsHan(folded);
  const simplified = hasHan && simplify ? simplify(folded) : undefined;
  return {
    raw,
    folded,
    hasHan,
    language: detectLanguage(folded) === 'zh' ? 'zh' : 'en',
    ...(simplified !== undefined && simplified !== folded ? { simplified } : {}),
  };
}
