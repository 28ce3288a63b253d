import { z } from 'zod';

export const SignalTrainingJobIdSchema = z.uuid();

/**
 * A retrain in the admin. `problems`: the trainer's refusals (too few examples of a class), each naming the
 * signal; `version`: the model version it stored (not activated) once done.
 */
export const SignalTrainingJobSchema = z.object({
  id: z.string(),
  status: z.enum(['running', 'done', 'failed', 'cancelled']),
  /** Reading the labelled lines, fitting the classifiers, measuring the new model on the test split. */
  phase: z.enum(['reading', 'training', 'measuring']).nullable(),
  progress: z.object({ done: z.number().int().min(0), total: z.number().int().min(0) }),
  /** The signal being fitted now. */
  signal: z.string().nullable(),
  /** The signals asked for. */
  signals: z.array(z.string()),
  startedBy: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  problems: z.array(z.string()),
  error: z.string().nullable(),
  version: z.number().int().nullable(),
});
export type SignalTrainingJob = z.infer<typeof SignalTrainingJobSchema>;
