/**
 * Every toneless Mandarin syllable's shape: an initial and a final (ü written v), or one of the finals
 * written alone (an, er, ou...); the others take y or w when they stand alone (ying, wang).
 */
const SYLLABLE =
  /^(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])(?:iang|iong|uang|ueng|ang|eng|ing|ong|uai|uan|ian|iao|van|ai|ei|ao|ou|an|en|in|un|vn|ua|uo|ue|ve|ui|ia|ie|iu|a|o|e|i|u|v)|ang|eng|ai|ei|ao|ou|an|en|er|a|o|e)$/;

/** Whether a Latin word is one pinyin syllable ("ren", "gong", "zhong"). */
export function isPinyinSyllable(word: string): boolean {
  return SYLLABLE.test(word);
}

/**
 * Splits a Latin word into pinyin syllables, longest first ("rengong" → ren gong), or undefined when it
 * is not pinyin. Short English words that happen to parse ("hang", "men") are the caller's to weigh.
 */
export function splitPinyin(word: string): string[] | undefined {
  if (word.length === 0 || word.length > 24 || !/^[a-z]+$/.test(word)) return undefined;
  const memo = new Map<number, string[] | null>();
  const from = (start: number): string[] | null => {
    if (start === word.length) return [];
    const known = memo.get(start);
    if (known !== undefined) return known;
    let found: string[] | null = null;
    for (let end = Math.min(word.length, start + 6); end > start && !found; end--) {
      const syllable = word.slice(start, end);
      if (!isPinyinSyllable(syllable)) continue;
      const rest = from(end);
      if (rest) found = [syllable, ...rest];
    }
    memo.set(start, found);
    return found;
  };
  return from(0) ?? undefined;
}

/** A run of consonants that reads as pinyin initials ("rg" 人工, "kf" 客服, "zb" 主播). */
export function looksLikeInitials(word: string): boolean {
  return /^[bcdfghjklmnpqrstwxyz]{2,5}$/.test(word);
}
