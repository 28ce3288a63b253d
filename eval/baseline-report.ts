import { z } from 'zod';

const Metric = z.number().nullable().optional();

const ScopeMetricsSchema = z.object({
  inScope: z
    .object({
      top1Accuracy: Metric,
      top3Accuracy: Metric,
      mrr: Metric,
      answeredCorrectly: Metric,
      answeredWrongly: Metric,
    })
    .optional(),
  outOfScope: z.object({ answeredRate: Metric, precision: Metric, recall: Metric }).optional(),
});

const EscalationSchema = z
  .object({
    precision: Metric,
    recall: Metric,
    f1: Metric,
    byReason: z
      .record(z.string(), z.object({ shouldEscalate: Metric, escalatedRate: Metric, reasonAccuracy: Metric }))
      .optional(),
  })
  .nullable()
  .optional();

/**
 * What `--baseline` reads from an earlier `--json` report: only the metrics it compares, so reports from
 * older versions with more or fewer fields still load, while a wrong file is refused.
 */
export const BaselineReportSchema = z.discriminatedUnion('kind', [
  ScopeMetricsSchema.extend({
    kind: z.literal('livedesk-eval'),
    embedder: z.string().optional(),
    byLocale: z.record(z.string(), ScopeMetricsSchema).optional(),
    latencyMs: z.object({ p50: Metric, p95: Metric, p99: Metric }).optional(),
    escalation: EscalationSchema,
  }),
  z.object({
    kind: z.literal('livedesk-pair-eval'),
    embedder: z.string().optional(),
    auc: Metric,
    accuracy: Metric,
    f1: Metric,
  }),
]);
export type BaselineReport = z.infer<typeof BaselineReportSchema>;
