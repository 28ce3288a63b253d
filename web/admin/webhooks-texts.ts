import type { UiLanguage } from '../shared/ui-language.js';

export type WebhookEventName =
  | 'conversation.escalated'
  | 'conversation.assigned'
  | 'conversation.closed'
  | 'conversation.satisfaction'
  | 'ticket.created'
  | 'ticket.updated'
  | 'knowledge.gap_found'
  | 'room.alert.raised'
  | 'room.action.suggested'
  | 'viewer.block.requested';

/** Every word of the admin's Webhooks tab, per UI language. */
export interface WebhooksTexts {
  tabWebhooks: string;
  intro: string;
  addTitle: string;
  fieldUrl: string;
  fieldDescription: string;
  fieldEvents: string;
  fieldActive: string;
  add: string;
  events: Record<WebhookEventName, string>;
  secretTitle: string;
  secretHint: string;
  hideSecret: string;
  listTitle: string;
  columnUrl: string;
  columnEvents: string;
  columnState: string;
  columnCreated: string;
  columnActions: string;
  /** Between the event names of one subscription. */
  separator: string;
  active: string;
  paused: string;
  pause: string;
  resume: string;
  rotate: string;
  remove: string;
  confirmRemove: (url: string) => string;
  confirmRotate: string;
  /** Under the state of a subscription whose old secret still signs beside the new one. */
  oldSecretUntil: (when: string) => string;
  noWebhooks: string;
  pending: (count: number) => string;
  deadTitle: string;
  deadHint: string;
  columnEvent: string;
  columnAttempts: string;
  columnError: string;
  columnFailed: string;
  retry: string;
  discard: string;
  noDead: string;
  created: string;
  rotated: string;
  removed: string;
  retried: string;
  discarded: string;
  chooseEvent: string;
  problem: (detail: string) => string;
}

const EN: WebhooksTexts = {
  tabWebhooks: 'Webhooks',
  intro:
    'Livedesk POSTs these events to your receivers as JSON, signed with HMAC-SHA256 (Livedesk-Signature over "timestamp.body"). Failed deliveries are retried with back-off; after the last attempt they wait below as dead letters.',
  addTitle: 'Add a webhook',
  fieldUrl: 'Receiver URL (http or https)',
  fieldDescription: 'Description',
  fieldEvents: 'Events',
  fieldActive: 'Active',
  add: 'Add webhook',
  events: {
    'conversation.escalated': 'Conversation escalated to a person',
    'conversation.assigned': 'Agent accepted a conversation',
    'conversation.closed': 'Conversation closed',
    'conversation.satisfaction': 'Satisfaction rating given',
    'ticket.created': 'Ticket created',
    'ticket.updated': 'Ticket updated',
    'knowledge.gap_found': 'Knowledge gap found',
    'room.alert.raised': 'Room alert raised (danmaku watch)',
    'room.action.suggested': 'Mute or kick suggested to the platform',
    'viewer.block.requested': 'Viewer asked to block someone they reported',
  },
  secretTitle: 'Signing secret',
  secretHint: 'Copy it now into your receiver: Livedesk will not show it again.',
  hideSecret: 'I have copied it',
  listTitle: 'Subscriptions',
  columnUrl: 'URL',
  columnEvents: 'Events',
  columnState: 'State',
  columnCreated: 'Created',
  columnActions: 'Actions',
  separator: ', ',
  active: 'active',
  paused: 'paused',
  pause: 'Pause',
  resume: 'Resume',
  rotate: 'Rotate secret',
  remove: 'Delete',
  confirmRemove: (url) => `Delete the webhook to ${url}? Deliveries still owed to it are dropped.`,
  confirmRotate:
    'Rotate the secret? Deliveries carry signatures with the new secret and, for a grace period (24 h by default), the old one too, so your receiver can switch over.',
  oldSecretUntil: (when) => `Old secret also signs until ${when}`,
  noWebhooks: 'No webhooks yet.',
  pending: (count) => `${count} deliveries pending`,
  deadTitle: 'Dead letters',
  deadHint: 'Deliveries that failed every attempt or were refused by the receiver.',
  columnEvent: 'Event',
  columnAttempts: 'Attempts',
  columnError: 'Last error',
  columnFailed: 'Failed at',
  retry: 'Retry now',
  discard: 'Discard',
  noDead: 'No dead letters.',
  created: 'Webhook added.',
  rotated: 'New secret issued; the old one still signs until the grace period ends.',
  removed: 'Webhook deleted.',
  retried: 'Queued for delivery.',
  discarded: 'Dead letter discarded.',
  chooseEvent: 'Choose at least one event.',
  problem: (detail) => `Webhooks: ${detail}`,
};

const ZH: WebhooksTexts = {
  tabWebhooks: 'Webhook',
  intro:
    'Livedesk 以 JSON 将这些事件 POST 到您的接收地址，并用 HMAC-SHA256 签名（Livedesk-Signature，签名内容为"时间戳.正文"）。投递失败会按退避策略重试；最后一次仍失败的投递会进入下方的死信列表。',
  addTitle: '添加 Webhook',
  fieldUrl: '接收地址（http 或 https）',
  fieldDescription: '说明',
  fieldEvents: '事件',
  fieldActive: '启用',
  add: '添加',
  events: {
    'conversation.escalated': '会话转人工',
    'conversation.assigned': '客服已接入会话',
    'conversation.closed': '会话已结束',
    'conversation.satisfaction': '用户提交满意度评价',
    'ticket.created': '工单已创建',
    'ticket.updated': '工单已更新',
    'knowledge.gap_found': '发现知识缺口',
    'room.alert.raised': '直播间告警（弹幕监控）',
    'room.action.suggested': '向平台建议禁言或踢出',
    'viewer.block.requested': '用户举报后请求拉黑对方',
  },
  secretTitle: '签名密钥',
  secretHint: '请立即复制到您的接收端：此密钥不会再次显示。',
  hideSecret: '我已复制',
  listTitle: '订阅',
  columnUrl: '地址',
  columnEvents: '事件',
  columnState: '状态',
  columnCreated: '创建时间',
  columnActions: '操作',
  separator: '、',
  active: '启用中',
  paused: '已暂停',
  pause: '暂停',
  resume: '恢复',
  rotate: '更换密钥',
  remove: '删除',
  confirmRemove: (url) => `删除发往 ${url} 的 Webhook？尚未投递的事件将一并丢弃。`,
  confirmRotate:
    '更换密钥？之后的投递同时带有新密钥的签名，并在宽限期内（默认 24 小时）继续带有旧密钥的签名，方便接收端切换。',
  oldSecretUntil: (when) => `旧密钥签名保留至 ${when}`,
  noWebhooks: '还没有 Webhook。',
  pending: (count) => `待投递 ${count} 条`,
  deadTitle: '死信',
  deadHint: '所有重试均失败、或被接收端拒绝的投递。',
  columnEvent: '事件',
  columnAttempts: '尝试次数',
  columnError: '最后的错误',
  columnFailed: '失败时间',
  retry: '立即重试',
  discard: '丢弃',
  noDead: '没有死信。',
  created: '已添加 Webhook。',
  rotated: '已生成新密钥；宽限期结束前旧密钥仍同时签名。',
  removed: '已删除 Webhook。',
  retried: '已重新排队投递。',
  discarded: '已丢弃死信。',
  chooseEvent: '请至少选择一个事件。',
  problem: (detail) => `Webhook：${detail}`,
};

export function webhooksTexts(language: UiLanguage): WebhooksTexts {
  return language === 'zh' ? ZH : EN;
}
