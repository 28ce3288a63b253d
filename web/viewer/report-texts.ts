import { textsFor, type UiLanguage } from '../shared/ui-language.js';
import type { MoreWidgetLanguage } from '../widget/widget-texts-more.js';
import { MORE_REPORT_TEXTS } from './report-texts-more.js';

/** The words of reporting the other party of a 1-on-1 room, per UI language. */
export interface ReportTexts {
  open: string;
  title: string;
  hint: string;
  reportedUser: string;
  reason: string;
  reasons: Record<string, string>;
  note: string;
  block: string;
  submit: string;
  cancel: string;
  notReady: string;
  sent: (blockRequested: boolean) => string;
  failed: (message: string) => string;
}

const ALL: Record<UiLanguage, ReportTexts> = {
  zh: {
    open: '举报',
    title: '举报对方',
    hint: '举报会连同本次对话的最近消息一起提交给主管处理。',
    reportedUser: '对方用户 ID',
    reason: '原因',
    reasons: {
      harassment: '骚扰',
      'sexual-content': '色情内容',
      'scam-or-fraud': '诈骗',
      'minor-safety': '涉及未成年人安全',
      'hate-or-threats': '仇恨或威胁',
      spam: '垃圾广告',
      other: '其他',
    },
    note: '补充说明（可选）',
    block: '同时申请拉黑对方',
    submit: '提交举报',
    cancel: '取消',
    notReady: '请先发送一条消息，开始对话后再举报。',
    sent: (blockRequested) =>
      blockRequested
        ? '举报已提交，主管会尽快处理。拉黑申请已转交平台，由平台决定并执行。'
        : '举报已提交，主管会尽快处理。',
    failed: (message) => `举报失败：${message}`,
  },
  en: {
    open: 'Report',
    title: 'Report the other person',
    hint: 'Your report goes to a supervisor with the latest messages of this conversation.',
    reportedUser: 'Their user id',
    reason: 'Reason',
    reasons: {
      harassment: 'Harassment',
      'sexual-content': 'Sexual content',
      'scam-or-fraud': 'Scam or fraud',
      'minor-safety': 'A minor’s safety',
      'hate-or-threats': 'Hate or threats',
      spam: 'Spam',
      other: 'Other',
    },
    note: 'Anything to add (optional)',
    block: 'Also ask to block them',
    submit: 'Send report',
    cancel: 'Cancel',
    notReady: 'Send a message first: a report needs a conversation.',
    sent: (blockRequested) =>
      blockRequested
        ? 'Report sent; a supervisor will look at it. Your block request went to the platform, which decides and blocks.'
        : 'Report sent; a supervisor will look at it.',
    failed: (message) => `The report failed: ${message}`,
  },
};

export function reportTexts(language: UiLanguage | MoreWidgetLanguage): ReportTexts {
  return language === 'zh' || language === 'en' ? textsFor(ALL, language) : MORE_REPORT_TEXTS[language];
}
