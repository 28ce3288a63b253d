import { z } from 'zod';

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
  /** The phrase or pattern as configured. */
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
const EDGE_BEFORE = '(?<![\\p{Script=Latin}\\p{N}])';
const EDGE_AFTER = '(?![\\p{Script=Latin}\\p{N}])';

export function foldPhrase(phrase: string): string {
  return phrase.normalize('NFKC').toLowerCase().replace(/[\u2018\u2019\u02bc`]/g, "'").trim();
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export function phraseToRegexSource(phrase: string): string {
  const folded = foldPhrase(phrase);
  const wildcard = folded.length > 1 && folded.endsWith('*') && LATIN_OR_DIGIT.test(folded.at(-2) ?? '');
  const stem = wildcard ? folded.slice(0, -1) : folded;
  const body = stem
    .split(/\s+/u)
    .map((part) => escapeRegex(part))
    .join('\\s+');
  const before = LATIN_OR_DIGIT.test(stem.at(0) ?? '') ? EDGE_BEFORE : '';
  const after = LATIN_OR_DIGIT.test(stem.at(-1) ?? '') ? EDGE_AFTER : '';
  return `${before}${body}${wildcard ? '\\p{Script=Latin}*' : ''}${after}`;
}

function isValidPattern(source: string): boolean {
  try {
    new RegExp(source, 'giu');
    return true;
  } catch {
    return false;
  }
}

export function compilePhrases(phrases: readonly string[], patterns: readonly string[] = []): PhraseMatcher {
  const rules = [
    ...phrases.map((phrase) => ({ rule: phrase, regex: new RegExp(phraseToRegexSource(phrase), 'gu') })),
    ...patterns.map((pattern) => ({ rule: pattern, regex: new RegExp(pattern, 'giu') })),
  ];
  return {
    findAll(folded) {
      const hits: PhraseHit[] = [];
      for (const { rule, regex } of rules) {
        for (const match of folded.matchAll(regex)) {
          if (match[0].length === 0) continue;
          hits.push({ rule, text: match[0], index: match.index, end: match.index + match[0].length });
        }
      }
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
  const byLength = [...hits].sort((first, second) => second.end - second.index - (first.end - first.index) || first.index - second.index);
  for (const hit of byLength) if (kept.every((other) => hit.end <= other.index || hit.index >= other.end)) kept.push(hit);
  return kept.sort((first, second) => first.index - second.index);
}
