import { agentTable, type AgentRow } from '../../engine/analytics/agent-table.js';
import { matchesFilter } from '../../engine/analytics/analytics-filter.js';
import type { ConversationTimeline } from '../../engine/analytics/conversation-timeline.js';
import { clusterGapQuestions, type GapReport } from '../../engine/analytics/knowledge-gaps.js';
import { inputsFor, type TimelineMetric } from '../../engine/analytics/metric-inputs.js';
import { queueOverTime, type QueueBucket } from '../../engine/analytics/queue-metrics.js';
import { resolutionMetrics, type ResolutionMetrics } from '../../engine/analytics/resolution-metrics.js';
import { responseTimes, type ResponseTimes } from '../../engine/analytics/response-times.js';
import {
  satisfactionMetrics,
  type SatisfactionComment,
  type SatisfactionMetrics,
} from '../../engine/analytics/satisfaction-metrics.js';
import { volumeMetrics, type VolumeMetrics } from '../../engine/analytics/volume-metrics.js';
import type { CallOptions } from '../../knowledge/ports.js';
import type { AnalyticsQuery } from './analytics-query.js';
import type { AnalyticsReader } from './analytics-reader.js';
import type { GapEmbeddingSource } from './gap-embedding.js';
import { ResultCache } from './result-cache.js';

export const METRIC_NAMES = [
  'response-times',
  'resolution',
  'satisfaction',
  'volume',
  'queue',
  'agents',
  'gaps',
] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

/** Names are added beside the ids on the way out (with-display-names.ts); absent for unknown ids. */
export type NamedAgentRow = AgentRow & { agentName?: string };
export type NamedSatisfactionComment = SatisfactionComment & { agentName?: string; viewerName?: string };

export interface MetricData {
  'response-times': ResponseTimes;
  /** With the reopen window it was judged by, so a reader can say what an empty rate waits for. */
  resolution: ResolutionMetrics & { reopenWindowMs: number };
  satisfaction: Omit<SatisfactionMetrics, 'comments'> & { comments: NamedSatisfactionComment[] };
  volume: VolumeMetrics;
  queue: { bucketMs: number; buckets: QueueBucket[] };
  agents: { agents: NamedAgentRow[] };
  gaps: GapReport;
}

/** Every answer says what it covers and when it was computed. */
export interface MetricResult<Name extends MetricName> {
  metric: Name;
  from: string;
  to: string;
  filter: { roomId?: string; scenario?: string; team?: string; agentId?: string };
  /** Conversations opened in the range that passed the filter (gaps: questions found). */
  conversations: number;
  generatedAt: string;
  data: MetricData[Name];
}

export interface AnalyticsSettings {
  /** Cosine similarity from which gap questions are one cluster. */
  gapMinSimilarity: number;
  /** Distinct gap wordings read per request, most asked first. */
  maxGapWordings: number;
  /** How long an answer is reused for the same query. */
  cacheTtlMs: number;
}

export interface AnalyticsServiceOptions {
  reader: AnalyticsReader;
  gapEmbedding: GapEmbeddingSource;
  settings: AnalyticsSettings;
  clock: () => Date;
}

export interface AnalyticsService {
  metric<Name extends MetricName>(
    name: Name,
    query: AnalyticsQuery,
    options?: CallOptions,
  ): Promise<MetricResult<Name>>;
}

function filterOf(query: AnalyticsQuery): MetricResult<MetricName>['filter'] {
  return Object.fromEntries(
    Object.entries({
      roomId: query.roomId,
      scenario: query.scenario,
      team: query.team,
      agentId: query.agentId,
    }).filter(([, value]) => value !== undefined),
  );
}

/** Computes metrics from the event log on request: the engine's definitions over the reader's timelines. */
export function createAnalyticsService(options: AnalyticsServiceOptions): AnalyticsService {
  const { reader, clock, settings } = options;
  const cache = new ResultCache<MetricResult<MetricName>>({
    ttlMs: settings.cacheTtlMs,
    maxEntries: 64,
    nowMs: () => clock().getTime(),
  });

  const timelines = async (
    metric: TimelineMetric,
    query: AnalyticsQuery,
  ): Promise<{ conversations: number; timelines: ConversationTimeline[] }> => {
    const inputs = inputsFor(metric, query);
    const read = await reader.timelines({
      from: query.from,
      to: query.to,
      roomId: query.roomId,
      scenario: query.scenario,
      ...inputs,
    });
    if (query.team === undefined && query.agentId === undefined) return read;
    const matching = read.timelines.filter((timeline) => matchesFilter(timeline, query));
    return { conversations: matching.length, timelines: matching };
  };

  const compute = async (
    name: MetricName,
    query: AnalyticsQuery,
    callOptions: CallOptions,
  ): Promise<{ conversations: number; data: MetricData[MetricName] }> => {
    const asOfMs = clock().getTime();
    const sessions = { reopenWindowMs: query.reopenWindowMs, asOfMs };
    if (name === 'gaps') {
      const wordings = await reader.gapWordings({
        from: query.from,
        to: query.to,
        roomId: query.roomId,
        scenario: query.scenario,
        limit: settings.maxGapWordings,
      });
      const embedding = await options.gapEmbedding.get(callOptions);
      const report = await clusterGapQuestions(wordings, {
        ...embedding,
        minSimilarity: settings.gapMinSimilarity,
        ...(callOptions.signal ? { signal: callOptions.signal } : {}),
      });
      return { conversations: report.questions, data: report };
    }
    const { conversations, timelines: read } = await timelines(name, query);
    switch (name) {
      case 'response-times':
        return { conversations, data: responseTimes(read) };
      case 'resolution':
        return {
          conversations,
          data: { ...resolutionMetrics(read, sessions), reopenWindowMs: query.reopenWindowMs },
        };
      case 'satisfaction':
        return { conversations, data: satisfactionMetrics(read, sessions) };
      case 'volume':
        return { conversations, data: volumeMetrics(read, query.timeZone) };
      case 'queue':
        return {
          conversations,
          data: {
            bucketMs: query.bucketMs,
            buckets: queueOverTime(read, {
              fromMs: Date.parse(query.from),
              toMs: Date.parse(query.to),
              bucketMs: query.bucketMs,
              asOfMs,
            }),
          },
        };
      case 'agents':
        return { conversations, data: { agents: agentTable(read, sessions) } };
    }
  };

  return {
    metric<Name extends MetricName>(name: Name, query: AnalyticsQuery, callOptions: CallOptions = {}) {
      const { format: _format, table: _table, ...shape } = query;
      const key = `${name}:${JSON.stringify(shape)}`;
      return cache.get(key, async () => {
        const { conversations, data } = await compute(name, query, callOptions);
        return {
          metric: name,
          from: query.from,
          to: query.to,
          filter: filterOf(query),
          conversations,
          generatedAt: clock().toISOString(),
          data,
        };
      }) as Promise<MetricResult<Name>>;
    },
  };
}
