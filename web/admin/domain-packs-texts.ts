import type { UiLanguage } from '../shared/ui-language.js';

type Origin = 'shipped' | 'edited' | 'added';
type Action = 'put' | 'reset' | 'revert';

/** Every word of the knowledge admin's Domain packs tab, per UI language. */
export interface DomainPacksTexts {
  tabPacks: string;
  packsIntro: string;
  active: string;
  inactive: string;
  groupCount: (count: number) => string;
  columnGroup: string;
  columnZh: string;
  columnEn: string;
  columnOrigin: string;
  columnOn: string;
  origins: Record<Origin, string>;
  edit: string;
  reset: string;
  revert: string;
  formTitle: string;
  fieldGroupId: string;
  fieldZhCanonical: string;
  fieldZhVariants: string;
  fieldEnCanonical: string;
  fieldEnVariants: string;
  fieldEnabled: string;
  save: string;
  history: string;
  noHistory: string;
  actions: Record<Action, string>;
  historyLine: (actor: string, at: string, action: string, group: string) => string;
  saved: (group: string) => string;
  resetDone: (group: string) => string;
  reverted: string;
  unchanged: string;
  problem: (detail: string) => string;
}

const EN: DomainPacksTexts = {
  tabPacks: 'Domain packs',
  packsIntro:
    'Curated live-streaming vocabulary: each variant is read as its group’s word, and a Chinese word meets the English words of its group. Edits apply to this knowledge base only and can be undone.',
  active: 'loaded',
  inactive: 'not loaded',
  groupCount: (count) => `${count} groups`,
  columnGroup: 'Group',
  columnZh: 'Chinese: word ← variants',
  columnEn: 'English: word ← variants',
  columnOrigin: 'Source',
  columnOn: 'On',
  origins: { shipped: 'shipped', edited: 'edited', added: 'added' },
  edit: 'Edit',
  reset: 'Reset',
  revert: 'Revert',
  formTitle: 'Add or edit a group',
  fieldGroupId: 'Group id',
  fieldZhCanonical: 'Chinese word',
  fieldZhVariants: 'Chinese variants (comma separated)',
  fieldEnCanonical: 'English word',
  fieldEnVariants: 'English variants (comma separated)',
  fieldEnabled: 'Enabled',
  save: 'Save',
  history: 'History',
  noHistory: 'No edits yet.',
  actions: { put: 'saved', reset: 'reset', revert: 'reverted' },
  historyLine: (actor, at, action, group) => `${at} · ${actor} ${action} ${group}`,
  saved: (group) => `Saved “${group}”; the knowledge base is re-indexed.`,
  resetDone: (group) => `“${group}” is back to the shipped words.`,
  reverted: 'Reverted.',
  unchanged: 'Nothing changed.',
  problem: (detail) => `Domain packs: ${detail}`,
};

const ZH: DomainPacksTexts = {
  tabPacks: '领域词包',
  packsIntro:
    '精选的直播行业词汇：每个变体按所在组的标准词理解，中文词与同组的英文词互通。修改只作用于本知识库，并且可以撤销。',
  active: '已加载',
  inactive: '未加载',
  groupCount: (count) => `${count} 组`,
  columnGroup: '词组',
  columnZh: '中文：标准词 ← 变体',
  columnEn: '英文：标准词 ← 变体',
  columnOrigin: '来源',
  columnOn: '启用',
  origins: { shipped: '内置', edited: '已修改', added: '新增' },
  edit: '编辑',
  reset: '恢复内置',
  revert: '撤销',
  formTitle: '新增或编辑词组',
  fieldGroupId: '词组 ID',
  fieldZhCanonical: '中文标准词',
  fieldZhVariants: '中文变体（逗号分隔）',
  fieldEnCanonical: '英文标准词',
  fieldEnVariants: '英文变体（逗号分隔）',
  fieldEnabled: '启用',
  save: '保存',
  history: '修改记录',
  noHistory: '还没有修改。',
  actions: { put: '保存了', reset: '恢复了', revert: '撤销了' },
  historyLine: (actor, at, action, group) => `${at} · ${actor} ${action} ${group}`,
  saved: (group) => `已保存“${group}”，知识库已重新索引。`,
  resetDone: (group) => `“${group}”已恢复为内置词汇。`,
  reverted: '已撤销。',
  unchanged: '没有变化。',
  problem: (detail) => `领域词包：${detail}`,
};

export function domainPacksTexts(language: UiLanguage): DomainPacksTexts {
  return language === 'zh' ? ZH : EN;
}
