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

// Letters typed one at a time: "r g", "h u m a n", "人 工 客 服". Single Han characters spaced apart are
// one word spelt out (phrases a viewer spaces, "转 人工", are left as typed); a whole message of single
// Latin letters is one word ("z r g"), while inside a sentence they are words of their own ("r u a bot").
const SPACE_BETWEEN_HAN =
  /(?<=(?:^|[^\p{Script=Han}])\p{Script=Han})\s+(?=\p{Script=Han}(?:$|[^\p{Script=Han}]))/gu;
const SPELT_OUT = /^[\s\p{P}]*\p{Script=Latin}(?:\s+\p{Script=Latin})+[\s\p{P}]*$/u;

function joinSpeltOut(text: string): string {
  const joined = text.replace(SPACE_BETWEEN_HAN, '');
  return SPELT_OUT.test(joined) ? joined.replace(/\s+/g, '') : joined;
}

/** One viewer message as every signal reads it. */
export interface SignalText {
  /** As typed (capped): letter case matters for shouting. */
  raw: string;
  /** NFKC (full-width → half-width, ！ → !), lower-cased, curly quotes straight, stretched Latin letters
   * ("fuuuck") single, letters typed apart joined ("r g" → "rg", "人 工" → "人工"); what lexicons and
   * patterns match. */
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
  const stretched = raw
    .toLowerCase()
    .replace(CURLY_QUOTES, "'")
    .replace(TITLES, '《》')
    .replace(HAN_LOOKALIKES, (character) => HAN_OF_LOOKALIKE[character] ?? character)
    .replace(
      STRETCHED,
      (_run, inner: string | undefined, leading: string | undefined) => inner ?? leading ?? '',
    );
  const folded = joinSpeltOut(stretched);
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
