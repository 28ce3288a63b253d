import { MEDIA_TEXTS_EN, MEDIA_TEXTS_ZH, type MediaTexts } from '../shared/media-texts.js';
import {
  MICROPHONE_TEXTS_EN,
  MICROPHONE_TEXTS_ZH,
  type MicrophoneTexts,
} from '../shared/voice-capture-texts.js';
import { disputeTexts, type DisputeTexts } from '../shared/dispute-texts.js';
import {
  MORE_WIDGET_LOCALES,
  moreWidgetLanguage,
  type MoreWidgetLanguage,
  type WidgetTextsOverride,
} from './widget-texts-more.js';

/** Every word the widget shows; a host page may replace any of them (data attributes or `init`). */
export interface WidgetTexts {
  launcher: string;
  title: string;
  greeting: string;
  placeholder: string;
  send: string;
  close: string;
  you: string;
  assistant: string;
  agent: string;
  system: string;
  person: string;
  /** What the "talk to a person" button sends: words the escalation signals read as a request for one. */
  personRequest: string;
  typing: string;
  /** The agent who has the conversation is typing. */
  agentTyping: string;
  /** A person took the conversation (their account's name, when the server gives it). */
  agentJoined: (name: string | undefined) => string;
  /** The person gave the conversation back to the assistant. */
  backToAssistant: string;
  conversationClosed: string;
  /** The satisfaction panel. */
  rating: {
    title: string;
    star: (score: number) => string;
    comment: string;
    submit: string;
    thanks: (score: number) => string;
    failed: string;
  };
  didYouMean: string;
  sending: string;
  notSent: string;
  unread: (count: number) => string;
  connection: Record<'connecting' | 'open' | 'reconnecting' | 'closed', string>;
  states: Record<'ai' | 'pending_human' | 'human' | 'closed', string>;
  /** Pictures, voice clips and files: the attach and emoji buttons, uploads, players. */
  media: MediaTexts;
  /** The microphone and spoken answers (shown when the server has speech to text). */
  microphone: MicrophoneTexts;
  /** The gift and top-up dispute form's own words and its status lines (its labels come from the server). */
  disputes: DisputeTexts;
}

export type WidgetLanguage = 'zh' | 'en' | MoreWidgetLanguage;

const EN: WidgetTexts = {
  launcher: 'Chat with us',
  title: 'Live support',
  greeting: 'Hi! Ask anything about the stream, your coins or your order.',
  placeholder: 'Type your question…',
  send: 'Send',
  close: 'Close',
  you: 'You',
  assistant: 'Assistant',
  agent: 'Agent',
  system: 'Livedesk',
  person: 'Talk to a person',
  personRequest: 'I want to talk to a person',
  typing: 'Typing…',
  agentTyping: 'The agent is typing…',
  agentJoined: (name) => (name ? `${name} from support joined` : 'An agent joined'),
  backToAssistant: 'You are back with the assistant',
  conversationClosed: 'The conversation has ended',
  rating: {
    title: 'How did we do?',
    star: (score) => `${score} ${score === 1 ? 'star' : 'stars'}`,
    comment: 'Anything to add? (optional)',
    submit: 'Send rating',
    thanks: (score) => `Thanks for your rating (${score}/5)`,
    failed: 'The rating was not sent',
  },
  didYouMean: 'Did you mean:',
  sending: 'Sending…',
  notSent: 'Not sent',
  unread: (count) => `${count} unread ${count === 1 ? 'message' : 'messages'}`,
  connection: { connecting: 'Connecting…', open: 'Online', reconnecting: 'Reconnecting…', closed: 'Offline' },
  states: {
    ai: 'Assistant',
    pending_human: 'Waiting for a person',
    human: 'With an agent',
    closed: 'Closed',
  },
  media: MEDIA_TEXTS_EN,
  microphone: MICROPHONE_TEXTS_EN,
  disputes: disputeTexts('en'),
};

const ZH: WidgetTexts = {
  launcher: '在线客服',
  title: '直播间客服',
  greeting: '你好！直播、充值、订单的问题都可以问我。',
  placeholder: '输入你的问题…',
  send: '发送',
  close: '关闭',
  you: '我',
  assistant: '智能助手',
  agent: '人工客服',
  system: '系统消息',
  person: '转人工',
  personRequest: '转人工',
  typing: '正在输入…',
  agentTyping: '客服正在输入…',
  agentJoined: (name) => (name ? `客服 ${name} 已接入` : '客服已接入'),
  backToAssistant: '已转回智能助手',
  conversationClosed: '会话已结束',
  rating: {
    title: '请为本次服务评分',
    star: (score) => `${score} 星`,
    comment: '还有什么想说的？（选填）',
    submit: '提交评价',
    thanks: (score) => `感谢您的评价（${score}/5）`,
    failed: '评价未能提交',
  },
  didYouMean: '你是想问：',
  sending: '发送中…',
  notSent: '未发送',
  unread: (count) => `${count} 条未读消息`,
  connection: { connecting: '连接中…', open: '在线', reconnecting: '重新连接中…', closed: '已离线' },
  states: { ai: '智能助手', pending_human: '等待人工', human: '人工服务中', closed: '已结束' },
  media: MEDIA_TEXTS_ZH,
  microphone: MICROPHONE_TEXTS_ZH,
  disputes: disputeTexts('zh'),
};

/**
 * `zh-CN`, `zh` → Simplified Chinese; `zh-TW`, `zh-Hant`, `ja`, `ko`, `es`, `pt`, `id`, `th`, `vi`, `ar` →
 * theirs (widget-texts-more.ts); anything else (or nothing) → English.
 */
export function widgetLanguage(locale: string | undefined): WidgetLanguage {
  const more = locale === undefined ? undefined : moreWidgetLanguage(locale);
  if (more) return more;
  return locale?.trim().toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/**
 * The words of a language. The nine beyond Chinese and English load on demand (web/widget/widget-languages.ts):
 * `more` is that language's catalogue; without it (not loaded, or it failed to) English stands in.
 */
export function widgetTexts(language: WidgetLanguage, more?: WidgetTextsOverride): WidgetTexts {
  if (language === 'zh') return ZH;
  if (language === 'en' || !more) return EN;
  return {
    ...EN,
    ...more,
    rating: { ...EN.rating, ...more.rating },
    media: { ...EN.media, ...more.media },
    microphone: { ...EN.microphone, ...more.microphone },
    disputes: { ...EN.disputes, ...more.disputes },
  };
}

/** The locale the server answers in for a widget language. */
export function widgetLocale(language: WidgetLanguage): string {
  if (language === 'zh') return 'zh-CN';
  if (language === 'en') return 'en';
  return MORE_WIDGET_LOCALES[language];
}
