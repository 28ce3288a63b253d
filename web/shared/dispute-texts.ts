import type { MoreWidgetLanguage } from '../widget/widget-texts-more.js';

/** The dispute form's own words (its fields' labels come with the form, from the server). */
export interface DisputeTexts {
  submit: string;
  sending: string;
  sent: string;
  required: string;
  invalidAmount: string;
  invalidTime: string;
  /** Where a screenshot field will be once viewers can upload media (issue 17). */
  screenshotLater: string;
  statuses: Record<'open' | 'pending' | 'resolved' | 'closed', string>;
  person: string;
  dueBy: (time: string) => string;
  ticket: (id: string) => string;
}

const ZH: DisputeTexts = {
  submit: '提交',
  sending: '提交中…',
  sent: '已提交',
  required: '请填写此项',
  invalidAmount: '请输入大于 0 的金额，最多两位小数',
  invalidTime: '请选择时间',
  screenshotLater: '截图上传暂未开放，可在补充说明里描述。',
  statuses: { open: '已受理', pending: '处理中', resolved: '已解决', closed: '已关闭' },
  person: '专人审核',
  dueBy: (time) => `预计 ${time} 前回复`,
  ticket: (id) => `工单 ${id}`,
};

const EN: DisputeTexts = {
  submit: 'Submit',
  sending: 'Sending…',
  sent: 'Sent',
  required: 'Please fill this in',
  invalidAmount: 'Enter an amount above 0, at most two decimals',
  invalidTime: 'Please pick a time',
  screenshotLater: 'Screenshots cannot be uploaded yet; describe it in the note.',
  statuses: { open: 'Received', pending: 'In progress', resolved: 'Resolved', closed: 'Closed' },
  person: 'Reviewed by a person',
  dueBy: (time) => `Reply expected by ${time}`,
  ticket: (id) => `Ticket ${id}`,
};

/** The languages the form's own words exist in: the viewer page's. */
export type DisputeTextsLanguage = 'zh' | 'en' | MoreWidgetLanguage;

/**
 * The further languages' words, added by the pages that speak them (the viewer page:
 * `addDisputeTexts(MORE_DISPUTE_TEXTS)`). The widget leaves these kilobytes out of the script every host
 * page loads: its language catalogue (/widget-languages.js) brings the one language it speaks.
 */
const moreTexts: Partial<Record<MoreWidgetLanguage, DisputeTexts>> = {};

export function addDisputeTexts(texts: Readonly<Record<MoreWidgetLanguage, DisputeTexts>>): void {
  Object.assign(moreTexts, texts);
}

/** A language's words; one not added (see `addDisputeTexts`) gets English. */
export function disputeTexts(language: DisputeTextsLanguage): DisputeTexts {
  if (language === 'zh') return ZH;
  if (language === 'en') return EN;
  return moreTexts[language] ?? EN;
}
