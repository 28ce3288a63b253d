import { formatCsv } from '../../knowledge/io/format-csv.js';
import type { MetricName, MetricResult } from './analytics-service.js';

/** The table a metric exports; `comments` is satisfaction's second table. */
export type CsvTable = 'main' | 'comments';

type Cell = string | number | null | undefined;

/**
 * Text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, return) is prefixed with `'`, so a
 * viewer's comment cannot become a formula in the supervisor's spreadsheet (OWASP CSV injection).
 */
function text(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function cell(value: Cell): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'number'
    ? Number.isInteger(value)
      ? String(value)
      : value.toFixed(6)
    : text(value);
}

function table(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return formatCsv([header, ...rows.map((row) => row.map(cell))]);
}

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** One metric as CSV (RFC 4180, CRLF), a header row first. */
export function metricCsv(result: MetricResult<MetricName>, tableName: CsvTable = 'main'): string {
  switch (result.metric) {
    case 'response-times': {
      const data = (result as MetricResult<'response-times'>).data;
      const rows: [string, typeof data.aiFirstResponse, Cell][] = [
        ['ai_first_response', data.aiFirstResponse, null],
        ['human_first_response', data.humanFirstResponse, data.humanFirstResponse.unanswered],
        ['time_to_person', data.timeToPerson, data.timeToPerson.abandoned],
        ['handle_time', data.handleTime, null],
      ];
      const breaches = data.slaBreaches;
      return table(
        ['measure', 'count', 'median_ms', 'p90_ms', 'mean_ms', 'unanswered_or_abandoned'],
        [
          ...rows.map(([name, summary, extra]) => [
            name,
            summary.count,
            summary.medianMs,
            summary.p90Ms,
            summary.meanMs,
            extra,
          ]),
          ['sla_breaches_first_response', breaches.firstResponse, null, null, null, null],
          ['sla_breaches_next_response', breaches.nextResponse, null, null, null, null],
          ['sla_breached_conversations', breaches.conversations, null, null, null, null],
        ],
      );
    }
    case 'resolution': {
      const data = (result as MetricResult<'resolution'>).data;
      return table(
        ['measure', 'count', 'rate'],
        [
          ['conversations', data.conversations, null],
          ['empty_conversations', data.empty, null],
          ['sessions_ended', data.sessionsEnded, null],
          ['sessions_pending', data.sessionsPending, null],
          ['sessions_open', data.sessionsOpen, null],
          ['ai_resolved', data.aiResolved, data.aiResolutionRate],
          ['ai_unanswered', data.aiUnanswered, null],
          ['ai_closes_reopened', data.aiClosesReopened, null],
          ['first_contact_judged', data.firstContact.judged, null],
          ['first_contact_resolved', data.firstContact.resolved, data.firstContact.rate],
          ['escalated', data.escalation.escalated, data.escalation.rate],
          ...Object.entries(data.escalation.byReason).map(([reason, value]): Cell[] => [
            `escalated_${reason}`,
            value.conversations,
            value.rate,
          ]),
        ],
      );
    }
    case 'satisfaction': {
      const data = (result as MetricResult<'satisfaction'>).data;
      if (tableName === 'comments')
        return table(
          ['at', 'conversation_id', 'agent_id', 'agent_name', 'viewer_name', 'score', 'comment'],
          data.comments.map((comment) => [
            comment.at,
            comment.conversationId,
            comment.agentId,
            comment.agentName,
            comment.viewerName,
            comment.score,
            comment.comment,
          ]),
        );
      const scopes: [string, typeof data.overall][] = [
        ['overall', data.overall],
        ['ai_only', data.aiOnly],
        ...Object.entries(data.byAgent).map(([agentId, summary]): [string, typeof data.overall] => [
          `agent:${agentId}`,
          summary,
        ]),
      ];
      return table(
        [
          'scope',
          'requests',
          'ratings',
          'response_rate',
          'average_score',
          'score_1',
          'score_2',
          'score_3',
          'score_4',
          'score_5',
        ],
        scopes.map(([scope, summary]) => [
          scope,
          summary.requests,
          summary.ratings,
          summary.responseRate,
          summary.averageScore,
          ...summary.distribution,
        ]),
      );
    }
    case 'volume': {
      const data = (result as MetricResult<'volume'>).data;
      return table(
        ['weekday', 'hour', 'conversations', 'handoffs', 'time_zone'],
        data.byWeekdayAndHour.flatMap((hours, day) =>
          hours.map((count, hour) => [
            WEEKDAYS[day],
            hour,
            count.conversations,
            count.handoffs,
            data.timeZone,
          ]),
        ),
      );
    }
    case 'queue': {
      const data = (result as MetricResult<'queue'>).data;
      return table(
        [
          'bucket_start',
          'arrivals',
          'average_length',
          'max_length',
          'accepted',
          'median_wait_ms',
          'max_wait_ms',
        ],
        data.buckets.map((bucket) => [
          bucket.start,
          bucket.arrivals,
          bucket.averageLength,
          bucket.maxLength,
          bucket.accepted,
          bucket.medianWaitMs,
          bucket.maxWaitMs,
        ]),
      );
    }
    case 'agents': {
      const data = (result as MetricResult<'agents'>).data;
      return table(
        [
          'agent_id',
          'agent_name',
          'conversations_handled',
          'median_first_response_ms',
          'median_handle_ms',
          'messages',
          'average_score',
          'ratings',
          'response_rate',
        ],
        data.agents.map((row) => [
          row.agentId,
          row.agentName,
          row.conversationsHandled,
          row.medianFirstResponseMs,
          row.medianHandleMs,
          row.messages,
          row.averageScore,
          row.ratings,
          row.responseRate,
        ]),
      );
    }
    case 'gaps': {
      const data = (result as MetricResult<'gaps'>).data;
      return table(
        [
          'rank',
          'label',
          'count',
          'conversations',
          'declined',
          'clarified',
          'low_confidence',
          'first_at',
          'last_at',
          'examples',
        ],
        data.clusters.map((cluster, index) => [
          index + 1,
          cluster.label,
          cluster.count,
          cluster.conversations,
          cluster.signals.decline,
          cluster.signals.clarify,
          cluster.signals.low_confidence,
          cluster.firstAt,
          cluster.lastAt,
          cluster.examples.map((example) => `${example.question} (${example.count})`).join(' | '),
        ]),
      );
    }
  }
}
