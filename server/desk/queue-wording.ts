import { MORE_QUEUE_WORDS, type MoreQueueLanguage } from './queue-status-more.js';
import { MORE_DESK_LINES, type MoreDeskLanguage } from './queue-wording-more.js';

/**
 * How a waiting viewer is told where they stand, in their language. The server's welcome line and the
 * viewer page's banner both word it here, from the same queue facts, so the two never disagree.
 */
export interface QueueFacts {
  /** 1: next in line; 0: an agent is being asked now. */
  position: number;
  estimatedWaitMs: number | null;
  /** Online agents who could take the conversation (busy or free). */
  agentsOnline: number;
  /** How long the place is kept if the viewer leaves; null: kept for good. */
  placeKeptMs: number | null;
}

/**
 * The server's lines' languages. Traditional Chinese readers get 'zh', which the conversation converts
 * to their script (`inViewerScript`); anything unknown falls back to Chinese, as before.
 */
type QueueLanguage = 'zh' | 'en' | MoreDeskLanguage;
/** The banner's languages: the server's lines' and Traditional Chinese, which the viewer page words itself. */
export type QueueStatusLanguage = QueueLanguage | MoreQueueLanguage;

export function queueLanguage(locale: string | undefined): QueueLanguage {
  const base = locale?.toLowerCase().split('-')[0];
  if (base === 'en') return 'en';
  if (base !== undefined && Object.hasOwn(MORE_DESK_LINES, base)) return base as MoreDeskLanguage;
  return 'zh';
}

/** "约 3 分钟" / "about 3 min"; under a minute is said so rather than rounded up to a promise. */
export function waitPhrase(milliseconds: number, language: QueueStatusLanguage): string {
  if (language !== 'zh' && language !== 'en') {
    const words = MORE_QUEUE_WORDS[language];
    if (milliseconds < 60_000) return words.underMinute;
    const minutes = Math.round(milliseconds / 60_000);
    return minutes < 90 ? words.minutes(minutes) : words.hours(Math.round(minutes / 60));
  }
  if (milliseconds < 60_000) return language === 'en' ? 'under a minute' : '不到 1 分钟';
  const minutes = Math.round(milliseconds / 60_000);
  if (minutes < 90) return language === 'en' ? `about ${minutes} min` : `约 ${minutes} 分钟`;
  const hours = Math.round(minutes / 60);
  return language === 'en' ? `about ${hours} h` : `约 ${hours} 小时`;
}

/** The banner: the short line that stays on screen while the viewer waits. */
export function queueStatusLine(facts: QueueFacts, language: QueueStatusLanguage): string {
  if (language !== 'zh' && language !== 'en') {
    const words = MORE_QUEUE_WORDS[language];
    if (facts.position === 0) return words.connecting;
    if (facts.agentsOnline === 0) return words.noAgents;
    const ahead = facts.position - 1;
    const place = ahead === 0 ? words.next : words.ahead(ahead);
    if (facts.estimatedWaitMs === null) return place;
    return words.withWait(place, waitPhrase(facts.estimatedWaitMs, language));
  }
  const en = language === 'en';
  if (facts.position === 0) return en ? 'An agent is being connected now…' : '正在为你接通客服…';
  if (facts.agentsOnline === 0)
    return en
      ? 'No agent who can help is online right now; you keep your place.'
      : '暂无可接待的客服在线，已为你保留排队位置。';
  const ahead = facts.position - 1;
  const place = en
    ? ahead === 0
      ? 'You are next.'
      : `${ahead} ${ahead === 1 ? 'person' : 'people'} ahead of you.`
    : ahead === 0
      ? '下一位就是你。'
      : `你前面还有 ${ahead} 位。`;
  if (facts.estimatedWaitMs === null) return place;
  const wait = waitPhrase(facts.estimatedWaitMs, language);
  return en ? `${place} Estimated wait: ${wait}.` : `${place}预计等待${wait}。`;
}

/** How long the place is kept, as a duration with no "about": "5 分钟" / "5 min". */
function keptPhrase(milliseconds: number, language: QueueLanguage): string {
  return waitPhrase(Math.max(60_000, milliseconds), language).replace(
    /^(about |约 |約 |약 |unos |unas |cerca de |sekitar |ประมาณ |khoảng |نحو )/,
    '',
  );
}

/** The one line a viewer gets when their conversation is handed to people. */
export function welcomeLine(facts: QueueFacts, language: QueueLanguage): string {
  if (language !== 'zh' && language !== 'en') {
    const words = MORE_DESK_LINES[language];
    if (facts.position === 0) return words.connectingNow;
    const status =
      facts.agentsOnline === 0
        ? words.noAgentsWelcome
        : [queueStatusLine(facts, language), words.keepWriting].join(words.separator);
    const kept =
      facts.placeKeptMs === null ? undefined : words.placeKept(keptPhrase(facts.placeKeptMs, language));
    return [words.handedOver, status, kept].filter(Boolean).join(words.separator);
  }
  const en = language === 'en';
  if (facts.position === 0)
    return en
      ? 'Connecting you to a support agent now. One moment, please.'
      : '正在为你接通人工客服，请稍候。';
  const kept =
    facts.placeKeptMs === null
      ? undefined
      : en
        ? `If you leave, we keep your place for ${keptPhrase(facts.placeKeptMs, 'en')}.`
        : `离开页面后，排队位置为你保留 ${keptPhrase(facts.placeKeptMs, 'zh')}。`;
  if (en) {
    const status =
      facts.agentsOnline === 0
        ? "No agent who can help is online right now; we'll connect you as soon as one is."
        : `${queueStatusLine(facts, 'en')} You can keep writing here meanwhile.`;
    return ["I'm passing you to a support agent.", status, kept].filter(Boolean).join(' ');
  }
  const status =
    facts.agentsOnline === 0
      ? '目前暂无可接待的客服在线，有客服上线会第一时间为你服务。'
      : `${queueStatusLine(facts, 'zh')}等待期间可以继续留言。`;
  return ['已为你转接人工客服。', status, kept ?? ''].join('');
}

export interface OutOfHoursFacts {
  /** When the team opens next; undefined when no opening is scheduled in the coming week. */
  opensAt: Date | undefined;
  /** The desk's time zone, in which the opening time is said. */
  timeZone: string;
  /** The ticket opened for the viewer, if one could be. */
  ticketId: string | undefined;
  nowMs: number;
}

/** Out of hours: when someone will answer, and that a ticket holds the question till then. */
export function outOfHoursLine(facts: OutOfHoursFacts, language: QueueLanguage): string {
  const en = language === 'en';
  const more = language === 'zh' || language === 'en' ? undefined : MORE_DESK_LINES[language];
  const when =
    facts.opensAt === undefined
      ? undefined
      : new Intl.DateTimeFormat(more?.dateLocale ?? (en ? 'en-GB' : 'zh-CN'), {
          timeZone: facts.timeZone,
          weekday: 'short',
          hour: '2-digit',
          minute: '2-digit',
        }).format(facts.opensAt);
  const inTime =
    facts.opensAt === undefined
      ? ''
      : waitPhrase(Math.max(0, facts.opensAt.getTime() - facts.nowMs), language);
  if (more) {
    return [
      more.offline,
      when ? more.backAt(when, inTime) : undefined,
      facts.ticketId ? more.ticketOpened(facts.ticketId) : more.answerWhenBack,
      more.assistantMeanwhile,
    ]
      .filter(Boolean)
      .join(more.separator);
  }
  if (en) {
    return [
      'Our support agents are offline right now.',
      when ? `They are back ${when} (in ${inTime}).` : undefined,
      facts.ticketId
        ? `We opened ticket ${facts.ticketId} for you; an agent will answer here when they are back.`
        : 'An agent will answer here when they are back.',
      'Meanwhile the AI assistant can keep helping you.',
    ]
      .filter(Boolean)
      .join(' ');
  }
  return [
    '当前不在人工客服服务时间。',
    when ? `客服将于${when}（${inTime}后）上线。` : '',
    facts.ticketId
      ? `已为你创建工单 ${facts.ticketId}，客服上线后会在这里回复你。`
      : '客服上线后会在这里回复你。',
    '在此期间，AI 助手可以继续为你解答。',
  ].join('');
}

/** What a viewer who left the queue finds when they come back. */
export function leftQueueLine(language: QueueLanguage): string {
  if (language !== 'zh' && language !== 'en') return MORE_DESK_LINES[language].leftQueue;
  return language === 'en'
    ? 'You left the queue, so we closed this request. Write "agent" any time to ask for a person again.'
    : '你已离开排队，本次人工请求已结束。如仍需人工客服，随时回复“转人工”即可。';
}
