import { z } from 'zod';

export const DecisionThresholdsSchema = z.object({
  /** Confidence (0..1) at or above which the best entry is answered. */
  answerMinConfidence: z.number().min(0).max(1),
  /**
   * How likely (0..1) two or three close entries must together be to be offered when none alone
   * reaches the answer threshold; below it the matcher says nothing fits instead of guessing.
   */
  clarifyMinConfidence: z.number().min(0).max(1),
  /** Confidence of the runner-up relative to the best (0..1) at or above which the two are offered instead of answered. */
  clarifyMinRatio: z.number().min(0).max(1),
  /**
   * Fused score below which nothing is offered, however clear the lead: a question that shares almost
   * nothing with any entry is out of scope even when one entry shares slightly more. The fused score is
   * a weighted sum of similarities and the classifier's probability, so it ranges over 0..(sum of the
   * fusion weights), 0..2.5 by default, and up to 1.6 times that for a rendered view.
   */
  minFusedScore: z.number().min(0).max(10),
});
export type DecisionThresholds = z.infer<typeof DecisionThresholdsSchema>;

export const CalibrationSchema = z.object({
  /** confidence = sigmoid(bias + scoreWeight · fused + marginWeight · (fused₁ − fused₂)) */
  bias: z.number(),
  scoreWeight: z.number(),
  marginWeight: z.number(),
  /** Weight of the classifier's background share (see MatchDecision.background), usually negative. */
  backgroundWeight: z.number().default(-2.26),
});
export type Calibration = z.infer<typeof CalibrationSchema>;

export const FusionWeightsSchema = z.object({
  /** Similarity to the entry's prototype (the centroid of its phrasings, refined on them). */
  prototype: z.number().min(0),
  /** Similarity to the single nearest phrasing. */
  nearestPhrasing: z.number().min(0),
  /** BM25 over the analyzer's terms, normalised to 0..1. */
  lexical: z.number().min(0),
  /** The trained classifier's probability of the entry (0..1); 0 turns the classifier off. */
  classifier: z.number().min(0).default(1),
});
export type FusionWeights = z.infer<typeof FusionWeightsSchema>;

export const CrossLingualWeightsSchema = z.object({
  /**
   * An entry with no view in the question's language is scored on the shared gloss view:
   * fused = gloss · cosine(gloss vectors) + features · (its usual fused score), comparable with the
   * fused scores of entries in the question's language.
   */
  gloss: z.number().min(0),
  features: z.number().min(0),
  /**
   * Whether an entry missing one language of the zh/en pair is also indexed through a word-by-word
   * rendering of its phrasings in that language (once the bilingual resource is loaded).
   */
  phrasings: z.boolean().default(true),
  /**
   * Multiplies a rendered view's fused score: word-by-word renderings share fewer surface features with
   * a question than written phrasings do, so unweighted they lose to any written entry.
   */
  rendered: z.number().min(0).default(1.6),
  /** Rendering is skipped for knowledge bases with more phrasings than this, to keep rebuilds fast. */
  maxRenderedPhrasings: z.number().int().min(0).default(5_000),
});
export type CrossLingualWeights = z.infer<typeof CrossLingualWeightsSchema>;

export const ClassifierSettingsSchema = z.object({
  /** Passes over the phrasings when the whole knowledge base is indexed. */
  epochs: z.number().int().min(0).max(100),
  /** Passes over a changed entry's phrasings when it alone is re-indexed. */
  incrementalEpochs: z.number().int().min(0).max(100),
  learningRate: z.number().min(0).max(100),
  l2: z.number().min(0).max(10),
  /** Each entry's weights start at this multiple of its centroid. */
  initialScale: z.number().min(0).max(100),
  /** Multiply-adds training may cost; a larger knowledge base is ranked without the classifier. */
  budget: z.number().min(0),
  /** Whether general chat (greetings, weather, other products) competes as classes of its own. */
  background: z.boolean(),
  /**
   * Whether the classifier reads every feature apart (one weight row per feature seen in training)
   * rather than the embedding's hashed buckets, where many features share one weight.
   */
  ownFeatures: z.boolean().default(true),
  /**
   * Most rows of its own the classifier keeps (ownFeatures); features past them share hashed buckets,
   * so long phrasings and many edits cannot grow the weights without end.
   */
  maxFeatureRows: z.number().int().min(16).default(65_536),
  /**
   * Bytes the classifier's weights (rows × classes × 4) may take: with many classes the rows are capped
   * lower, and a knowledge base whose weights cannot fit 4,096 rows is ranked without the classifier.
   */
  maxBytes: z.number().int().min(0).default(67_108_864), // 64 MiB
});
export type ClassifierSettings = z.infer<typeof ClassifierSettingsSchema>;

export const MatcherConfigSchema = z.object({
  fusion: FusionWeightsSchema,
  crossLingual: CrossLingualWeightsSchema,
  calibration: CalibrationSchema,
  thresholds: DecisionThresholdsSchema,
  /** Per-locale overrides ("zh", "en"), e.g. written by `livedesk eval --save-thresholds`. */
  thresholdsByLocale: z.record(z.string(), DecisionThresholdsSchema.partial()).default({}),
  /** Phrasings fetched from the vector index per query. */
  nearestPhrasings: z.number().int().min(1).max(1000),
  /** Candidates returned with every decision. */
  candidates: z.number().int().min(1).max(20),
  /** Prototype refinement passes over the phrasings (0 keeps plain centroids). */
  refinementEpochs: z.number().int().min(0).max(50),
  /** Refinement is skipped when it would cost more multiply-adds than this (very large knowledge bases). */
  refinementBudget: z.number().min(0),
  /** How far (in cosine) a phrasing's own entry must lead the best rival before refinement leaves it alone. */
  refinementMargin: z.number().min(0).max(2),
  refinementLearningRate: z.number().min(0).max(10),
  classifier: ClassifierSettingsSchema,
});
export type MatcherConfig = z.infer<typeof MatcherConfigSchema>;
export type MatcherConfigInput = z.input<typeof MatcherConfigSchema>;

/**
 * Calibration was fitted by logistic regression on the clinc150 dev split, the one public set with
 * out-of-scope questions: the margin over the runner-up predicts a right answer far better than the raw
 * score. Fusion and thresholds were checked on the dev splits of three knowledge bases of different shapes (clinc150, banking77,
 * xsid-zh); see docs/benchmarks.md for how. A deployment can calibrate on its own questions.
 */
export const DEFAULT_MATCHER_CONFIG: MatcherConfig = {
  fusion: {
    prototype: 0.6,
    nearestPhrasing: 0.25,
    lexical: 0.15,
    classifier: 1.5,
  },
  // On xsid-zh dev: Chinese questions against the English kb 0.22 → 0.63 top-1, a kb half Chinese, half
  // English 0.73 → 0.76 and 0.25 → 0.41, while a kb holding both languages still answers from the Chinese
  // entries as often as before (a higher gloss weight lets English duplicates win).
  crossLingual: { gloss: 0.35, features: 0.35, phrasings: true, rendered: 1.6, maxRenderedPhrasings: 5_000 },
  calibration: {
    bias: 0.07,
    scoreWeight: -0.64,
    marginWeight: 4.1,
    backgroundWeight: -2.16,
  },
  thresholds: {
    answerMinConfidence: 0.6,
    clarifyMinConfidence: 0.6,
    clarifyMinRatio: 0.95,
    minFusedScore: 0.06,
  },
  // English questions share character n-grams by chance far more than Chinese ones share characters:
  // on clinc150 dev a floor of 0.15 rejects 29% of out-of-scope questions and 0.4% of right answers.
  thresholdsByLocale: { en: { minFusedScore: 0.15 } },
  nearestPhrasings: 40,
  candidates: 5,
  refinementEpochs: 3,
  refinementBudget: 5e8,
  refinementMargin: 0.1,
  refinementLearningRate: 0.1,
  // With a row per feature (ownFeatures), learning rate 2 and fusion weight 1.5 gave the best top-1 on the
  // six dev splits (docs/benchmarks.md, issue 13 steps); weights 2-3 helped Chinese only, and cost answers.
  classifier: {
    epochs: 15,
    incrementalEpochs: 3,
    learningRate: 2,
    l2: 0.001,
    initialScale: 1,
    budget: 8e8,
    background: true,
    ownFeatures: true,
    maxFeatureRows: 65_536,
    maxBytes: 67_108_864, // 64 MiB: 65,536 rows for up to 256 classes
  },
};

/** The thresholds for one language: the locale's overrides over the defaults. */
export function resolveThresholds(config: MatcherConfig, language: string): DecisionThresholds {
  const overrides = config.thresholdsByLocale[language] ?? {};
  return {
    answerMinConfidence: overrides.answerMinConfidence ?? config.thresholds.answerMinConfidence,
    clarifyMinConfidence: overrides.clarifyMinConfidence ?? config.thresholds.clarifyMinConfidence,
    clarifyMinRatio: overrides.clarifyMinRatio ?? config.thresholds.clarifyMinRatio,
    minFusedScore: overrides.minFusedScore ?? config.thresholds.minFusedScore,
  };
}

/** What a settings file may override; everything else keeps its default. */
export const MatcherConfigOverridesSchema = z
  .object({
    fusion: FusionWeightsSchema.partial(),
    crossLingual: CrossLingualWeightsSchema.partial(),
    calibration: CalibrationSchema.partial(),
    thresholds: DecisionThresholdsSchema.partial(),
    thresholdsByLocale: z.record(z.string(), DecisionThresholdsSchema.partial()),
    nearestPhrasings: MatcherConfigSchema.shape.nearestPhrasings,
    candidates: MatcherConfigSchema.shape.candidates,
    refinementEpochs: MatcherConfigSchema.shape.refinementEpochs,
    refinementBudget: MatcherConfigSchema.shape.refinementBudget,
    refinementMargin: MatcherConfigSchema.shape.refinementMargin,
    refinementLearningRate: MatcherConfigSchema.shape.refinementLearningRate,
    classifier: ClassifierSettingsSchema.partial(),
  })
  .partial()
  .strict();
export type MatcherConfigOverrides = z.infer<typeof MatcherConfigOverridesSchema>;

function definedOnly<T extends object>(value: T | undefined): Partial<T> {
  return Object.fromEntries(
    Object.entries(value ?? {}).filter(([, field]) => field !== undefined),
  ) as Partial<T>;
}

export function mergeMatcherConfig(base: MatcherConfig, overrides: MatcherConfigOverrides): MatcherConfig {
  return MatcherConfigSchema.parse({
    ...base,
    ...definedOnly(overrides),
    fusion: { ...base.fusion, ...definedOnly(overrides.fusion) },
    crossLingual: { ...base.crossLingual, ...definedOnly(overrides.crossLingual) },
    calibration: { ...base.calibration, ...definedOnly(overrides.calibration) },
    thresholds: { ...base.thresholds, ...definedOnly(overrides.thresholds) },
    classifier: { ...base.classifier, ...definedOnly(overrides.classifier) },
    thresholdsByLocale: { ...base.thresholdsByLocale, ...overrides.thresholdsByLocale },
  });
}
