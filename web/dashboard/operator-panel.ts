import { h, replaceChildren, byId } from '../shared/dom.js';
import type { AgentRow, AnalyticsApi, Query, SatisfactionComment } from './analytics-api.js';
import { COLORS, ChartBoard } from './dashboard-charts.js';
import type { DashboardTexts } from './dashboard-texts.js';
import { formatFigures, MISSING, type FigureFormat } from './format-figures.js';

/** A key figure: its value, or "–" with the reason in words right under it (never a bare dash). */
function kpi(label: string, value: string | null, detail: string, why: string): HTMLElement {
  return h('div', { className: 'kpi card' }, [
    h('span', { className: 'label', text: label }),
    value === null
      ? h('span', { className: 'value missing', text: MISSING, title: why })
      : h('span', { className: 'value', text: value }),
    value === null
      ? h('span', { className: 'detail why', text: why })
      : h('span', { className: 'detail', text: detail }),
  ]);
}

/** A table cell for a figure that may be missing: "–" carries its reason as a tooltip. */
function figureCell(value: string | null, why: string): HTMLTableCellElement {
  return value === null
    ? h('td', { className: 'number' }, [
        h('span', { className: 'missing', text: MISSING, title: why, attributes: { tabindex: '0' } }),
      ])
    : h('td', { className: 'number', text: value });
}

/** Bucket labels in the reader's time zone: a day per bucket shows the date, shorter buckets the time too. */
function bucketLabel(iso: string, bucketMs: number, timeZone: string, locale: string): string {
  const options: Intl.DateTimeFormatOptions =
    bucketMs >= 86_400_000
      ? { month: 'short', day: 'numeric', timeZone }
      : { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone };
  return new Date(iso).toLocaleString(locale, options);
}

/** Key figures, charts, the agent table and the latest comments, for supervisors and admins. */
export class OperatorPanel {
  private readonly charts = new ChartBoard();
  private readonly format: FigureFormat;

  constructor(
    private readonly api: AnalyticsApi,
    private readonly texts: DashboardTexts,
  ) {
    this.format = formatFigures(texts.locale);
  }

  async load(query: Query, bucketMs: number): Promise<number> {
    const [response, resolution, satisfaction, volume, queue, agents] = await Promise.all([
      this.api.responseTimes(query),
      this.api.resolution(query),
      this.api.satisfaction(query),
      this.api.volume(query),
      this.api.queue({ ...query, bucketMinutes: String(Math.round(bucketMs / 60_000)) }),
      this.api.agents(query),
    ]);
    const { texts, format } = this;
    const times = response.data;
    const resolved = resolution.data;
    const scores = satisfaction.data;
    const missing = texts.missing;
    const window = format.window(resolved.reopenWindowMs);
    const p90 = (value: number | null) => texts.kpi.medianP90(format.duration(value) ?? MISSING);
    const averageScore = format.score(scores.overall.averageScore);
    replaceChildren(byId('kpis', HTMLElement), [
      kpi(
        texts.kpi.conversations,
        format.count(response.conversations),
        texts.kpi.wentToPeople(format.count(resolved.escalation.escalated)),
        '',
      ),
      kpi(
        texts.kpi.aiFirstResponse,
        format.duration(times.aiFirstResponse.medianMs),
        p90(times.aiFirstResponse.p90Ms),
        missing.aiFirstResponse,
      ),
      kpi(
        texts.kpi.humanFirstResponse,
        format.duration(times.humanFirstResponse.medianMs),
        p90(times.humanFirstResponse.p90Ms),
        missing.humanFirstResponse(format.count(times.humanFirstResponse.unanswered)),
      ),
      kpi(
        texts.kpi.timeToPerson,
        format.duration(times.timeToPerson.medianMs),
        texts.kpi.medianGaveUp(format.count(times.timeToPerson.abandoned)),
        missing.timeToPerson(format.count(times.timeToPerson.abandoned)),
      ),
      kpi(
        texts.kpi.aiResolution,
        format.percent(resolved.aiResolutionRate),
        texts.kpi.resolvedOfEnded(format.count(resolved.aiResolved), format.count(resolved.sessionsEnded)),
        missing.aiResolution(
          window,
          format.count(resolved.sessionsOpen),
          format.count(resolved.sessionsPending),
        ),
      ),
      kpi(
        texts.kpi.escalationRate,
        format.percent(resolved.escalation.rate),
        texts.kpi.escalatedConversations(format.count(resolved.escalation.escalated)),
        missing.escalation,
      ),
      kpi(
        texts.kpi.firstContact,
        format.percent(resolved.firstContact.rate),
        texts.kpi.judged(format.count(resolved.firstContact.judged)),
        missing.firstContact(window),
      ),
      kpi(
        texts.kpi.slaBreaches,
        format.count(times.slaBreaches.conversations),
        texts.kpi.slaBreachKinds(
          format.count(times.slaBreaches.firstResponse),
          format.count(times.slaBreaches.nextResponse),
        ),
        '',
      ),
      kpi(
        texts.kpi.satisfaction,
        averageScore === null ? null : texts.score(averageScore),
        texts.kpi.answered(format.percent(scores.overall.responseRate) ?? MISSING),
        scores.overall.requests === 0
          ? missing.satisfactionNotAsked
          : missing.satisfactionNotRated(format.count(scores.overall.requests)),
      ),
    ]);
    this.drawCharts({ times, resolved, scores, volume: volume.data, queue: queue.data, bucketMs });
    this.renderAgents(agents.data.agents);
    this.renderComments(scores.comments);
    return response.conversations;
  }

  private drawCharts(data: {
    times: Awaited<ReturnType<AnalyticsApi['responseTimes']>>['data'];
    resolved: Awaited<ReturnType<AnalyticsApi['resolution']>>['data'];
    scores: Awaited<ReturnType<AnalyticsApi['satisfaction']>>['data'];
    volume: Awaited<ReturnType<AnalyticsApi['volume']>>['data'];
    queue: Awaited<ReturnType<AnalyticsApi['queue']>>['data'];
    bucketMs: number;
  }): void {
    const { texts, format } = this;
    const labels = texts.charts;
    const { times, resolved, scores, volume, queue, bucketMs } = data;
    const reasons = Object.entries(resolved.escalation.byReason);
    this.charts.draw('chart-escalations', {
      type: 'bar',
      data: {
        labels: reasons.map(([reason]) => texts.reasons[reason] ?? reason),
        datasets: [
          {
            label: labels.conversations,
            data: reasons.map(([, value]) => value.conversations),
            backgroundColor: COLORS.warn,
          },
        ],
      },
      options: {
        indexAxis: 'y',
        plugins: { legend: { display: false } },
        scales: { x: { ticks: { precision: 0 } } },
      },
    });
    this.charts.draw('chart-satisfaction', {
      type: 'bar',
      data: {
        labels: ['1', '2', '3', '4', '5'],
        datasets: [
          {
            label: labels.withPeople,
            data: scores.overall.distribution.map(
              (count, index) => count - (scores.aiOnly.distribution[index] ?? 0),
            ),
            backgroundColor: COLORS.person,
          },
          { label: labels.aiOnly, data: scores.aiOnly.distribution, backgroundColor: COLORS.ai },
        ],
      },
      options: {
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
    // Counts of conversations: no "0.2 of a conversation" ticks when there are few.
    const wholeCounts = { scales: { y: { ticks: { precision: 0 } } } };
    const volumeSets = (counts: readonly { conversations: number; handoffs: number }[]) => [
      {
        label: labels.conversations,
        data: counts.map((count) => count.conversations),
        backgroundColor: COLORS.ai,
      },
      { label: labels.handoffs, data: counts.map((count) => count.handoffs), backgroundColor: COLORS.person },
    ];
    this.charts.draw('chart-hours', {
      type: 'bar',
      data: {
        labels: volume.byHour.map((_, hour) => String(hour).padStart(2, '0')),
        datasets: volumeSets(volume.byHour),
      },
      options: wholeCounts,
    });
    this.charts.draw('chart-weekdays', {
      type: 'bar',
      data: { labels: [...format.weekdays], datasets: volumeSets(volume.byWeekday) },
      options: wholeCounts,
    });
    this.charts.draw('chart-queue', {
      type: 'line',
      data: {
        labels: queue.buckets.map((bucket) =>
          bucketLabel(bucket.start, bucketMs, volume.timeZone, texts.locale),
        ),
        datasets: [
          {
            label: labels.averageWaiting,
            data: queue.buckets.map((bucket) => bucket.averageLength),
            borderColor: COLORS.ai,
            backgroundColor: COLORS.ai,
            pointRadius: 0,
            yAxisID: 'y',
          },
          {
            label: labels.mostWaiting,
            data: queue.buckets.map((bucket) => bucket.maxLength),
            borderColor: COLORS.warn,
            backgroundColor: COLORS.warn,
            pointRadius: 0,
            yAxisID: 'y',
          },
          {
            label: labels.medianWaitMinutes,
            data: queue.buckets.map((bucket) =>
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
        locale: texts.locale,
        scales: {
          y: { beginAtZero: true, title: { display: true, text: labels.conversationsAxis } },
          wait: {
            position: 'right',
            beginAtZero: true,
            grid: { drawOnChartArea: false },
            title: { display: true, text: labels.minutesAxis },
          },
        },
      },
    });
    const measures: [string, { medianMs: number | null; p90Ms: number | null }][] = [
      [texts.kpi.aiFirstResponse, times.aiFirstResponse],
      [texts.kpi.humanFirstResponse, times.humanFirstResponse],
      [texts.kpi.timeToPerson, times.timeToPerson],
      [labels.handleTime, times.handleTime],
    ];
    // A measure with no sample has no bar (null), not a bar at zero that reads as "instant".
    const seconds = (value: number | null) => (value === null ? null : value / 1000);
    this.charts.draw('chart-response', {
      type: 'bar',
      data: {
        labels: measures.map(([label]) => label),
        datasets: [
          {
            label: labels.medianSeconds,
            data: measures.map(([, value]) => seconds(value.medianMs)),
            backgroundColor: COLORS.ai,
          },
          {
            label: labels.p90Seconds,
            data: measures.map(([, value]) => seconds(value.p90Ms)),
            backgroundColor: COLORS.muted,
          },
        ],
      },
      options: { locale: texts.locale },
    });
  }

  private renderAgents(agents: readonly AgentRow[]): void {
    const { texts, format } = this;
    const missing = texts.missing;
    const rows = agents.map((row) => {
      const name = h('td', { className: 'agent-name', text: row.agentName ?? row.agentId });
      // The name is what people read; the account id stays at hand for support tickets and the API.
      if (row.agentName !== undefined) name.title = row.agentId;
      name.dataset.agentId = row.agentId;
      const score = format.score(row.averageScore);
      return h('tr', {}, [
        name,
        h('td', { className: 'number', text: format.count(row.conversationsHandled) }),
        figureCell(format.duration(row.medianFirstResponseMs), missing.agentFirstResponse),
        figureCell(format.duration(row.medianHandleMs), missing.agentHandle),
        h('td', { className: 'number', text: format.count(row.messages) }),
        figureCell(score === null ? null : texts.score(score), missing.agentScore),
        h('td', { className: 'number', text: format.count(row.ratings) }),
      ]);
    });
    replaceChildren(byId('agent-rows', HTMLElement), rows.length > 0 ? rows : [emptyRow(7, texts.noAgents)]);
    const footnote = byId('agent-footnote', HTMLElement);
    footnote.textContent = missing.agentFootnote;
    footnote.hidden = !rows.some((row) => row.querySelector('.missing') !== null);
  }

  private renderComments(comments: readonly SatisfactionComment[]): void {
    const { texts } = this;
    const dateFormat = new Intl.DateTimeFormat(texts.locale, { dateStyle: 'medium', timeStyle: 'short' });
    const items = comments.slice(0, 12).map((comment) =>
      h('li', {}, [
        h('span', { className: 'score', text: `${comment.score}★` }),
        h('span', { text: comment.comment }),
        h('div', {
          className: 'muted comment-meta',
          text: [
            dateFormat.format(new Date(comment.at)),
            comment.viewerName === undefined ? '' : texts.commentViewer(comment.viewerName),
            comment.agentId === undefined
              ? texts.commentAi
              : texts.commentAgent(comment.agentName ?? comment.agentId),
          ]
            .filter(Boolean)
            .join(' · '),
        }),
      ]),
    );
    replaceChildren(
      byId('comments', HTMLElement),
      items.length > 0 ? items : [h('li', { className: 'muted', text: texts.noComments })],
    );
  }
}

export function emptyRow(columns: number, text: string): HTMLTableRowElement {
  return h('tr', { className: 'empty-row' }, [h('td', { text, attributes: { colspan: String(columns) } })]);
}
