import { z } from 'zod';

/** The signals a model can carry a classifier for: anger, requests for a person, sensitive categories. */
export const LearnedSignalSchema = z
  .string()
  .regex(/^(?:anger|human_request|sensitive:[a-z_]{2,40})$/, 'anger, human_request or sensitive:<category>');
export type LearnedSignal = z.infer<typeof LearnedSignalSchema>;

/**
 * Every sensitive category but safety, pooled: the model names a matter "other" when it finds one the lists
 * did not place (the policy sends an unknown category to the supervisors).
 */
export const OTHER_SENSITIVE_SIGNAL = 'sensitive:other';

/** How messages become numbers; a model only fits the analysis it was trained with. */
export const SignalFeatureSpaceSchema = z.object({
  /** Hashed feature buckets. */
  dimensions: z
    .number()
    .int()
    .min(1024)
    .max(1 << 22),
  /** Names the analysis and feature recipe, e.g. `builtin-signals-v1`. */
  recipe: z.string().min(1).max(64),
});
export type SignalFeatureSpace = z.infer<typeof SignalFeatureSpaceSchema>;

export const SignalClassifierSchema = z.object({
  bias: z.number().finite(),
  /** Sparse weights: `[bucket, weight]` pairs, buckets ascending. */
  weights: z.array(z.tuple([z.number().int().min(0), z.number().finite()])),
  /** Probability at or above which the signal counts as present (chosen on held-out data). */
  threshold: z.number().min(0).max(1),
  /**
   * How the classifier meets the word lists: `replace` decides alone (it read their findings as features),
   * `union` adds what it finds to what they find. Chosen on held-out data, whichever scored better.
   */
  combine: z.enum(['replace', 'union']).default('union'),
  /** What training saw and what the threshold gave on held-out data. */
  training: z.object({
    examples: z.number().int().min(0),
    positives: z.number().int().min(0),
    heldOut: z.object({
      source: z.enum(['dev', 'cross-validation']),
      precision: z.number().min(0).max(1),
      recall: z.number().min(0).max(1),
      f1: z.number().min(0).max(1),
      /** The word lists alone on the same held-out examples, for comparison. */
      listsF1: z.number().min(0).max(1).optional(),
    }),
  }),
});
export type SignalClassifier = z.infer<typeof SignalClassifierSchema>;

/** A trained model file: `livedesk signals train --out MODEL`, `LIVEDESK_SIGNALS_MODEL`, the admin. */
export const SignalModelSchema = z.object({
  format: z.literal('livedesk-signal-model'),
  version: z.literal(1),
  createdAt: z.string(),
  featureSpace: SignalFeatureSpaceSchema,
  /** Where the labelled cases came from, for the record. */
  sources: z.array(z.string().max(500)).max(50),
  classifiers: z
    .record(LearnedSignalSchema, SignalClassifierSchema)
    .refine((classifiers) => Object.keys(classifiers).length > 0, 'a model needs at least one classifier'),
});
export type SignalModel = z.infer<typeof SignalModelSchema>;
