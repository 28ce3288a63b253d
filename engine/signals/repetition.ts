import { bigramJaccard, contentCharacters } from './bigram-similarity.js';
import { compilePhrases, longestHits, maskHits } from './phrase-list.js';
import type { RepetitionConfig } from './repetition-config.js';
import { prepareSignalText } from './signal-text.js';

/** 0..1 similarity of two messages; the engine may pass the matcher's. */
export type TextSimilarity = (first: string, second: string) => number;

export interface Repetition {
  detected: boolean;
  /** The highest similarity to an earlier viewer message in the lookback window (0 with none). */
  similarity: number;
  /** Index in `history` of that message, or null. */
  similarTo: number | null;
  /** "similar:0.82", "not-helped:还是不行". */
  cues: string[];
}

export interface RepetitionInput {
  text: string;
  /** Earlier viewer messages, oldest first. */
  history: readonly string[];
}

export interface RepetitionDetector {
  detect(input: RepetitionInput): Repetition;
}

/**
 * The viewer asks the same thing again (similar to one of their recent messages) or says the answer
 * did not help ("没用", "still not working", "that's not what I asked").
 */
export function createRepetitionDetector(
  config: RepetitionConfig,
  similarity: TextSimilarity = bigramJaccard,
): RepetitionDetector {
  const ignore = compilePhrases(config.ignore);
  const notHelped = compilePhrases(config.notHelpedPhrases, config.notHelpedPatterns);
  const comparable = (text: string) => contentCharacters(text).length >= config.minCharacters;
  return {
    detect({ text, history }) {
      const cues: string[] = [];
      let best = 0;
      let similarTo: number | null = null;
      if (comparable(text)) {
        const start = Math.max(0, history.length - config.lookbackTurns);
        for (let index = history.length - 1; index >= start; index -= 1) {
          const earlier = history[index];
          if (earlier === undefined || !comparable(earlier)) continue;
          const value = similarity(text, earlier);
          if (value > best) {
            best = value;
            similarTo = index;
          }
        }
      }
      const repeated = best >= config.minSimilarity;
      if (repeated) cues.push(`similar:${best.toFixed(2)}`);
      const masked = maskHits(prepareSignalText(text).folded, ignore);
      for (const hit of longestHits(notHelped.findAll(masked))) cues.push(`not-helped:${hit.text}`);
      return { detected: cues.length > 0, similarity: best, similarTo, cues };
    },
  };
}
