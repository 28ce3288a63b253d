import type { UiLanguage } from '../shared/ui-language.js';

type AlertKind = 'flood' | 'ad' | 'abuse' | 'threat' | 'dispute' | 'minor';
type Severity = 'low' | 'medium' | 'high' | 'critical';

/** Every word of the room panel, per UI language; the page's static words use the string keys. */
export interface RoomsTexts {
  pageTitle: string;
  appName: string;
  loginHint: string;
  username: string;
  password: string;
  logIn: string;
  logOut: string;
  roomsHeading: string;
  noRooms: string;
  streamHeading: string;
  alertsHeading: string;
  noAlerts: string;
  wrongPassword: string;
  wrongRole: string;
  sessionEnded: string;
  kinds: Record<AlertKind, string>;
  severities: Record<Severity, string>;
  connection: Record<'connecting' | 'open' | 'reconnecting' | 'closed', string>;
  openAlertsCount: (count: number) => string;
  evidenceCount: (shown: number, total: number) => string;
  firstLast: (first: string, last: string) => string;
  gift: string;
  acknowledge: string;
  acknowledged: string;
  suggestMute: string;
  suggestKick: string;
  /** Livedesk only suggests: the platform decides and acts. */
  suggested: (action: 'mute' | 'kick', user: string) => string;
  openConversation: string;
  conversationOpened: (id: string) => string;
  createTicket: string;
  ticketCreated: (id: string) => string;
  viewer: string;
  suggestReason: (kind: string) => string;
  skipped: (count: number) => string;
  userLine: (name: string, role: string) => string;
  roles: Record<'agent' | 'supervisor' | 'editor' | 'admin' | 'moderator', string>;
  dateLocale: string;
}

const EN: RoomsTexts = {
  pageTitle: 'Livedesk · Rooms',
  appName: 'Room watch',
  loginHint: "Field control: watch live rooms' danmaku and act on alerts.",
  username: 'Username',
  password: 'Password',
  logIn: 'Log in',
  logOut: 'Log out',
  roomsHeading: 'Rooms',
  noRooms: 'No room has sent danmaku yet.',
  streamHeading: 'Live comments',
  alertsHeading: 'Open alerts',
  noAlerts: 'No open alerts in this room.',
  wrongPassword: 'Wrong username or password.',
  wrongRole: 'This page is for moderators, supervisors and admins.',
  sessionEnded: 'Your session ended; log in again.',
  kinds: {
    flood: 'Flood',
    ad: 'Ads / spam',
    abuse: 'Abuse',
    threat: 'Threat',
    dispute: 'Dispute',
    minor: "Minor's spending",
  },
  severities: { low: 'low', medium: 'medium', high: 'high', critical: 'critical' },
  connection: { connecting: 'connecting…', open: 'live', reconnecting: 'reconnecting…', closed: 'offline' },
  openAlertsCount: (count) => (count === 1 ? '1 open alert' : `${count} open alerts`),
  evidenceCount: (shown, total) =>
    shown === total ? (total === 1 ? '1 comment' : `${total} comments`) : `${shown} of ${total} comments`,
  firstLast: (first, last) => `first ${first}, last ${last}`,
  gift: 'gift',
  acknowledge: 'Acknowledge',
  acknowledged: 'Acknowledged',
  suggestMute: 'Suggest mute',
  suggestKick: 'Suggest kick',
  suggested: (action, user) =>
    `${action === 'mute' ? 'Mute' : 'Kick'} of ${user} suggested to the platform; the platform decides.`,
  openConversation: 'Open support conversation',
  conversationOpened: (id) => `Support conversation ${id} opened for agents.`,
  createTicket: 'Create ticket',
  ticketCreated: (id) => `Ticket ${id} created.`,
  viewer: 'Viewer',
  suggestReason: (kind) => `room alert: ${kind}`,
  skipped: (count) => `… ${count} more comments`,
  userLine: (name, role) => `${name} (${role})`,
  roles: {
    agent: 'agent',
    supervisor: 'supervisor',
    editor: 'editor',
    admin: 'admin',
    moderator: 'moderator',
  },
  dateLocale: 'en-GB',
};

const ZH: RoomsTexts = {
  pageTitle: 'Livedesk · 场控',
  appName: '场控面板',
  loginHint: '场控：实时查看直播间弹幕，处理房间告警。',
  username: '用户名',
  password: '密码',
  logIn: '登录',
  logOut: '退出',
  roomsHeading: '直播间',
  noRooms: '还没有直播间推送弹幕。',
  streamHeading: '实时弹幕',
  alertsHeading: '待处理告警',
  noAlerts: '这个直播间没有待处理的告警。',
  wrongPassword: '用户名或密码错误。',
  wrongRole: '此页面仅供场控、主管和管理员使用。',
  sessionEnded: '登录已过期，请重新登录。',
  kinds: {
    flood: '刷屏',
    ad: '广告引流',
    abuse: '辱骂',
    threat: '威胁',
    dispute: '纠纷',
    minor: '未成年消费',
  },
  severities: { low: '低', medium: '中', high: '高', critical: '紧急' },
  connection: { connecting: '连接中…', open: '实时', reconnecting: '重连中…', closed: '已断开' },
  openAlertsCount: (count) => `${count} 条待处理告警`,
  evidenceCount: (shown, total) =>
    shown === total ? `${total} 条弹幕` : `显示 ${shown} / 共 ${total} 条弹幕`,
  firstLast: (first, last) => `首次 ${first}，最近 ${last}`,
  gift: '礼物',
  acknowledge: '确认',
  acknowledged: '已确认',
  suggestMute: '建议禁言',
  suggestKick: '建议踢出',
  suggested: (action, user) =>
    `已向平台建议${action === 'mute' ? '禁言' : '踢出'} ${user}，由平台决定是否执行。`,
  openConversation: '发起客服会话',
  conversationOpened: (id) => `已为客服创建会话 ${id}。`,
  createTicket: '创建工单',
  ticketCreated: (id) => `已创建工单 ${id}。`,
  viewer: '观众',
  suggestReason: (kind) => `房间告警：${kind}`,
  skipped: (count) => `…… 另有 ${count} 条弹幕`,
  userLine: (name, role) => `${name}（${role}）`,
  roles: { agent: '客服', supervisor: '主管', editor: '内容编辑', admin: '管理员', moderator: '场控' },
  dateLocale: 'zh-CN',
};

export function roomsTexts(language: UiLanguage): RoomsTexts {
  return language === 'zh' ? ZH : EN;
}
