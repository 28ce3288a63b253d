import { z } from 'zod';
import { LruCache } from '../../knowledge/lru-cache.js';
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
  /** Distinct messages whose text-only signals are remembered (0: none). Default 4096. */
  recentTexts?: number | undefined;
}

/** What a message says on its own, whatever came before it: the same for every viewer who types it. */
interface TextSignals {
  anger: ReturnType<ReturnType<typeof createAngerScorer>['score']>;
  humanRequest: HumanRequest;
  sensitive: SensitiveTopics;
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
  // In a spike thousands of viewers send the same words; their phrase scans are done once. The cached
  // results are frozen, so sharing them between turns cannot leak one turn's changes into another.
  const recent = new LruCache<string, TextSignals>(options.recentTexts ?? 4096);
  const textSignals = (raw: string): TextSignals => {
    const known = recent.get(raw);
    if (known) return known;
    const text = prepareSignalText(raw);
    const computed = deepFreeze({
      anger: anger.score(text),
      humanRequest: humanRequest.detect(text),
      sensitive: sensitive.detect(text),
    });
    recent.set(raw, computed);
    return computed;
  };
  return {
    detect(input) {
      const { anger: current, humanRequest: request, sensitive: topics } = textSignals(input.text);
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
        humanRequest: request,
        repetition: repetition.detect({ text: input.text, history: input.history }),
        sensitive: topics,
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

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
