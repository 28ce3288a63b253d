import { textsFor, type UiLanguage } from '../shared/ui-language.js';

/** Every word of the admin's Privacy tab (viewer data requests and retention), per UI language. */
export interface PrivacyAdminTexts {
  tabPrivacy: string;
  requestsTitle: string;
  requestsIntro: string;
  viewerId: string;
  exportJson: string;
  eraseMode: string;
  modes: { anonymise: string; delete: string };
  erase: string;
  confirmErase: (viewerId: string) => string;
  confirmMismatch: string;
  exported: (counts: Readonly<Record<string, number>>) => string;
  erased: (mode: string, conversations: number, tickets: number) => string;
  stillTalking: string;
  failed: (message: string) => string;
  retentionTitle: string;
  retentionOff: string;
  retentionPolicy: (conversationsDays: number, ticketsDays: number, mode: string) => string;
  lastRun: (at: string, conversations: number, tickets: number) => string;
  neverRun: string;
  runNow: string;
}

const ALL: Record<UiLanguage, PrivacyAdminTexts> = {
  zh: {
    tabPrivacy: '隐私',
    requestsTitle: '观众数据请求',
    requestsIntro:
      '按观众的请求导出其全部数据（会话、事件、工单、满意度、审计记录），或删除/匿名化其数据。每次操作都记入审计日志。',
    viewerId: '观众 ID',
    exportJson: '导出 JSON',
    eraseMode: '删除方式',
    modes: { anonymise: '匿名化（保留统计）', delete: '彻底删除' },
    erase: '删除观众数据',
    confirmErase: (viewerId) => `此操作无法撤销。请再次输入观众 ID（${viewerId}）以确认：`,
    confirmMismatch: '输入的观众 ID 不一致，未删除任何数据。',
    exported: (counts) =>
      `已导出：${counts.conversations ?? 0} 个会话，${counts.events ?? 0} 个事件，${counts.tickets ?? 0} 个工单，${counts.auditMentions ?? 0} 条审计记录。`,
    erased: (mode, conversations, tickets) =>
      `已${mode === 'delete' ? '删除' : '匿名化'}：${conversations} 个会话，${tickets} 个工单。已记入审计日志。`,
    stillTalking: '该观众仍在会话中（与客服对话，或仍连接着会话）：请先结束会话、等其离开，再删除其数据。',
    failed: (message) => `操作失败：${message}`,
    retentionTitle: '保留期限',
    retentionOff:
      '未设置保留期限：已结束的会话和工单会一直保留（LIVEDESK_RETENTION_DAYS_CONVERSATIONS / _TICKETS）。',
    retentionPolicy: (conversationsDays, ticketsDays, mode) =>
      `已结束的会话保留 ${conversationsDays || '∞'} 天，已关闭的工单保留 ${ticketsDays || '∞'} 天，到期后${mode === 'delete' ? '删除' : '匿名化'}。`,
    lastRun: (at, conversations, tickets) =>
      `上次执行：${at}，处理 ${conversations} 个会话、${tickets} 个工单。`,
    neverRun: '本节点尚未执行。',
    runNow: '立即执行',
  },
  en: {
    tabPrivacy: 'Privacy',
    requestsTitle: 'Viewer data requests',
    requestsIntro:
      'On a viewer’s request, export everything kept about them (conversations, events, tickets, satisfaction, audit mentions), or erase it. Each is recorded in the audit log.',
    viewerId: 'Viewer id',
    exportJson: 'Export JSON',
    eraseMode: 'Erase by',
    modes: { anonymise: 'anonymising (keeps the figures)', delete: 'deleting everything' },
    erase: 'Erase viewer data',
    confirmErase: (viewerId) => `This cannot be undone. Type the viewer id (${viewerId}) again to confirm:`,
    confirmMismatch: 'The ids do not match: nothing was erased.',
    exported: (counts) =>
      `Exported ${counts.conversations ?? 0} conversations, ${counts.events ?? 0} events, ${counts.tickets ?? 0} tickets, ${counts.auditMentions ?? 0} audit entries.`,
    erased: (mode, conversations, tickets) =>
      `${mode === 'delete' ? 'Deleted' : 'Anonymised'} ${conversations} conversations and ${tickets} tickets. Recorded in the audit log.`,
    stillTalking:
      'The viewer is still in a conversation (with a person, or still connected to it): close it and let them leave, then erase.',
    failed: (message) => `That failed: ${message}`,
    retentionTitle: 'Retention',
    retentionOff:
      'No retention period is set: closed conversations and tickets are kept (LIVEDESK_RETENTION_DAYS_CONVERSATIONS / _TICKETS).',
    retentionPolicy: (conversationsDays, ticketsDays, mode) =>
      `Closed conversations are kept ${conversationsDays || '∞'} days and closed tickets ${ticketsDays || '∞'} days, then ${mode === 'delete' ? 'deleted' : 'anonymised'}.`,
    lastRun: (at, conversations, tickets) =>
      `Last run ${at}: ${conversations} conversations, ${tickets} tickets.`,
    neverRun: 'Not run on this node yet.',
    runNow: 'Run now',
  },
};

export function privacyAdminTexts(language: UiLanguage): PrivacyAdminTexts {
  return textsFor(ALL, language);
}
