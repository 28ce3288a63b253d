import type { UiLanguage } from '../shared/ui-language.js';

/** The words of the "should not have been escalated" mark on the handoff card, per UI language. */
export interface EscalationMarkTexts {
  mark: string;
  markHint: string;
  notePlaceholder: string;
  confirm: string;
  cancel: string;
  marked: (note: string) => string;
  undo: string;
  othersMarked: (count: number) => string;
  failed: (message: string) => string;
}

const EN: EscalationMarkTexts = {
  mark: 'Should not have been escalated',
  markHint: 'The AI could have handled it: the signals that fired learn from it at the next retrain.',
  notePlaceholder: 'Why (optional)',
  confirm: 'Mark it',
  cancel: 'Cancel',
  marked: (note) => `You marked this: should not have been escalated${note ? ` (“${note}”)` : ''}.`,
  undo: 'Undo',
  othersMarked: (count) => `${count} other colleague(s) marked it too.`,
  failed: (message) => `Not saved: ${message}`,
};

const ZH: EscalationMarkTexts = {
  mark: '不该转人工',
  markHint: 'AI 本可以自行处理：触发的信号会在下次重新训练时从中学习。',
  notePlaceholder: '原因（可选）',
  confirm: '确认标记',
  cancel: '取消',
  marked: (note) => `你已标记：不该转人工${note ? `（“${note}”）` : ''}。`,
  undo: '撤销标记',
  othersMarked: (count) => `另有 ${count} 位同事也做了标记。`,
  failed: (message) => `未保存：${message}`,
};

export function escalationMarkTexts(language: UiLanguage): EscalationMarkTexts {
  return language === 'zh' ? ZH : EN;
}
