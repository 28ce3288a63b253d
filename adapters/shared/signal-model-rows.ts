import { z } from 'zod';
import {
  ClassifierSummarySchema,
  SignalModelChoiceSchema,
  SignalModelVersionSchema,
  TestSplitFiguresSchema,
  summarizeClassifiers,
  type NewSignalModelVersion,
  type SignalModelChoice,
  type SignalModelVersion,
} from '../../engine/signals/learning/signal-model-version.js';

/** The `signal_model_versions` columns a listing reads: all but the model itself. */
export const SIGNAL_MODEL_SUMMARY_COLUMNS = 'version, origin, created_by, created_at, sources, figures';

/** The version columns both stores read back alike; each adds `sources` and `figures` as it stores JSON. */
export const SignalModelVersionColumnsSchema = z.object({
  version: z.number().int(),
  origin: z.string(),
  created_by: z.string(),
  created_at: z.string(),
});

/** A version row with its JSON columns already parsed. */
export interface SignalModelVersionRow extends z.infer<typeof SignalModelVersionColumnsSchema> {
  sources: unknown;
  figures: unknown;
}

/** What is listed without reading the weights: the classifiers' summaries and the test-split figures. */
const FiguresSchema = z.object({
  modelCreatedAt: z.string(),
  classifiers: z.record(z.string(), ClassifierSummarySchema),
  testSplit: TestSplitFiguresSchema.nullable(),
});

/** The `figures` column of a new version, before it is written as JSON. */
export function signalModelFiguresOf(version: NewSignalModelVersion): z.infer<typeof FiguresSchema> {
  return {
    modelCreatedAt: version.model.createdAt,
    classifiers: summarizeClassifiers(version.model),
    testSplit: version.testSplit,
  };
}

export function signalModelVersionOf(row: SignalModelVersionRow): SignalModelVersion {
  return SignalModelVersionSchema.parse({
    version: row.version,
    origin: row.origin,
    createdBy: row.created_by,
    createdAt: row.created_at,
    sources: row.sources,
    ...FiguresSchema.parse(row.figures),
  });
}

const ChoiceRowSchema = z.object({
  version: z.number().int().nullable(),
  chosen_by: z.string(),
  chosen_at: z.string(),
});

/** A `signal_model_choice` row as read back. */
export function signalModelChoiceOf(raw: unknown): SignalModelChoice {
  const choice = ChoiceRowSchema.parse(raw);
  return SignalModelChoiceSchema.parse({
    version: choice.version,
    chosenBy: choice.chosen_by,
    chosenAt: choice.chosen_at,
  });
}
