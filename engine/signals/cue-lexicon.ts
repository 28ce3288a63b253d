import { z } from 'zod';
import { compilePhrases, longestHits, maskHits, PatternSchema, PhraseSchema } from './phrase-list.js';
import type { SignalText } from './signal-text.js';

/** A list of words and patterns that are a signal on their own, with what must be masked first. */
export const CueLexiconSchema = z.object({
  phrases: z.array(PhraseSchema).default([]),
  patterns: z.array(PatternSchema).default([]),
  ignore: z.array(PhraseSchema).default([]),
  ignorePatterns: z.array(PatternSchema).default([]),
});
export type CueLexicon = z.infer<typeof CueLexiconSchema>;
export type CueLexiconInput = z.input<typeof CueLexiconSchema>;

export interface CueFinder {
  /** What was found, as folded text, longest first where hits overlap. */
  find(text: SignalText): string[];
}

/** Compiles the lists once. Scans the folded text and its Simplified form (Traditional writers too). */
export function compileCueLexicon(lexicon: CueLexicon): CueFinder {
  const ignore = compilePhrases(lexicon.ignore, lexicon.ignorePatterns);
  const matcher = compilePhrases(lexicon.phrases, lexicon.patterns);
  const scan = (folded: string): string[] =>
    longestHits(matcher.findAll(maskHits(folded, ignore))).map((hit) => hit.text.trim());
  return {
    find(text) {
      const cues = scan(text.folded);
      if (text.simplified !== undefined && text.simplified !== text.folded)
        cues.push(...scan(text.simplified));
      return [...new Set(cues)];
    },
  };
}
