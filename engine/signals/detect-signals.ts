import { z } from 'zod';
import { AngerConfigSchema } from './anger-config.js';
import { createAngerScorer, type AngerCue } from './anger-score.js';
import { angerTrend, AngerTrendConfigSchema, type AngerTrend } from './anger-trend.js';
import { createHumanRequestDetector, type HumanRequest } from './human-request.js';
import { HumanRequestConfigSchema } from './human-request-config.js';
import { createRepetitionDetector, type Repetition, type TextSimilarity } from './repetition.js';
import { RepetitionConfigSchema } from './repetition-config.js';
import { createSensitiveTopicsDetector, type SensitiveTopics } from './sensitive-topics.js';
import { SensitiveTopicsConfigSchema } from './sensitive-topics-config.js';
import { prepareSignalText } from './signal-text.js';
import { isVip, VipConfigSchema, type TierProfile } from './vip.js';

export const SignalsConfigSchema = z.object({
  anger: AngerConfigSchema.prefault({}),
  angerTrend: AngerTrendConfigSchema.prefault({}),
  humanRequest: HumanRequestConfigSchema.prefault({}),
  repetition: RepetitionConfigSchema.prefault({}),
  sensitive: SensitiveTopicsConfigSchema.prefault({}),
  vip: VipConfigSchema.prefault({}),
});
export type SignalsConfig = z.infer<typeof SignalsConfigSchema>;
export type SignalsConfigInput = z.input<typeof SignalsConfigSchema>;

export interface SignalsInput {
  /** The viewer's new message. */
  text: string;
  /** The viewer's earlier messages, oldest first, without the new one. */
  history: readonly string[];
  profile?: TierProfile | undefined;
  /**
   * Anger scores of the earlier messages, oldest first, when the caller kept them (the conversation's
   * anger-by-turn); otherwise the last few of `history` are scored again for the trend.
   */
  previousAngerScores?: readonly number[] | undefined;
}

export interface AngerSignal {
  score: number;
  /** score ≥ the configured threshold for the message's language. */
  detected: boolean;
  /** For explanations: "insult:垃圾", "exclamation-run:!!!", "dampener:calm:thanks". */
  cues: string[];
  trend: AngerTrend['direction'];
  /** The scores behind the trend, oldest first, this turn last. */
  trendScores: number[];
  details: AngerCue[];
}

export interface Signals {
  anger: AngerSignal;
  humanRequest: HumanRequest;
  repetition: Repetition;
  sensitive: SensitiveTopics;
  vip: boolean;
}

export interface SignalDetector {
  detect(input: SignalsInput): Signals;
}

export interface SignalDetectorOptions {
  /** How similar two viewer messages are (0..1); the matcher's may be passed. Default: bigram Jaccard. */
  similarity?: TextSimilarity | undefined;
}

function cueText(cue: AngerCue): string {
  return cue.kind === 'dampener' ? `dampener:${cue.name}:${cue.match}` : `${cue.name}:${cue.match}`;
}

/** Compiles every list once; `detect` then reads one turn. Pure: no state is kept between turns. */
export function createSignalDetector(
  config: SignalsConfig,
  options: SignalDetectorOptions = {},
): SignalDetector {
  const anger = createAngerScorer(config.anger);
  const humanRequest = createHumanRequestDetector(config.humanRequest);
  const repetition = createRepetitionDetector(config.repetition, options.similarity);
  const sensitive = createSensitiveTopicsDetector(config.sensitive);
  return {
    detect(input) {
      const text = prepareSignalText(input.text);
      const current = anger.score(text);
      const earlierCount = config.angerTrend.windowTurns - 1;
      const earlier =
        input.previousAngerScores?.slice(-earlierCount) ??
        input.history.slice(-earlierCount).map((message) => anger.score(message).score);
      const trend = angerTrend([...earlier, current.score], config.angerTrend);
      return {
        anger: {
          score: current.score,
          detected: current.detected,
          cues: current.cues.map(cueText),
          trend: trend.direction,
          trendScores: trend.scores,
          details: current.cues,
        },
        humanRequest: humanRequest.detect(text),
        repetition: repetition.detect({ text: input.text, history: input.history }),
        sensitive: sensitive.detect(text),
        vip: isVip(input.profile, config.vip),
      };
    },
  };
}

/**
 * Every signal for one viewer turn. Validates `config` (defaults fill what is missing) and compiles
 * the lists on each call: convenient for one-off use; per turn, build `createSignalDetector` once.
 */
export function detectSignals(input: SignalsInput, config: SignalsConfigInput = {}): Signals {
  return createSignalDetector(SignalsConfigSchema.parse(config)).detect(input);
}
