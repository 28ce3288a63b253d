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
  didYouMean: string;
  sending: string;
  notSent: string;
  unread: (count: number) => string;
  connection: Record<'connecting' | 'open' | 'reconnecting' | 'closed', string>;
  states: Record<'ai' | 'pending_human' | 'human' | 'closed', string>;
}

export type WidgetLanguage = 'zh' | 'en';

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
  didYouMean: '你是想问：',
  sending: '发送中…',
  notSent: '未发送',
  unread: (count) => `${count} 条未读消息`,
  connection: { connecting: '连接中…', open: '在线', reconnecting: '重新连接中…', closed: '已离线' },
  states: { ai: '智能助手', pending_human: '等待人工', human: '人工服务中', closed: '已结束' },
};

/** `zh-CN`, `zh-TW`, `zh` → Chinese; anything else (or nothing) → English. */
export function widgetLanguage(locale: string | undefined): WidgetLanguage {
  return locale?.trim().toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export function widgetTexts(language: WidgetLanguage): WidgetTexts {
  return language === 'zh' ? ZH : EN;
}
