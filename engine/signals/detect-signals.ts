import { z } from 'zod';
import { LruCache } from '../../knowledge/lru-cache.js';
import type { SignalAnalysis, SignalAnalyzer } from '../ports.js';
import { AngerConfigSchema } from './anger-config.js';
import { calibrate, createAngerScorer, type AngerCue } from './anger-score.js';
import { angerTrend, AngerTrendConfigSchema, type AngerTrend } from './anger-trend.js';
import { CHURN_LEXICON } from './churn-lexicon.js';
import { SAYS_REPEATED_LEXICON } from './says-repeated-lexicon.js';
import { compileCueLexicon, CueLexiconSchema } from './cue-lexicon.js';
import { createHumanRequestDetector } from './human-request.js';
import {
  HUMAN_REQUEST_IGNORE,
  HUMAN_REQUEST_IGNORE_PATTERNS,
  HumanRequestConfigSchema,
} from './human-request-config.js';
import { detectIntents, IntentThresholdsSchema, type IntentDetections } from './intents/intent-detections.js';
import type { IntentIndex } from './intents/intent-index.js';
import type { LearnedSignals, LearnedVerdict } from './learned/learned-signals.js';
import { signalFeatureVector, type SparseVector } from './learned/signal-features.js';
import { OTHER_SENSITIVE_SIGNAL } from './learned/signal-model.js';
import { compilePhrases, maskHits } from './phrase-list.js';
import { PUBLIC_THREAT_LEXICON } from './public-threat-lexicon.js';
import { createRepetitionDetector, type Repetition, type TextSimilarity } from './repetition.js';
import { RepetitionConfigSchema } from './repetition-config.js';
import { createSarcasmDetector } from './sarcasm.js';
import { findShouting } from './support-shouting.js';
import { createSensitiveTopicsDetector, type SensitiveTopics } from './sensitive-topics.js';
import { SensitiveTopicsConfigSchema, type Severity } from './sensitive-topics-config.js';
import { prepareSignalText, type SignalText } from './signal-text.js';
import { isVip, VipConfigSchema, type TierProfile } from './vip.js';

export const SignalsConfigSchema = z.object({
  anger: AngerConfigSchema.prefault({}),
  angerTrend: AngerTrendConfigSchema.prefault({}),
  humanRequest: HumanRequestConfigSchema.prefault({}),
  repetition: RepetitionConfigSchema.prefault({}),
  sensitive: SensitiveTopicsConfigSchema.prefault({}),
  vip: VipConfigSchema.prefault({}),
  publicThreat: CueLexiconSchema.default(CueLexiconSchema.parse(PUBLIC_THREAT_LEXICON)),
  churn: CueLexiconSchema.default(CueLexiconSchema.parse(CHURN_LEXICON)),
  /** A message that says it repeats itself ("传了五次了", "three times already"). */
  saysRepeated: CueLexiconSchema.default(CueLexiconSchema.parse(SAYS_REPEATED_LEXICON)),
  /** When the intents (matched through the matcher's analysis) count as said. */
  intents: IntentThresholdsSchema.prefault({}),
  /**
   * Anger evidence (0..1, noisy-OR with the lexicon's) of an abusive intent, of sarcasm, of a message
   * shouted in capitals, and of a demand with urgency and exclamation marks.
   */
  angerEvidence: z
    .object({
      abuse: z.number().min(0).max(1).default(0.55),
      sarcasm: z.number().min(0).max(1).default(0.5),
      shouting: z.number().min(0).max(1).default(0.5),
      demand: z.number().min(0).max(1).default(0.45),
      'heated-grievance': z.number().min(0).max(1).default(0.5),
    })
    .prefault({}),
  /**
   * Anger cues that only say the viewer is annoyed ("ugh", "无语", "气死"): anger made of these alone,
   * with a confident answer to give, is answered rather than handed over (engine/policy).
   */
  /** At or above this (calibrated) score anger is never mild, whatever its cues. */
  strongAngerScore: z.number().min(0).max(1).default(0.8),
  mildAngerCues: z
    .array(z.string())
    .default([
      'annoyance',
      'angerWord',
      'complaint',
      'otherFeelings',
      'mildProfanity',
      'hostility',
      'exclamation-run',
      'question-run',
      'repeated-character',
      'all-caps',
    ]),
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
  /** Every cue is of the mild kinds (annoyance, not abuse): see `mildAngerCues`. */
  mild: boolean;
}

/** A signal that is there or not, with what showed it. */
export interface CueSignal {
  detected: boolean;
  /** For the handoff card: the words or phrasings that fired. */
  cues: string[];
}

export interface Signals {
  anger: AngerSignal;
  /** `pure`: the message is nothing but a request for a person ("人工", "rg", "operator"). */
  humanRequest: CueSignal & { pure: boolean };
  repetition: Repetition;
  sensitive: SensitiveTopics;
  /** Going public or to an authority: review sites, 12315, 消协, lawyers, chargebacks. */
  publicThreat: CueSignal;
  /** Leaving for good: uninstalling, closing the account. */
  churn: CueSignal;
  vip: boolean;
}

export interface SignalDetector {
  detect(input: SignalsInput): Signals;
  /**
   * What a trained classifier reads of a message (livedesk signals train uses the same), and what the
   * word lists alone decide for each learnable signal (`anger`, `human_request`, `sensitive:<category>`).
   */
  examine(text: string): { vector: SparseVector; lists: Map<string, boolean> };
}

export interface SignalDetectorOptions {
  /** How similar two viewer messages are (0..1); the matcher's may be passed. Default: bigram Jaccard. */
  similarity?: TextSimilarity | undefined;
  /** Distinct messages whose text-only signals are remembered (0: none). Default 4096. */
  recentTexts?: number | undefined;
  /**
   * The matcher's analysis, and the intents indexed with it: with both, requests for a person, abuse,
   * threats, churn and safety are also recognised through pinyin, initials, typos, Traditional characters
   * and slang. Without them only the lexicons and patterns run.
   */
  analyzer?: SignalAnalyzer | undefined;
  intents?: IntentIndex | undefined;
  /** Trained classifiers (livedesk signals train): a signal they find is added to what the lists find. */
  learned?: LearnedSignals | undefined;
}

/** What a deployment reads language with and what it learned: everything but the per-process knobs. */
export type SignalSupport = Pick<SignalDetectorOptions, 'analyzer' | 'intents' | 'learned'>;

/** What a message says on its own, whatever came before it: the same for every viewer who types it. */
interface TextSignals {
  anger: ReturnType<ReturnType<typeof createAngerScorer>['score']>;
  humanRequest: Signals['humanRequest'];
  sensitive: SensitiveTopics;
  publicThreat: CueSignal;
  churn: CueSignal;
  /** The message itself says it repeats ("第三次问了", "5th time asking"). */
  saysRepeated: string[];
}

const NO_INTENTS: IntentDetections = { found: new Map(), pureRequest: false };

function cueSignal(cues: readonly string[]): CueSignal {
  const unique = [...new Set(cues)];
  return { detected: unique.length > 0, cues: unique };
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
  const publicThreat = compileCueLexicon(config.publicThreat);
  const churn = compileCueLexicon(config.churn);
  const saysRepeated = compileCueLexicon(config.saysRepeated);
  const sarcasm = createSarcasmDetector();
  const mildCues = new Set(config.mildAngerCues);
  const { analyzer, intents } = options;
  // Talk about people and bots that is no request, and laughter that is no despair, never reach the intents.
  // How-to questions about leaving ("怎么注销账号", "how do I delete my account") are questions, not churn.
  const notIntents = compilePhrases(
    [
      ...HUMAN_REQUEST_IGNORE,
      ...config.sensitive.categories.flatMap((category) => category.ignore),
      ...config.churn.ignore,
    ],
    [
      ...HUMAN_REQUEST_IGNORE_PATTERNS,
      ...config.churn.ignorePatterns,
      ...config.sensitive.categories.flatMap((category) => category.ignorePatterns),
    ],
  );
  const { learned } = options;
  const severities = new Map<string, Severity>([
    ...config.sensitive.categories.map((category) => [category.category, category.severity] as const),
    [config.sensitive.largeDispute.category, config.sensitive.largeDispute.severity],
  ]);
  // A category the model learned that the lists do not name: safety is always critical, others high.
  const severityOf = (category: string): Severity =>
    severities.get(category) ?? (category === 'safety' ? 'critical' : 'high');
  const intentsOf = (text: SignalText): { analysis?: SignalAnalysis; said: IntentDetections } => {
    if (!analyzer) return { said: NO_INTENTS };
    const analysis = analyzer.analyze(maskHits(text.simplified ?? text.folded, notIntents));
    return {
      analysis,
      said: intents ? detectIntents(analysis, intents, config.intents) : NO_INTENTS,
    };
  };

  /** Everything the lexicons, patterns and intents find in one message, before any model weighs in. */
  const read = (raw: string) => {
    const text = prepareSignalText(raw, analyzer ? (folded) => analyzer.simplify(folded) : undefined);
    const { analysis, said } = intentsOf(text);
    const cueOf = (name: Parameters<typeof said.found.get>[0]): string[] => {
      const found = said.found.get(name);
      return found ? [found.cue] : [];
    };
    const extraAnger: AngerCue[] = [];
    const abuse = said.found.get('abuse');
    if (abuse)
      extraAnger.push({
        kind: 'lexicon',
        name: 'intent',
        match: abuse.match.phrasing,
        weight: config.angerEvidence.abuse,
      });
    const sarcastic = sarcasm.detect(text);
    if (sarcastic)
      extraAnger.push({
        kind: 'lexicon',
        name: 'sarcasm',
        match: sarcastic.complaint ? `${sarcastic.praise} + ${sarcastic.complaint}` : sarcastic.praise,
        weight: config.angerEvidence.sarcasm,
      });
    for (const cue of findShouting(text))
      extraAnger.push({ kind: 'intensity', ...cue, weight: config.angerEvidence[cue.name] });
    const request = humanRequest.detect(text);
    const topics = sensitive.detect(text);
    const safetyCues = [...cueOf('self_harm'), ...cueOf('threat_to_others')];
    const signals: TextSignals = {
      anger: anger.score(text, extraAnger),
      humanRequest: {
        ...cueSignal([...request.cues, ...cueOf('human_request'), ...cueOf('callback_request')]),
        pure: said.pureRequest,
      },
      sensitive: safetyCues.length > 0 ? withSafety(topics, safetyCues) : topics,
      publicThreat: cueSignal([...publicThreat.find(text), ...cueOf('public_threat')]),
      churn: cueSignal([...churn.find(text), ...cueOf('churn')]),
      saysRepeated: [...saysRepeated.find(text), ...cueOf('repetition')],
    };
    // What a classifier is told of these findings: their kinds, not their words.
    const findings = [
      ...signals.anger.cues.map((cue) => `anger:${cue.kind === 'dampener' ? 'dampener:' : ''}${cue.name}`),
      ...(signals.anger.detected ? ['anger:detected'] : []),
      ...(request.detected ? ['human:pattern'] : []),
      ...(said.pureRequest ? ['human:pure'] : []),
      ...[...said.found.keys()].map((intent) => `intent:${intent}`),
      ...signals.sensitive.categories.map((topic) => `sensitive:${topic.category}`),
      ...(signals.publicThreat.detected ? ['public_threat'] : []),
      ...(signals.churn.detected ? ['churn'] : []),
    ];
    return { signals, analysis, findings };
  };

  const vectorOf = (analysis: SignalAnalysis | undefined, findings: readonly string[]) =>
    signalFeatureVector(analysis ?? { features: new Map() }, findings, learned?.dimensions);

  // In a spike thousands of viewers send the same words; their scans are done once. The cached results are
  // frozen, so sharing them between turns cannot leak one turn's changes into another.
  const recent = new LruCache<string, TextSignals>(options.recentTexts ?? 4096);
  const textSignals = (raw: string): TextSignals => {
    const known = recent.get(raw);
    if (known) return known;
    const { signals, analysis, findings } = read(raw);
    const computed = deepFreeze(
      learned
        ? withLearned(signals, learned.judge(vectorOf(analysis, findings)), learned, severityOf)
        : signals,
    );
    recent.set(raw, computed);
    return computed;
  };
  return {
    examine(text) {
      const { signals, analysis, findings } = read(text);
      const lists = new Map<string, boolean>([
        ['anger', signals.anger.detected],
        ['human_request', signals.humanRequest.detected],
        ...signals.sensitive.categories.map((topic) => [`sensitive:${topic.category}`, true] as const),
        [OTHER_SENSITIVE_SIGNAL, signals.sensitive.categories.some((topic) => topic.category !== 'safety')],
      ]);
      return { vector: vectorOf(analysis, findings), lists };
    },
    detect(input) {
      const own = textSignals(input.text);
      const current = own.anger;
      const earlierCount = config.angerTrend.windowTurns - 1;
      const earlier =
        input.previousAngerScores?.slice(-earlierCount) ??
        input.history.slice(-earlierCount).map((message) => textSignals(message).anger.score);
      const trend = angerTrend([...earlier, current.score], config.angerTrend);
      const repeated = repetition.detect({ text: input.text, history: input.history });
      return {
        anger: {
          score: current.score,
          detected: current.detected,
          cues: current.cues.map(cueText),
          trend: trend.direction,
          trendScores: trend.scores,
          details: current.cues,
          mild:
            current.score < config.strongAngerScore &&
            current.cues.every((cue) => cue.kind === 'dampener' || mildCues.has(cue.name)),
        },
        humanRequest: own.humanRequest,
        repetition:
          own.saysRepeated.length > 0
            ? { ...repeated, detected: true, cues: [...repeated.cues, ...own.saysRepeated] }
            : repeated,
        sensitive: own.sensitive,
        publicThreat: own.publicThreat,
        churn: own.churn,
        vip: isVip(input.profile, config.vip),
      };
    },
  };
}

/**
 * A trained classifier's findings on top of the lists': a request for a person or a sensitive matter it
 * finds is there (its probability shown as the cue), and it never takes one away; anger it decides.
 */
/** Where a calm verdict's score tops out: under the escalation policy's "upset" level. */
const MODEL_CALM_CEILING = 0.35;

function withLearned(
  signals: TextSignals,
  verdicts: ReadonlyMap<string, LearnedVerdict>,
  model: Pick<LearnedSignals, 'thresholds' | 'combine'>,
  severityOf: (category: string) => Severity,
): TextSignals {
  const cue = (verdict: LearnedVerdict) => `model:${verdict.probability.toFixed(2)}`;
  let { anger, humanRequest, sensitive } = signals;
  // Anger is the model's call when training found it better alone (it read what the lists find, and was
  // taught what should reach a person, so it may overrule them), else it adds to theirs.
  const angry = verdicts.get('anger');
  if (angry) {
    const details = [
      ...anger.cues,
      { kind: 'lexicon' as const, name: 'model', match: cue(angry), weight: 0 },
    ];
    // The score follows the model too: 0.5 and up when it finds anger, below the policy's "upset" level
    // (0.4) when it does not, so an upset viewer is one the model calls angry.
    const threshold = model.thresholds.get('anger') ?? 0.5;
    const modelScore = angry.present
      ? calibrate(angry.probability, threshold)
      : (MODEL_CALM_CEILING * angry.probability) / threshold;
    anger =
      model.combine.get('anger') === 'union'
        ? {
            ...anger,
            detected: anger.detected || angry.present,
            score: Math.max(anger.score, angry.present ? modelScore : 0),
            cues: details,
          }
        : { ...anger, detected: angry.present, score: modelScore, cues: details };
  }
  const request = verdicts.get('human_request');
  if (request?.present && !humanRequest.detected)
    humanRequest = { ...humanRequest, detected: true, cues: [...humanRequest.cues, cue(request)] };
  for (const [signal, verdict] of verdicts) {
    if (!signal.startsWith('sensitive:') || !verdict.present) continue;
    const category = signal.slice('sensitive:'.length);
    if (sensitive.categories.some((topic) => topic.category === category)) continue;
    // The pooled classifier adds a matter only where the lists placed none of its kind.
    if (
      signal === OTHER_SENSITIVE_SIGNAL &&
      sensitive.categories.some((topic) => topic.category !== 'safety')
    )
      continue;
    const topic = { category, severity: severityOf(category), cues: [cue(verdict)] };
    sensitive = {
      categories: category === 'safety' ? [topic, ...sensitive.categories] : [...sensitive.categories, topic],
    };
  }
  return { ...signals, anger, humanRequest, sensitive };
}

/** Safety first among the topics, with the intents that showed it beside any lexicon cue. */
function withSafety(topics: SensitiveTopics, cues: readonly string[]): SensitiveTopics {
  const known = topics.categories.find((topic) => topic.category === 'safety');
  const safety = {
    category: 'safety',
    severity: 'critical' as const,
    cues: [...new Set([...(known?.cues ?? []), ...cues])],
  };
  return { categories: [safety, ...topics.categories.filter((topic) => topic !== known)] };
}

/**
 * Every signal for one viewer turn. Validates `config` (defaults fill what is missing) and compiles
 * the lists on each call: convenient for one-off use; per turn, build `createSignalDetector` once.
 */
export function detectSignals(input: SignalsInput, config: SignalsConfigInput = {}): Signals {
  return createSignalDetector(SignalsConfigSchema.parse(config)).detect(input);
}

function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  // Walked in place rather than through Object.values, which copies every object's values once more.
  if (Array.isArray(value)) for (const inner of value as unknown[]) deepFreeze(inner);
  else for (const key in value) if (Object.hasOwn(value, key)) deepFreeze(value[key]);
  return value;
}
