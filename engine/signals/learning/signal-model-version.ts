import { z } from 'zod';
import { SignalClassifierSchema, type SignalModel } from '../learned/signal-model.js';

const RateSchema = z.number().min(0).max(1);

/** Precision, recall and F1 of one way of deciding a signal, on labelled messages. */
export const DecisionFiguresSchema = z.object({ precision: RateSchema, recall: RateSchema, f1: RateSchema });
export type DecisionFigures = z.infer<typeof DecisionFiguresSchema>;

/**
 * A model measured on the escalation suite's test split, which no version is trained or tuned on: for each
 * signal it has a classifier for, the server's decision with the model beside the word lists' alone. Every
 * version is measured on the same lines, so versions can be weighed against each other.
 */
export const TestSplitFiguresSchema = z.object({
  source: z.string(),
  cases: z.number().int().min(0),
  signals: z.record(
    z.string(),
    z.object({
      positives: z.number().int().min(0),
      examples: z.number().int().min(0),
      model: DecisionFiguresSchema,
      lists: DecisionFiguresSchema,
    }),
  ),
});
export type TestSplitFigures = z.infer<typeof TestSplitFiguresSchema>;

export const SignalModelOriginSchema = z.enum(['trained', 'uploaded', 'environment']);
export type SignalModelOrigin = z.infer<typeof SignalModelOriginSchema>;

/** A classifier without its weights: its threshold, how it meets the lists, and its held-out figures. */
export const ClassifierSummarySchema = SignalClassifierSchema.omit({ bias: true, weights: true });
export type ClassifierSummary = z.infer<typeof ClassifierSummarySchema>;

/** The weights left out of each classifier, for listing. */
export function summarizeClassifiers(model: SignalModel): Record<string, ClassifierSummary> {
  return Object.fromEntries(
    Object.entries(model.classifiers).map(([signal, classifier]) => {
      const { bias: _bias, weights: _weights, ...summary } = classifier;
      return [signal, summary];
    }),
  );
}

/** One stored model, without its weights: what the admin lists. */
export const SignalModelVersionSchema = z.object({
  version: z.number().int().min(1),
  /** Trained in the admin, uploaded there, or read from LIVEDESK_SIGNALS_MODEL. */
  origin: SignalModelOriginSchema,
  createdBy: z.string(),
  createdAt: z.string(),
  sources: z.array(z.string()),
  /** When the model itself was made (its file's `createdAt`). */
  modelCreatedAt: z.string(),
  classifiers: z.record(z.string(), ClassifierSummarySchema),
  /** Null when the test split could not be read. */
  testSplit: TestSplitFiguresSchema.nullable(),
});
export type SignalModelVersion = z.infer<typeof SignalModelVersionSchema>;

/** Which version the server reads with: `version` null is the word lists and intents alone. */
export const SignalModelChoiceSchema = z.object({
  version: z.number().int().min(1).nullable(),
  chosenBy: z.string(),
  chosenAt: z.string(),
});
export type SignalModelChoice = z.infer<typeof SignalModelChoiceSchema>;

export interface NewSignalModelVersion extends Omit<
  SignalModelVersion,
  'version' | 'classifiers' | 'modelCreatedAt'
> {
  model: SignalModel;
  /** Of the model's JSON text: the same file given twice is the same version. */
  digest: string;
}

/** Every stored model version and the choice of the active one (adapters/sqlite/signal-model-store.ts). */
export interface SignalModelStore {
  /** Stores a new version, numbered one past the highest; resolves its number. */
  add(version: NewSignalModelVersion): Promise<number>;
  /** Newest first. */
  list(): Promise<SignalModelVersion[]>;
  /** One version with its model's JSON text, as stored. */
  get(version: number): Promise<{ version: SignalModelVersion; modelText: string } | undefined>;
  /** The newest version stored with this digest. */
  findByDigest(digest: string): Promise<number | undefined>;
  /** Undefined until someone (or the environment's file) has chosen. */
  choice(): Promise<SignalModelChoice | undefined>;
  /** Refused (`not_found`) for a version that is not stored. */
  choose(choice: SignalModelChoice): Promise<void>;
}
