import { z } from 'zod';
import { ESCALATION_REASONS } from '../../engine/analytics/resolution-metrics.js';
import { PhrasingProposalSchema } from './phrasing-proposals.js';

// The shapes analytics answers with, for /openapi.json and for tests that read them back.

const rateOrNull = z.number().min(0).max(1).nullable();
const msOrNull = z.number().nullable();

export const DurationSummarySchema = z.object({
  count: z.number().int(),
  medianMs: msOrNull,
  p90Ms: msOrNull,
  meanMs: msOrNull,
});

export const ResponseTimesSchema = z.object({
  aiFirstResponse: DurationSummarySchema,
  humanFirstResponse: DurationSummarySchema.extend({ unanswered: z.number().int() }),
  timeToPerson: DurationSummarySchema.extend({ abandoned: z.number().int() }),
  handleTime: DurationSummarySchema,
  /** Response targets missed on the desk, per target, and the conversations that missed any. */
  slaBreaches: z.object({
    firstResponse: z.number().int(),
    nextResponse: z.number().int(),
    conversations: z.number().int(),
  }),
});

const reasonRates = Object.fromEntries(
  ESCALATION_REASONS.map((reason) => [
    reason,
    z.object({ conversations: z.number().int(), rate: rateOrNull }),
  ]),
) as Record<
  (typeof ESCALATION_REASONS)[number],
  z.ZodObject<{ conversations: z.ZodNumber; rate: typeof rateOrNull }>
>;

export const ResolutionSchema = z.object({
  /** The window sessions were judged by (`reopenWindowMinutes`): rates stay null until one has passed. */
  reopenWindowMs: z.number().int(),
  conversations: z.number().int(),
  empty: z.number().int(),
  sessionsEnded: z.number().int(),
  sessionsPending: z.number().int(),
  sessionsOpen: z.number().int(),
  aiResolved: z.number().int(),
  aiResolutionRate: rateOrNull,
  aiUnanswered: z.number().int(),
  aiClosesReopened: z.number().int(),
  escalation: z.object({
    conversations: z.number().int(),
    escalated: z.number().int(),
    rate: rateOrNull,
    byReason: z.object(reasonRates),
  }),
  firstContact: z.object({ judged: z.number().int(), resolved: z.number().int(), rate: rateOrNull }),
});

export const SatisfactionSummarySchema = z.object({
  requests: z.number().int(),
  ratings: z.number().int(),
  responseRate: z.number().nullable(),
  averageScore: z.number().nullable(),
  distribution: z.tuple([z.number(), z.number(), z.number(), z.number(), z.number()]),
});

export const SatisfactionSchema = z.object({
  overall: SatisfactionSummarySchema,
  aiOnly: SatisfactionSummarySchema,
  byAgent: z.record(z.string(), SatisfactionSummarySchema),
  comments: z.array(
    z.object({
      conversationId: z.string(),
      at: z.string(),
      score: z.number(),
      comment: z.string(),
      agentId: z.string().optional(),
      /** The agent's display name, when the account still exists. */
      agentName: z.string().optional(),
      /** The name the viewer gave when the conversation opened, if any. */
      viewerName: z.string().optional(),
    }),
  ),
});

const VolumeCountSchema = z.object({ conversations: z.number().int(), handoffs: z.number().int() });
export const VolumeSchema = z.object({
  timeZone: z.string(),
  byHour: z.array(VolumeCountSchema).length(24),
  byWeekday: z.array(VolumeCountSchema).length(7),
  byWeekdayAndHour: z.array(z.array(VolumeCountSchema).length(24)).length(7),
});

export const QueueSchema = z.object({
  bucketMs: z.number(),
  buckets: z.array(
    z.object({
      start: z.string(),
      arrivals: z.number().int(),
      averageLength: z.number(),
      maxLength: z.number().int(),
      accepted: z.number().int(),
      medianWaitMs: msOrNull,
      maxWaitMs: msOrNull,
    }),
  ),
});

export const AgentsSchema = z.object({
  agents: z.array(
    z.object({
      agentId: z.string(),
      /** The agent's display name, when the account still exists. */
      agentName: z.string().optional(),
      conversationsHandled: z.number().int(),
      medianFirstResponseMs: msOrNull,
      medianHandleMs: msOrNull,
      messages: z.number().int(),
      averageScore: z.number().nullable(),
      ratings: z.number().int(),
      responseRate: z.number().nullable(),
    }),
  ),
});

export const GapsSchema = z.object({
  questions: z.number().int(),
  distinct: z.number().int(),
  leftOut: z.number().int(),
  clusters: z.array(
    z.object({
      label: z.string(),
      count: z.number().int(),
      conversations: z.number().int(),
      signals: z.object({
        decline: z.number().int(),
        clarify: z.number().int(),
        low_confidence: z.number().int(),
      }),
      examples: z.array(z.object({ question: z.string(), count: z.number().int() })),
      questions: z.array(z.string()),
      firstAt: z.string(),
      lastAt: z.string(),
    }),
  ),
});

/** The envelope of every metric: what it covers, when it was computed, then `data`. */
export function metricResultSchema<Data extends z.ZodType>(metric: string, data: Data) {
  return z.object({
    metric: z.literal(metric),
    from: z.string(),
    to: z.string(),
    filter: z.object({
      roomId: z.string().optional(),
      scenario: z.string().optional(),
      team: z.string().optional(),
      agentId: z.string().optional(),
    }),
    conversations: z.number().int(),
    generatedAt: z.string(),
    data,
  });
}

export const METRIC_SCHEMAS = {
  'response-times': ResponseTimesSchema,
  resolution: ResolutionSchema,
  satisfaction: SatisfactionSchema,
  volume: VolumeSchema,
  queue: QueueSchema,
  agents: AgentsSchema,
  gaps: GapsSchema,
} as const;

export const ProposalListSchema = z.object({
  proposals: z.array(PhrasingProposalSchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
