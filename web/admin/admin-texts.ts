import type { StaffRole } from '../../server/auth/principal.js';
import type { UiLanguage } from '../shared/ui-language.js';
import type { ChangedField, EntryScopeView } from './entry-changes.js';

type VersionAction = 'create' | 'update' | 'delete' | 'revert';

/** Every word the knowledge admin shows, per UI language. */
export interface AdminTexts {
  /** BCP 47 tag for Intl number and date formatting. */
  locale: string;
  pageTitle: string;
  appName: string;
  username: string;
  password: string;
  logIn: string;
  logOut: string;
  sessionEnded: string;
  wrongPassword: string;
  wrongRole: (role: string) => string;
  roles: Record<StaffRole, string>;
  userLine: (name: string, role: string) => string;
  languageSwitch: string;
  sections: string;
  tabEntries: string;
  tabSynonyms: string;
  tabImport: string;
  tabEval: string;
  tabSignals: string;
  // Audit log (admins only)
  tabAudit: string;
  auditActor: string;
  auditAction: string;
  auditSince: string;
  auditSearch: string;
  auditWhen: string;
  auditWho: string;
  auditWhat: string;
  auditOutcome: string;
  auditSubject: string;
  auditAddress: string;
  auditOutcomes: Record<'success' | 'failure' | 'refused', string>;
  noAudit: string;
  // Entries
  searchPlaceholder: string;
  tagPlaceholder: string;
  enabledFilter: string;
  filterAll: string;
  filterEnabled: string;
  filterDisabled: string;
  filter: string;
  newEntry: string;
  columnId: string;
  columnQuestion: string;
  columnTags: string;
  columnOn: string;
  enabledMark: string;
  disabledMark: string;
  entryCount: (count: number) => string;
  noEntries: string;
  editorEmpty: string;
  editorTitle: string;
  editEntry: (id: string) => string;
  fieldId: string;
  fieldLocale: string;
  fieldEnabled: string;
  fieldQuestions: string;
  fieldAnswer: string;
  fieldTags: string;
  addLanguage: string;
  language: string;
  localeLabel: string;
  removeLanguage: string;
  save: string;
  delete: string;
  confirmDelete: string;
  needId: string;
  idTaken: string;
  saved: (id: string) => string;
  nothingChanged: string;
  notSaved: string;
  deleted: (id: string) => string;
  problem: (what: string, message: string) => string;
  // Versions
  versions: string;
  noVersions: string;
  actions: Record<VersionAction, string>;
  versionBy: (actor: string, at: string) => string;
  rollBack: string;
  undoCreate: string;
  rolledBack: (versionId: number) => string;
  noVisibleChange: string;
  fields: Record<ChangedField, string>;
  fieldIn: (field: string, locale: string) => string;
  enabledValue: (enabled: boolean) => string;
  scopeValue: (scope: EntryScopeView, formatDate: (iso: string) => string) => string;
  everywhere: string;
  elided: string;
  removedText: string;
  addedText: string;
  // Synonyms
  term: string;
  means: string;
  anyLocale: string;
  add: string;
  remove: string;
  synonymAdded: (term: string, canonical: string) => string;
  synonymRemoved: (term: string) => string;
  noSynonyms: string;
  // Import
  importHelpBefore: string;
  importHelpAfter: string;
  format: string;
  formatAuto: string;
  formatJsonl: string;
  formatCsv: string;
  import: string;
  exportJsonl: string;
  exportCsv: string;
  pickFile: string;
  importing: (file: string) => string;
  imported: (file: string, created: number, updated: number, unchanged: number) => string;
  lineProblem: (line: number, message: string) => string;
  // Evaluation
  suite: string;
  suiteDemo: string;
  suiteEscalation: string;
  run: string;
  running: (asked: number, total: number) => string;
  runEnded: Record<'failed' | 'cancelled', string>;
  done: string;
  figures: {
    cases: string;
    top1: string;
    top3: string;
    answeredCorrectly: string;
    answeredWrongly: string;
    outOfScopeAnswered: string;
    escalationPrecision: string;
    escalationRecall: string;
    latency: string;
  };
  notApplicable: string;
  downloadReport: string;
  reportHint: string;
}

const EN: AdminTexts = {
  locale: 'en',
  pageTitle: 'Livedesk · Knowledge admin',
  appName: 'Knowledge admin',
  username: 'Username',
  password: 'Password',
  logIn: 'Log in',
  logOut: 'Log out',
  sessionEnded: 'Your session ended; log in again.',
  wrongPassword: 'Wrong username or password.',
  wrongRole: (role) => `A ${role} account cannot use this page; it needs an editor or admin account.`,
  roles: {
    agent: 'agent',
    supervisor: 'supervisor',
    editor: 'editor',
    admin: 'admin',
    moderator: 'moderator',
  },
  userLine: (name, role) => `${name} (${role})`,
  languageSwitch: 'Language',
  sections: 'Sections',
  tabEntries: 'Entries',
  tabSynonyms: 'Synonyms',
  tabImport: 'Import',
  tabEval: 'Evaluation',
  tabSignals: 'Signals',
  tabAudit: 'Audit log',
  auditActor: 'Who (username)',
  auditAction: 'Action or area',
  auditSince: 'Since',
  auditSearch: 'Show',
  auditWhen: 'When',
  auditWho: 'Who',
  auditWhat: 'Action',
  auditOutcome: 'Outcome',
  auditSubject: 'On',
  auditAddress: 'From',
  auditOutcomes: { success: 'done', failure: 'failed', refused: 'refused' },
  noAudit: 'Nothing recorded for these filters.',
  searchPlaceholder: 'Search questions and answers',
  tagPlaceholder: 'tag',
  enabledFilter: 'Enabled',
  filterAll: 'all',
  filterEnabled: 'enabled',
  filterDisabled: 'disabled',
  filter: 'Filter',
  newEntry: 'New entry',
  columnId: 'Id',
  columnQuestion: 'Question',
  columnTags: 'Tags',
  columnOn: 'On',
  enabledMark: '✓',
  disabledMark: 'off',
  entryCount: (count) => `${count} ${count === 1 ? 'entry' : 'entries'}`,
  noEntries: 'No entry matches these filters.',
  editorEmpty: 'Pick an entry to edit it, or make a new one.',
  editorTitle: 'Entry',
  editEntry: (id) => `Edit ${id}`,
  fieldId: 'Id',
  fieldLocale: 'Locale',
  fieldEnabled: 'Enabled',
  fieldQuestions: 'Questions (one per line)',
  fieldAnswer: 'Answer',
  fieldTags: 'Tags (comma separated)',
  addLanguage: 'Add a language',
  language: 'Language',
  localeLabel: 'locale',
  removeLanguage: 'remove',
  save: 'Save',
  delete: 'Delete',
  confirmDelete: 'Really delete?',
  needId: 'give the entry an id, like "coins.top-up"',
  idTaken: 'an entry with this id exists; pick another id',
  saved: (id) => `Saved ${id}.`,
  nothingChanged: 'Nothing changed.',
  notSaved: 'Not saved: see the problems in the form.',
  deleted: (id) => `Deleted ${id}; its versions can bring it back.`,
  problem: (what, message) => `${what}: ${message}`,
  versions: 'Version history',
  noVersions: 'No recorded changes.',
  actions: { create: 'created', update: 'edited', delete: 'deleted', revert: 'rolled back' },
  versionBy: (actor, at) => ` by ${actor}, ${at}`,
  rollBack: 'Roll back this change',
  undoCreate: 'Undo (delete)',
  rolledBack: (versionId) => `Rolled back change #${versionId}.`,
  noVisibleChange: 'no visible change',
  fields: {
    questions: 'Questions',
    answer: 'Answer',
    tags: 'Tags',
    enabled: 'Enabled',
    scope: 'Scope',
    locale: 'Primary language',
    language: 'Languages',
  },
  fieldIn: (field, locale) => `${field} (${locale})`,
  enabledValue: (enabled) => (enabled ? 'on' : 'off'),
  scopeValue: (scope, formatDate) =>
    [
      scope.roomId === undefined ? '' : `room ${scope.roomId}`,
      scope.streamerId === undefined ? '' : `streamer ${scope.streamerId}`,
      scope.validFrom === undefined ? '' : `from ${formatDate(scope.validFrom)}`,
      scope.validUntil === undefined ? '' : `until ${formatDate(scope.validUntil)}`,
    ]
      .filter(Boolean)
      .join(', '),
  everywhere: 'everywhere',
  elided: 'unchanged text left out',
  removedText: 'removed',
  addedText: 'added',
  term: 'Term',
  means: 'Means',
  anyLocale: 'any',
  add: 'Add',
  remove: 'Remove',
  synonymAdded: (term, canonical) => `“${term}” now means “${canonical}”.`,
  synonymRemoved: (term) => `Removed “${term}”.`,
  noSynonyms: 'No synonyms yet.',
  importHelpBefore: 'JSON Lines (one entry per line: ',
  importHelpAfter: ") or CSV with the export's columns. Nothing is imported if any line is invalid.",
  format: 'Format',
  formatAuto: 'from the file name',
  formatJsonl: 'JSON Lines',
  formatCsv: 'CSV',
  import: 'Import',
  exportJsonl: 'Export JSON Lines',
  exportCsv: 'Export CSV',
  pickFile: 'Pick a file first.',
  importing: (file) => `Importing ${file}…`,
  imported: (file, created, updated, unchanged) =>
    `Imported ${file}: ${created} created, ${updated} updated, ${unchanged} unchanged.`,
  lineProblem: (line, message) => `line ${line}: ${message}`,
  suite: 'Suite',
  suiteDemo: 'demo: FAQ matching',
  suiteEscalation: 'escalation: when to bring in a person',
  run: 'Run',
  running: (asked, total) => `Running… ${asked}/${total} questions`,
  runEnded: { failed: 'The run failed', cancelled: 'The run was cancelled' },
  done: 'Done.',
  figures: {
    cases: 'Cases',
    top1: 'Top-1 accuracy',
    top3: 'Top-3 accuracy',
    answeredCorrectly: 'Answered correctly',
    answeredWrongly: 'Answered wrongly',
    outOfScopeAnswered: 'Out of scope answered',
    escalationPrecision: 'Escalation precision',
    escalationRecall: 'Escalation recall',
    latency: 'Latency p50 / p95',
  },
  notApplicable: 'Not applicable: the suite has no case of this kind.',
  downloadReport: 'Download the HTML report',
  reportHint: 'It opens in any browser, charts included.',
};

const ZH: AdminTexts = {
  locale: 'zh-CN',
  pageTitle: 'Livedesk · 知识库管理',
  appName: '知识库管理',
  username: '用户名',
  password: '密码',
  logIn: '登录',
  logOut: '退出登录',
  sessionEnded: '登录已过期，请重新登录。',
  wrongPassword: '用户名或密码错误。',
  wrongRole: (role) => `${role}账号不能使用此页面，需要内容编辑或管理员账号。`,
  roles: { agent: '客服', supervisor: '主管', editor: '内容编辑', admin: '管理员', moderator: '场控' },
  userLine: (name, role) => `${name}（${role}）`,
  languageSwitch: '语言',
  sections: '栏目',
  tabEntries: '知识条目',
  tabSynonyms: '同义词',
  tabImport: '导入导出',
  tabEval: '评测',
  tabSignals: '信号',
  tabAudit: '审计日志',
  auditActor: '操作人（用户名）',
  auditAction: '操作或类别',
  auditSince: '起始日期',
  auditSearch: '查看',
  auditWhen: '时间',
  auditWho: '操作人',
  auditWhat: '操作',
  auditOutcome: '结果',
  auditSubject: '对象',
  auditAddress: '来源地址',
  auditOutcomes: { success: '完成', failure: '失败', refused: '被拒绝' },
  noAudit: '没有符合条件的记录。',
  searchPlaceholder: '搜索问题和回答',
  tagPlaceholder: '标签',
  enabledFilter: '启用状态',
  filterAll: '全部',
  filterEnabled: '已启用',
  filterDisabled: '已停用',
  filter: '筛选',
  newEntry: '新建条目',
  columnId: 'ID',
  columnQuestion: '问题',
  columnTags: '标签',
  columnOn: '启用',
  enabledMark: '✓',
  disabledMark: '停用',
  entryCount: (count) => `共 ${count} 条`,
  noEntries: '没有符合筛选条件的条目。',
  editorEmpty: '选择一个条目进行编辑，或新建条目。',
  editorTitle: '条目',
  editEntry: (id) => `编辑 ${id}`,
  fieldId: 'ID',
  fieldLocale: '语言',
  fieldEnabled: '启用',
  fieldQuestions: '问法（每行一个）',
  fieldAnswer: '回答',
  fieldTags: '标签（用逗号分隔）',
  addLanguage: '添加语言',
  language: '语言',
  localeLabel: '语言代码',
  removeLanguage: '移除',
  save: '保存',
  delete: '删除',
  confirmDelete: '确定删除？',
  needId: '请填写条目 ID，例如 "coins.top-up"',
  idTaken: '该 ID 已存在，请换一个',
  saved: (id) => `已保存 ${id}。`,
  nothingChanged: '没有改动。',
  notSaved: '未保存：请查看表单中的问题。',
  deleted: (id) => `已删除 ${id}，可在版本记录中恢复。`,
  problem: (what, message) => `${what}：${message}`,
  versions: '版本记录',
  noVersions: '暂无修改记录。',
  actions: { create: '新建', update: '修改', delete: '删除', revert: '回滚' },
  versionBy: (actor, at) => ` · ${actor} · ${at}`,
  rollBack: '回滚此修改',
  undoCreate: '撤销（删除）',
  rolledBack: (versionId) => `已回滚修改 #${versionId}。`,
  noVisibleChange: '无可见改动',
  fields: {
    questions: '问法',
    answer: '回答',
    tags: '标签',
    enabled: '启用',
    scope: '适用范围',
    locale: '主语言',
    language: '语言版本',
  },
  fieldIn: (field, locale) => `${field}（${locale}）`,
  enabledValue: (enabled) => (enabled ? '启用' : '停用'),
  scopeValue: (scope, formatDate) =>
    [
      scope.roomId === undefined ? '' : `直播间 ${scope.roomId}`,
      scope.streamerId === undefined ? '' : `主播 ${scope.streamerId}`,
      scope.validFrom === undefined ? '' : `${formatDate(scope.validFrom)} 起`,
      scope.validUntil === undefined ? '' : `至 ${formatDate(scope.validUntil)}`,
    ]
      .filter(Boolean)
      .join('，'),
  everywhere: '全部场景',
  elided: '未改动的内容已省略',
  removedText: '删除',
  addedText: '新增',
  term: '词语',
  means: '等同于',
  anyLocale: '任意',
  add: '添加',
  remove: '删除',
  synonymAdded: (term, canonical) => `“${term}”现在等同于“${canonical}”。`,
  synonymRemoved: (term) => `已删除“${term}”。`,
  noSynonyms: '还没有同义词。',
  importHelpBefore: 'JSON Lines 格式（每行一个条目：',
  importHelpAfter: '），或与导出文件列相同的 CSV。只要有一行不合格，就不会导入任何内容。',
  format: '格式',
  formatAuto: '按文件名判断',
  formatJsonl: 'JSON Lines',
  formatCsv: 'CSV',
  import: '导入',
  exportJsonl: '导出 JSON Lines',
  exportCsv: '导出 CSV',
  pickFile: '请先选择文件。',
  importing: (file) => `正在导入 ${file}…`,
  imported: (file, created, updated, unchanged) =>
    `已导入 ${file}：新增 ${created} 条，更新 ${updated} 条，未变 ${unchanged} 条。`,
  lineProblem: (line, message) => `第 ${line} 行：${message}`,
  suite: '评测集',
  suiteDemo: 'demo：常见问题匹配',
  suiteEscalation: 'escalation：何时转人工',
  run: '开始评测',
  running: (asked, total) => `评测中… ${asked}/${total} 个问题`,
  runEnded: { failed: '评测失败', cancelled: '评测已取消' },
  done: '评测完成。',
  figures: {
    cases: '用例数',
    top1: 'Top-1 准确率',
    top3: 'Top-3 准确率',
    answeredCorrectly: '回答正确',
    answeredWrongly: '回答错误',
    outOfScopeAnswered: '超范围问题被回答',
    escalationPrecision: '转人工精确率',
    escalationRecall: '转人工召回率',
    latency: '延迟 p50 / p95',
  },
  notApplicable: '不适用：评测集中没有此类用例。',
  downloadReport: '下载 HTML 报告',
  reportHint: '可在任意浏览器中打开，包含图表。',
};

export function adminTexts(language: UiLanguage): AdminTexts {
  return language === 'zh' ? ZH : EN;
}
