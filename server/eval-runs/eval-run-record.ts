import { z } from 'zod';
import { EvalSuiteSchema } from './eval-suites.js';

/** Run ids become file names, so they are checked before any path is built from one. */
export const EvalRunIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not an eval run id');

export const EvalRunStatusSchema = z.enum(['running', 'done', 'failed', 'cancelled']);
export type EvalRunStatus = z.infer<typeof EvalRunStatusSchema>;

export const EvalRunSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('suite'), suite: EvalSuiteSchema }),
  z.object({ kind: z.literal('cases') }),
]);
export type EvalRunSource = z.infer<typeof EvalRunSourceSchema>;

/**
 * The report of `livedesk eval --json` (eval/eval-report.ts). Read back from disk it is only passed on,
 * never computed with, so its top-level shape is checked and the rest kept as it is.
 */
export const StoredEvalReportSchema = z.looseObject({
  kind: z.literal('livedesk-eval'),
  timestamp: z.string(),
  cases: z.number().int(),
  inScope: z.looseObject({}),
  outOfScope: z.looseObject({}),
  latencyMs: z.looseObject({}),
});

export const EvalRunSummarySchema = z.object({
  id: EvalRunIdSchema,
  status: EvalRunStatusSchema,
  source: EvalRunSourceSchema,
  /** Number of cases scored. */
  cases: z.number().int().min(1),
  createdBy: z.string(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  /** Questions asked so far, the eval's untimed warm-up included, out of `total`. */
  progress: z.object({ asked: z.number().int().min(0), total: z.number().int().min(0) }),
  /** Why a run failed or was cancelled. */
  error: z.string().nullable(),
});
export type EvalRunSummary = z.infer<typeof EvalRunSummarySchema>;

/** One run as kept in `<dataDir>/eval-runs/<id>.json`; `report` once it is done. */
export const EvalRunRecordSchema = EvalRunSummarySchema.extend({
  report: StoredEvalReportSchema.nullable(),
});
export type EvalRunRecord = z.infer<typeof EvalRunRecordSchema>;

export function summarizeRun(record: EvalRunRecord): EvalRunSummary {
  const { report: _report, ...summary } = record;
  return summary;
}
