import type { Entry, Locale } from '../entry.js';
import type { DecisionThresholds } from './matcher-config.js';

export type MatchAction = 'answer' | 'clarify' | 'none';

export interface CandidateScores {
  /** Weighted sum of the parts below, before calibration. */
  fused: number;
  prototype: number;
  nearestPhrasing: number;
  lexical: number;
  /** Cosine on the language-neutral gloss view; present when the view matched across languages. */
  gloss?: number;
  /** The trained classifier's probability of the entry; present when the classifier ranked. */
  classifier?: number;
}

export interface MatchCandidate {
  entryId: string;
  entry: Entry;
  /** The entry's locale view that matched. */
  matchedLocale: Locale;
  /** Calibrated probability that this entry answers the question, 0..1. */
  confidence: number;
  scores: CandidateScores;
  explanation: {
    nearestPhrasing?: { text: string; similarity: number } | undefined;
    /** Query terms the entry shares, most telling first. */
    sharedTerms: string[];
  };
}

export interface MatchDecision {
  action: MatchAction;
  /** Present when action is `answer`. */
  best?: MatchCandidate | undefined;
  /** Ranked, best first; also offered to the viewer when action is `clarify`. */
  candidates: MatchCandidate[];
  confidence: number;
  /** Fused score of the best minus the runner-up (0 when there is none). */
  margin: number;
  query: { text: string; normalized: string; language: Locale; terms: string[] };
  /**
   * The classifier's probability that the question is general chat (greetings, weather, other products)
   * rather than any entry's; 0 when the classifier did not rank.
   */
  background?: number;
  /** Why the action was chosen, in words an editor understands. */
  reason: string;
  thresholds: DecisionThresholds;
}
