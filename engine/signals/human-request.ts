import type { HumanRequestConfig } from './human-request-config.js';
import { compilePersonRequestComposition } from './person-request-composition.js';
import { PERSON_REQUEST_LEXICONS } from './person-request-lexicon.js';
import { compilePhrases, longestHits, maskHits } from './phrase-list.js';
import { prepareSignalText, type SignalText } from './signal-text.js';

export interface HumanRequest {
  detected: boolean;
  /** What was matched, as folded text: "转人工", "talk to a real person". */
  cues: string[];
}

export interface HumanRequestDetector {
  detect(text: string | SignalText): HumanRequest;
}

/**
 * An explicit or indirect request for a person: "转人工", "你是机器人吧", "我要找活人", "speak to a
 * manager", "are you a bot"; and a short message that names a person of the desk and asks for them
 * ("我要找售后", "is a human available"). Talk about other people or things ("主播是真人吗", "human hair
 * wig") is masked first.
 */
export function createHumanRequestDetector(config: HumanRequestConfig): HumanRequestDetector {
  const ignore = compilePhrases(config.ignore, config.ignorePatterns);
  const requests = compilePhrases(config.phrases, config.patterns);
  const shortAsks = config.shortAsks ? compilePersonRequestComposition(PERSON_REQUEST_LEXICONS) : undefined;
  return {
    detect(input) {
      const text = typeof input === 'string' ? prepareSignalText(input) : input;
      const masked = maskHits(text.simplified ?? text.folded, ignore);
      const cues = [...new Set(longestHits(requests.findAll(masked)).map((hit) => hit.text.trim()))];
      const shortAsk = cues.length === 0 ? shortAsks?.find(masked) : undefined;
      if (shortAsk) cues.push(`ask:${shortAsk}`);
      return { detected: cues.length > 0, cues };
    },
  };
}
