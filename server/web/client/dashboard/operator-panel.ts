import { h, replaceChildren, byId } from '../shared/dom.js';
import type { AnalyticsApi, Query } from './analytics-api.js';
import { COLORS, ChartBoard } from './dashboard-charts.js';
import {
  formatDuration,
  formatPercent,
  formatScore,
  REASON_LABELS,
  WEEKDAY_LABELS,
} from './format-figures.js';

function kpi(label: string, value: string, detail: string): HTMLElement {
  return h('div', { className: 'kpi card' }, [
    h('span', { className: 'label', text: label }),
    h('span', { className: 'value', text: value }),
    h('span', { className: 'detail', text: detail }),
  ]);
}

/** Bucket labels in the reader's time zone: a day per bucket shows the date, shorter buckets the time too. */
function bucketLabel(iso: string, bucketMs: number, timeZone: string): string {
  const options: Intl.DateTimeFormatOptions =
    bucketMs >= 86_400_000
      ? { month: 'short', day: 'numeric', timeZone }
      : { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone };
  return new Date(iso).toLocaleString([], options);
}

/** Key figures, charts, the agent table and the latest comments, for supervisors and admins. */
export class OperatorPanel {
  private readonly charts = new ChartBoard();

  constructor(private readonly api: AnalyticsApi) {}

  async load(query: Query, bucketMs: number): Promise<number> {
    const [response, resolution, satisfaction, volume, queue, agents] = await Promise.all([
      this.api.responseTimes(query),
      this.api.resolution(query),
      this.api.satisfaction(query),
      this.api.volume(query),
      this.api.queue({ ...query, bucketMinutes: String(Math.round(bucketMs / 60_000)) }),
      this.api.agents(query),
    ]);
    const times = response.data;
    const resolved = resolution.data;
    const scores = satisfaction.data;
    replaceChildren(byId('kpis', HTMLElement), [
      kpi('Conversations', String(response.conversations), `${resolved.escalation.escalated} went to people`),
      kpi(
        'AI first response',
        formatDuration(times.aiFirstResponse.medianMs),
        `median · p90 ${formatDuration(times.aiFirstResponse.p90Ms)}`,
      ),
      kpi(
        'Human first response',
        formatDuration(times.humanFirstResponse.medianMs),
        `median · p90 ${formatDuration(times.humanFirstResponse.p90Ms)}`,
      ),
      kpi(
        'Time to a person',
        formatDuration(times.timeToPerson.medianMs),
        `median · ${times.timeToPerson.abandoned} gave up`,
      ),
      kpi(
        'AI resolution',
        formatPercent(resolved.aiResolutionRate),
        `${resolved.aiResolved} of ${resolved.sessionsEnded} ended`,
      ),
      kpi(
        'Escalation rate',
        formatPercent(resolved.escalation.rate),
        `${resolved.escalation.escalated} conversations`,
      ),
      kpi(
        'First-contact resolution',
        formatPercent(resolved.firstContact.rate),
        `${resolved.firstContact.judged} judged`,
      ),
      kpi(
        'Satisfaction',
        formatScore(scores.overall.averageScore),
        `${formatPercent(scores.overall.responseRate)} answered`,
      ),
    ]);

    const reasons = Object.entries(resolved.escalation.byReason);
    this.charts.draw('chart-escalations', {
      type: 'bar',
      data: {
        labels: reasons.map(([reason]) => REASON_LABELS[reason] ?? reason),
        datasets: [
          {
            label: 'Conversations',
            data: reasons.map(([, value]) => value.conversations),
            backgroundColor: COLORS.warn,
          },
        ],
      },
      options: { indexAxis: 'y', plugins: { legend: { display: false } } },
    });
    this.charts.draw('chart-satisfaction', {
      type: 'bar',
      data: {
        labels: ['1', '2', '3', '4', '5'],
        datasets: [
          {
            label: 'With people',
            data: scores.overall.distribution.map(
              (count, index) => count - (scores.aiOnly.distribution[index] ?? 0),
            ),
            backgroundColor: COLORS.person,
          },
          { label: 'AI only', data: scores.aiOnly.distribution, backgroundColor: COLORS.ai },
        ],
      },
      options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } },
    });
    const hourLabels = volume.data.byHour.map((_, hour) => String(hour).padStart(2, '0'));
    this.charts.draw('chart-hours', {
      type: 'bar',
      data: {
        labels: hourLabels,
        datasets: [
          {
            label: 'Conversations',
            data: volume.data.byHour.map((count) => count.conversations),
            backgroundColor: COLORS.ai,
          },
          {
            label: 'Handoffs',
            data: volume.data.byHour.map((count) => count.handoffs),
            backgroundColor: COLORS.person,
          },
        ],
      },
    });
    this.charts.draw('chart-weekdays', {
      type: 'bar',
      data: {
        labels: WEEKDAY_LABELS,
        datasets: [
          {
            label: 'Conversations',
            data: volume.data.byWeekday.map((count) => count.conversations),
            backgroundColor: COLORS.ai,
          },
          {
            label: 'Handoffs',
            data: volume.data.byWeekday.map((count) => count.handoffs),
            backgroundColor: COLORS.person,
          },
        ],
      },
    });
    this.charts.draw('chart-queue', {
      type: 'line',
      data: {
        labels: queue.data.buckets.map((bucket) => bucketLabel(bucket.start, bucketMs, volume.data.timeZone)),
        datasets: [
          {
            label: 'Average waiting',
            data: queue.data.buckets.map((bucket) => bucket.averageLength),
            borderColor: COLORS.ai,
            backgroundColor: COLORS.ai,
            pointRadius: 0,
            yAxisID: 'y',
          },
          {
            label: 'Most waiting',
            data: queue.data.buckets.map((bucket) => bucket.maxLength),
            borderColor: COLORS.warn,
            backgroundColor: COLORS.warn,
            pointRadius: 0,
            yAxisID: 'y',
          },
          {
            label: 'Median wait (min)',
            data: queue.data.buckets.map((bucket) =>
              bucket.medianWaitMs === null ? null : bucket.medianWaitMs / 60_000,
            ),
            borderColor: COLORS.person,
            backgroundColor: COLORS.person,
            pointRadius: 2,
            spanGaps: true,
            yAxisID: 'wait',
          },
        ],
      },
      options: {
        scales: {
          y: { beginAtZero: true, title: { display: true, text: 'conversations' } },
          wait: {
            position: 'right',
            beginAtZero: true,
            grid: { drawOnChartArea: false },
            title: { display: true, text: 'minutes' },
          },
        },
      },
    });
    const measures: [string, { medianMs: number | null; p90Ms: number | null }][] = [
      ['AI first response', times.aiFirstResponse],
      ['Human first response', times.humanFirstResponse],
      ['Time to a person', times.timeToPerson],
      ['Handle time', times.handleTime],
    ];
    this.charts.draw('chart-response', {
      type: 'bar',
      data: {
        labels: measures.map(([label]) => label),
        datasets: [
          {
            label: 'Median (s)',
            data: measures.map(([, value]) => (value.medianMs ?? 0) / 1000),
            backgroundColor: COLORS.ai,
          },
          {
            label: '90th percentile (s)',
            data: measures.map(([, value]) => (value.p90Ms ?? 0) / 1000),
            backgroundColor: COLORS.muted,
          },
        ],
      },
    });

    const rows = agents.data.agents.map((row) =>
      h('tr', {}, [
        h('td', { text: row.agentId }),
        h('td', { className: 'number', text: String(row.conversationsHandled) }),
        h('td', { className: 'number', text: formatDuration(row.medianFirstResponseMs) }),
        h('td', { className: 'number', text: formatDuration(row.medianHandleMs) }),
        h('td', { className: 'number', text: String(row.messages) }),
        h('td', { className: 'number', text: formatScore(row.averageScore) }),
        h('td', { className: 'number', text: String(row.ratings) }),
      ]),
    );
    replaceChildren(
      byId('agent-rows', HTMLElement),
      rows.length > 0 ? rows : [emptyRow(7, 'No agent handled a conversation in this range.')],
    );
    const comments = scores.comments.slice(0, 12).map((comment) =>
      h('li', {}, [
        h('span', { className: 'score', text: `${comment.score}★` }),
        h('span', { text: comment.comment }),
        h('div', {
          className: 'muted',
          text: `${new Date(comment.at).toLocaleString()}${comment.agentId ? ` · ${comment.agentId}` : ' · AI'}`,
        }),
      ]),
    );
    replaceChildren(
      byId('comments', HTMLElement),
      comments.length > 0 ? comments : [h('li', { className: 'muted', text: 'No comments yet.' })],
    );
    return response.conversations;
  }
}

export function emptyRow(columns: number, text: string): HTMLTableRowElement {
  return h('tr', { className: 'empty-row' }, [h('td', { text, attributes: { colspan: String(columns) } })]);
}
