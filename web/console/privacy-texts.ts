import { textsFor, type UiLanguage } from '../shared/ui-language.js';

/** The words of masked personal data, revealing it, and sensitive conversations, in each console language. */
export interface PrivacyTexts {
  kinds: Record<string, string>;
  revealTitle: (kind: string) => string;
  reveal: string;
  revealHint: string;
  reasonLabel: string;
  reasons: Record<string, string>;
  noteLabel: string;
  notePlaceholder: string;
  confirm: string;
  cancel: string;
  noteNeeded: string;
  revealFailed: (message: string) => string;
  revealed: (kind: string) => string;
  sensitive: string;
  markSensitive: string;
  clearSensitive: string;
  sensitiveFailed: (message: string) => string;
}

const REASONS_ZH = {
  'verify-identity': '核实身份',
  'contact-viewer': '联系观众（回电/回邮）',
  delivery: '物流与收货',
  'refund-or-payment': '退款或支付',
  'safety-or-legal': '安全或法律要求',
  other: '其他（请说明）',
};

const REASONS_EN = {
  'verify-identity': 'Verify identity',
  'contact-viewer': 'Contact the viewer (call or mail back)',
  delivery: 'Delivery',
  'refund-or-payment': 'Refund or payment',
  'safety-or-legal': 'Safety or legal request',
  other: 'Other (explain)',
};

const ALL: Record<UiLanguage, PrivacyTexts> = {
  zh: {
    kinds: {
      email: '邮箱',
      'id-card': '身份证号',
      passport: '证件号',
      'bank-card': '银行卡号',
      'payment-account': '支付账号',
      phone: '电话',
      address: '地址',
    },
    revealTitle: (kind) => `查看完整${kind}`,
    reveal: '查看',
    revealHint: '个人信息默认隐藏。查看需要说明原因，并会记入审计日志。',
    reasonLabel: '原因',
    reasons: REASONS_ZH,
    noteLabel: '说明',
    notePlaceholder: '例如：观众要求回电确认退款',
    confirm: '查看并记录',
    cancel: '取消',
    noteNeeded: '选择“其他”时请写明原因。',
    revealFailed: (message) => `无法查看：${message}`,
    revealed: (kind) => `已查看的${kind}（已记入审计日志）`,
    sensitive: '敏感会话',
    markSensitive: '标记为敏感',
    clearSensitive: '取消敏感标记',
    sensitiveFailed: (message) => `无法更改敏感标记：${message}`,
  },
  en: {
    kinds: {
      email: 'e-mail',
      'id-card': 'ID number',
      passport: 'document number',
      'bank-card': 'card number',
      'payment-account': 'payment account',
      phone: 'phone',
      address: 'address',
    },
    revealTitle: (kind) => `Reveal the full ${kind}`,
    reveal: 'Reveal',
    revealHint:
      'Personal data is hidden by default. Revealing it needs a reason and is recorded in the audit log.',
    reasonLabel: 'Reason',
    reasons: REASONS_EN,
    noteLabel: 'Note',
    notePlaceholder: 'e.g. the viewer asked for a call back about the refund',
    confirm: 'Reveal and record',
    cancel: 'Cancel',
    noteNeeded: 'Say why in the note when the reason is "Other".',
    revealFailed: (message) => `Could not reveal: ${message}`,
    revealed: (kind) => `Revealed ${kind} (recorded in the audit log)`,
    sensitive: 'Sensitive',
    markSensitive: 'Mark sensitive',
    clearSensitive: 'Clear sensitive',
    sensitiveFailed: (message) => `Could not change the sensitive mark: ${message}`,
  },
};

export function privacyTexts(language: UiLanguage): PrivacyTexts {
  return textsFor(ALL, language);
}
