// zod/mini, as the other pages: only the fields this page draws are checked.
import * as z from 'zod/mini';
import type { ApiClient } from '../shared/api-client.js';
import { downloadText, fetchText } from '../shared/download.js';

const summary = z.object({
  count: z.number(),
  medianMs: z.nullable(z.number()),
  p90Ms: z.nullable(z.number()),
  meanMs: z.nullable(z.number()),
});
const satisfactionSummary = z.object({
  requests: z.number(),
  ratings: z.number(),
  responseRate: z.nullable(z.number()),
  averageScore: z.nullable(z.number()),
  distribution: z.array(z.number()),
});
const volumeCount = z.object({ conversations: z.number(), handoffs: z.number() });

const envelope = <T extends z.ZodMiniType>(data: T) =>
  z.object({ conversations: z.number(), from: z.string(), to: z.string(), data });

export const ResponseTimesResult = envelope(
  z.object({
    aiFirstResponse: summary,
    humanFirstResponse: z.extend(summary, { unanswered: z.number() }),
    timeToPerson: z.extend(summary, { abandoned: z.number() }),
    handleTime: summary,
    slaBreaches: z.object({
      firstResponse: z.number(),
      nextResponse: z.number(),
      conversations: z.number(),
    }),
  }),
);
export const ResolutionResult = envelope(
  z.object({
    conversations: z.number(),
    sessionsEnded: z.number(),
    sessionsPending: z.number(),
    sessionsOpen: z.number(),
    reopenWindowMs: z.number(),
    aiResolved: z.number(),
    aiResolutionRate: z.nullable(z.number()),
    aiUnanswered: z.number(),
    escalation: z.object({
      escalated: z.number(),
      rate: z.nullable(z.number()),
      byReason: z.record(z.string(), z.object({ conversations: z.number(), rate: z.nullable(z.number()) })),
    }),
    firstContact: z.object({ judged: z.number(), resolved: z.number(), rate: z.nullable(z.number()) }),
  }),
);
export const SatisfactionResult = envelope(
  z.object({
    overall: satisfactionSummary,
    aiOnly: satisfactionSummary,
    comments: z.array(
      z.object({
        at: z.string(),
        score: z.number(),
        comment: z.string(),
        agentId: z.optional(z.string()),
        agentName: z.optional(z.string()),
        viewerName: z.optional(z.string()),
      }),
    ),
  }),
);
export const VolumeResult = envelope(
  z.object({ timeZone: z.string(), byHour: z.array(volumeCount), byWeekday: z.array(volumeCount) }),
);
export const QueueResult = envelope(
  z.object({
    buckets: z.array(
      z.object({
        start: z.string(),
        arrivals: z.number(),
        averageLength: z.number(),
        maxLength: z.number(),
        medianWaitMs: z.nullable(z.number()),
      }),
    ),
  }),
);
export const AgentsResult = envelope(
  z.object({
    agents: z.array(
      z.object({
        agentId: z.string(),
        agentName: z.optional(z.string()),
        conversationsHandled: z.number(),
        medianFirstResponseMs: z.nullable(z.number()),
        medianHandleMs: z.nullable(z.number()),
        messages: z.number(),
        averageScore: z.nullable(z.number()),
        ratings: z.number(),
      }),
    ),
  }),
);
export const GapsResult = envelope(
  z.object({
    questions: z.number(),
    distinct: z.number(),
    clusters: z.array(
      z.object({
        label: z.string(),
        count: z.number(),
        conversations: z.number(),
        signals: z.object({ decline: z.number(), clarify: z.number(), low_confidence: z.number() }),
        examples: z.array(z.object({ question: z.string(), count: z.number() })),
        questions: z.array(z.string()),
      }),
    ),
  }),
);
export const ProposalsResult = z.object({
  proposals: z.array(
    z.object({
      id: z.number(),
      entryId: z.string(),
      question: z.string(),
      seen: z.number(),
      updatedAt: z.string(),
    }),
  ),
  total: z.number(),
});
const DecisionResult = z.object({ proposal: z.object({ id: z.number(), status: z.string() }) });
const ScanResult = z.object({ answers: z.number(), proposed: z.number() });

export type Query = Record<string, string>;

const path = (metric: string, query: Query) =>
  `/api/analytics/${metric}?${new URLSearchParams(query).toString()}`;

/** The analytics and learning-loop endpoints this page uses. */
export function createAnalyticsApi(api: ApiClient, token: () => string | undefined) {
  return {
    responseTimes: (query: Query) => api.request('GET', path('response-times', query), ResponseTimesResult),
    resolution: (query: Query) => api.request('GET', path('resolution', query), ResolutionResult),
    satisfaction: (query: Query) => api.request('GET', path('satisfaction', query), SatisfactionResult),
    volume: (query: Query) => api.request('GET', path('volume', query), VolumeResult),
    queue: (query: Query) => api.request('GET', path('queue', query), QueueResult),
    agents: (query: Query) => api.request('GET', path('agents', query), AgentsResult),
    gaps: (query: Query) => api.request('GET', path('gaps', query), GapsResult),
    proposals: () => api.request('GET', '/api/knowledge/proposals?status=pending&limit=50', ProposalsResult),
    scan: () => api.request('POST', '/api/knowledge/proposals/scan', ScanResult),
    decide: (id: number, decision: 'approve' | 'reject') =>
      api.request('POST', `/api/knowledge/proposals/${id}/${decision}`, DecisionResult),
    /** Saves one metric as a CSV file. */
    async downloadCsv(metric: string, query: Query, table?: string): Promise<void> {
      const csvQuery = { ...query, format: 'csv', ...(table ? { table } : {}) };
      const text = await fetchText(path(metric, csvQuery), token());
      const name = `livedesk-${metric}${table ? `-${table}` : ''}-${query.from?.slice(0, 10) ?? ''}.csv`;
      downloadText(text, name, 'text/csv');
    },
  };
}
export type AnalyticsApi = ReturnType<typeof createAnalyticsApi>;
export type GapCluster = z.infer<typeof GapsResult>['data']['clusters'][number];
export type AgentRow = z.infer<typeof AgentsResult>['data']['agents'][number];
export type SatisfactionComment = z.infer<typeof SatisfactionResult>['data']['comments'][number];
