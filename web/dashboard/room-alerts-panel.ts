import * as z from 'zod/mini';
import type { ApiClient } from '../shared/api-client.js';
import { byId, h, replaceChildren, show } from '../shared/dom.js';
import type { UiLanguage } from '../shared/ui-language.js';
import type { Query } from './analytics-api.js';
import { formatFigures, MISSING } from './format-figures.js';

const StatsSchema = z.object({
  total: z.number(),
  acknowledged: z.number(),
  byRoomAndKind: z.array(
    z.object({ platformId: z.string(), roomId: z.string(), kind: z.string(), count: z.number() }),
  ),
  timeToAcknowledgeMs: z.object({ median: z.nullable(z.number()), p90: z.nullable(z.number()) }),
});

const KINDS: Record<UiLanguage, Record<string, string>> = {
  en: {
    flood: 'Flood',
    ad: 'Ads / spam',
    abuse: 'Abuse',
    threat: 'Threat',
    dispute: 'Dispute',
    minor: "Minor's spending",
  },
  zh: { flood: '刷屏', ad: '广告引流', abuse: '辱骂', threat: '威胁', dispute: '纠纷', minor: '未成年消费' },
};
const WORDS = {
  en: {
    summary: (total: number, acknowledged: number, median: string, p90: string) =>
      `${total} alerts, ${acknowledged} acknowledged; time to acknowledge median ${median}, p90 ${p90}`,
    none: 'No room alerts in this range.',
  },
  zh: {
    summary: (total: number, acknowledged: number, median: string, p90: string) =>
      `共 ${total} 条告警，已确认 ${acknowledged} 条；确认用时中位数 ${median}，p90 ${p90}`,
    none: '这段时间没有房间告警。',
  },
} as const;

/** The danmaku watch's figures on the operator dashboard (issue 16): alerts per room and kind, time to acknowledge. */
export class RoomAlertsPanel {
  private readonly api: ApiClient;
  private readonly language: UiLanguage;

  constructor(api: ApiClient, language: UiLanguage) {
    this.api = api;
    this.language = language;
  }

  async load(query: Query): Promise<void> {
    const range = new URLSearchParams();
    if (query.from) range.set('from', query.from);
    if (query.to) range.set('to', query.to);
    if (query.room) range.set('roomId', query.room);
    const stats = await this.api.request('GET', `/api/room-alerts/stats?${range.toString()}`, StatsSchema);
    const words = WORDS[this.language];
    const figures = formatFigures(this.language === 'zh' ? 'zh-CN' : 'en-GB');
    const duration = (ms: number | null) => figures.duration(ms) ?? MISSING;
    byId('room-alerts-summary', HTMLElement).textContent =
      stats.total === 0
        ? words.none
        : words.summary(
            stats.total,
            stats.acknowledged,
            duration(stats.timeToAcknowledgeMs.median),
            duration(stats.timeToAcknowledgeMs.p90),
          );
    show(byId('room-alerts-table', HTMLTableElement), stats.total > 0);
    replaceChildren(
      byId('room-alert-rows', HTMLTableSectionElement),
      stats.byRoomAndKind
        .slice(0, 20)
        .map((row) =>
          h('tr', {}, [
            h('td', { text: `${row.platformId} / ${row.roomId}` }),
            h('td', { text: KINDS[this.language][row.kind] ?? row.kind }),
            h('td', { className: 'number', text: String(row.count) }),
          ]),
        ),
    );
  }
}
