import { allMatches } from './all-matches.js';

/** Where a clause starts: look-behind does not reach across these. */
const CLAUSE_BREAK = /[,.!?;:，。！？；：\n]/gu;
const WORD = /[\p{Script=Latin}']+/gu;
const HAN = /\p{Script=Han}/u;

/** Words (English) or characters (Chinese) looked for just before a match, within its clause. */
export interface LookBehindRules {
  words: readonly string[];
  windowWords: number;
  characters: readonly string[];
  windowCharacters: number;
}

function clauseBefore(folded: string, index: number): string {
  const before = folded.slice(Math.max(0, index - 60), index);
  const lastBreak = allMatches(CLAUSE_BREAK, before).at(-1);
  return lastBreak === undefined ? before : before.slice(lastBreak.index + 1);
}

/**
 * Whether one of `rules` appears just before the match at `index`, in the same clause: English words
 * up to `windowWords` words back (apostrophes ignored: "you're" is "youre"), Chinese characters up to
 * `windowCharacters` back. `wordEnding` also accepts any word ending so ("n't" for negation).
 */
export function precededInClause(
  folded: string,
  index: number,
  rules: LookBehindRules,
  wordEnding?: string,
): boolean {
  const clause = clauseBefore(folded, index);
  if (HAN.test(folded.charAt(index))) {
    const window = [...clause.replace(/\s+/gu, '')].slice(-rules.windowCharacters);
    return window.some((character) => rules.characters.includes(character));
  }
  const words = (clause.match(WORD) ?? []).slice(-rules.windowWords);
  return words.some(
    (word) =>
      (wordEnding !== undefined && word.endsWith(wordEnding)) ||
      rules.words.includes(word.replace(/'/gu, '')),
  );
}

/** "not (that) angry", "isn't bad", "没有生气", "别生气". */
export function isNegated(folded: string, index: number, rules: LookBehindRules): boolean {
  return precededInClause(folded, index, rules, "n't");
}
