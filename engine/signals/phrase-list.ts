import { z } from 'zod';
import { allMatches } from './all-matches.js';
import { mayMatch, regexNeeds } from './regex-needs.js';

/**
 * Lists are configuration. A phrase is literal text, folded like the message (NFKC, lower case).
 * Latin letters and digits at its edges match only at word edges ("mad" is not in "made"; "tmd" is
 * in "你tmd"); Han text matches anywhere. A trailing `*` after a letter takes any further letters
 * ("fuck*" → "fucking"); `*` anywhere else is literal ("f**k"). Whitespace matches any whitespace.
 */
export const PhraseSchema = z.string().trim().min(1).max(200);

/** A regular expression source, run with the `u` and `i` flags on the folded text. */
export const PatternSchema = z
  .string()
  .min(1)
  .max(500)
  .refine(isValidPattern, { message: 'not a valid regular expression' });

export interface PhraseHit {
  /** The pattern as configured, or for a phrase the text it matched. */
  rule: string;
  /** What it matched in the folded text. */
  text: string;
  index: number;
  end: number;
}

/** Finds configured phrases and patterns; compile once per config, use per message. */
export interface PhraseMatcher {
  findAll(folded: string): PhraseHit[];
}

const LATIN_OR_DIGIT = /[\p{Script=Latin}\p{N}]/u;
/** What a Latin letter of a phrase or pattern matches, case aside: the test of a text for one. */
const LATIN_LETTER = /[a-z]/iu;
const HAN = /\p{Script=Han}/u;
// The text is lower-cased and NFKC-folded, so these ranges cover its Latin letters and digits, and a
// character class is much cheaper than a Unicode property in several hundred look-arounds.
const WORD_CHARACTER = '[a-z0-9\\u00c0-\\u024f]';
const EDGE_BEFORE = `(?<!${WORD_CHARACTER})`;
const EDGE_AFTER = `(?!${WORD_CHARACTER})`;

export function foldPhrase(phrase: string): string {
  return phrase
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .trim();
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

interface PhraseParts {
  body: string;
  before: boolean;
  after: boolean;
}

function phraseParts(phrase: string): PhraseParts {
  const folded = foldPhrase(phrase);
  const wildcard = folded.length > 1 && folded.endsWith('*') && LATIN_OR_DIGIT.test(folded.at(-2) ?? '');
  const stem = wildcard ? folded.slice(0, -1) : folded;
  const body = stem
    .split(/\s+/u)
    .map((part) => escapeRegex(part))
    .join('\\s+');
  return {
    body: `${body}${wildcard ? `${WORD_CHARACTER}*` : ''}`,
    before: LATIN_OR_DIGIT.test(stem.at(0) ?? ''),
    after: LATIN_OR_DIGIT.test(stem.at(-1) ?? ''),
  };
}

export function phraseToRegexSource(phrase: string): string {
  const parts = phraseParts(phrase);
  return `${parts.before ? EDGE_BEFORE : ''}${parts.body}${parts.after ? EDGE_AFTER : ''}`;
}

/**
 * One alternation per kind of edge, the look-arounds written once per kind: far cheaper to run. `keep`
 * leaves phrases out without moving the others: the kinds keep the order the whole list gives them.
 */
function combinedPhraseSource(phrases: readonly string[], keep: (phrase: string) => boolean): string | null {
  const groups = new Map<string, Set<string>>();
  for (const phrase of phrases) {
    const parts = phraseParts(phrase);
    const key = `${parts.before ? EDGE_BEFORE : ''}\u0000${parts.after ? EDGE_AFTER : ''}`;
    const bodies = groups.get(key) ?? new Set<string>();
    if (keep(phrase)) bodies.add(parts.body);
    groups.set(key, bodies);
  }
  const alternations = [...groups.entries()]
    .filter(([, bodies]) => bodies.size > 0)
    .map(([key, bodies]) => {
      const [before, after] = key.split('\u0000');
      const alternatives = [...bodies].sort((first, second) => second.length - first.length).join('|');
      return `${before ?? ''}(?:${alternatives})${after ?? ''}`;
    });
  return alternations.length === 0 ? null : alternations.join('|');
}

/**
 * The phrases' regular expression for each kind of text, by whether it has Latin letters and Han
 * characters (index: 1 for Latin, + 2 for Han): a phrase with a letter or character the text lacks can
 * match nowhere in it, and leaving it out changes no match of the others.
 */
function phraseRegexesByScript(phrases: readonly string[]): (RegExp | null)[] {
  const compiled = new Map<string, RegExp>();
  return [0, 1, 2, 3].map((kind) => {
    const hasLatin = (kind & 1) !== 0;
    const hasHan = (kind & 2) !== 0;
    const source = combinedPhraseSource(phrases, (phrase) => {
      const stem = foldPhrase(phrase);
      return (hasLatin || !LATIN_LETTER.test(stem)) && (hasHan || !HAN.test(stem));
    });
    if (source === null) return null;
    let regex = compiled.get(source);
    if (!regex) compiled.set(source, (regex = new RegExp(source, 'gu')));
    return regex;
  });
}

function isValidPattern(source: string): boolean {
  try {
    new RegExp(source, 'giu');
    return true;
  } catch {
    return false;
  }
}

/**
 * Phrases become one regular expression (longest first within each kind of edge, so "他妈的" wins over
 * "他妈" where both start), which keeps a few hundred phrases to one scan; patterns run one by one, each
 * skipped where the text lacks what every match of it needs (regex-needs.ts). Hits of one regular
 * expression do not overlap; hits of different ones may.
 */
export function compilePhrases(phrases: readonly string[], patterns: readonly string[] = []): PhraseMatcher {
  const phraseRegexes = phraseRegexesByScript(phrases);
  const patternRules = patterns.map((pattern) => ({
    pattern,
    regex: new RegExp(pattern, 'giu'),
    needs: regexNeeds(pattern),
  }));
  const collect = (hits: PhraseHit[], regex: RegExp, folded: string, rule: string | null): void => {
    for (const match of allMatches(regex, folded)) {
      if (match[0].length === 0) continue;
      hits.push({
        rule: rule ?? match[0],
        text: match[0],
        index: match.index,
        end: match.index + match[0].length,
      });
    }
  };
  return {
    findAll(folded) {
      const hits: PhraseHit[] = [];
      // Most lists and patterns are written for one script: what the text lacks is not scanned for.
      const hasLatin = LATIN_LETTER.test(folded);
      // Folded text is lower case already (then this returns it as is); a caller's other text is made so.
      const lower = hasLatin ? folded.toLowerCase() : folded;
      const phraseRegex = phraseRegexes[(hasLatin ? 1 : 0) + (HAN.test(folded) ? 2 : 0)];
      if (phraseRegex) collect(hits, phraseRegex, folded, null);
      for (const { pattern, regex, needs } of patternRules)
        if (mayMatch(needs, folded, hasLatin, lower)) collect(hits, regex, folded, pattern);
      return hits;
    },
  };
}

/**
 * Blanks out what `matcher` finds ("垃圾分类", "human hair"), keeping offsets, so nothing inside it
 * counts. The blank is "_": a word character, so a masked stretch still ends words and never reads as
 * an empty message to a pattern anchored with `^\W*`.
 */
export function maskHits(folded: string, matcher: PhraseMatcher): string {
  const hits = matcher.findAll(folded);
  if (hits.length === 0) return folded;
  const characters = folded.split('');
  for (const hit of hits) for (let index = hit.index; index < hit.end; index += 1) characters[index] = '_';
  return characters.join('');
}

/** The longest of overlapping hits, in text order: "你是机器人吧" rather than also "是机器人吧". */
export function longestHits(hits: readonly PhraseHit[]): PhraseHit[] {
  const kept: PhraseHit[] = [];
  const byLength = [...hits].sort(
    (first, second) => second.end - second.index - (first.end - first.index) || first.index - second.index,
  );
  for (const hit of byLength)
    if (kept.every((other) => hit.end <= other.index || hit.index >= other.end)) kept.push(hit);
  return kept.sort((first, second) => first.index - second.index);
}
