import { textsFor, type UiLanguage } from '../shared/ui-language.js';

type Result = 'right' | 'clarified' | 'wrong' | 'none';

/** A report caveat as the API sends it (knowledge/editor-report/editor-report.ts ReportNoteSchema). */
export interface ReportNote {
  kind: string;
  tested?: number | undefined;
  total?: number | undefined;
  maxTested?: number | undefined;
  suite?: string | undefined;
  rewrites?: number | undefined;
  evaluated?: number | undefined;
  listed?: number | undefined;
}

/** Every word of the knowledge admin's Quality report tab, per UI language. */
export interface QualityReportTexts {
  tabQuality: string;
  qualityIntro: string;
  runReport: string;
  running: string;
  noReport: string;
  failed: (detail: string) => string;
  summary: (entries: number, tested: number, total: number, accuracy: string, seconds: string) => string;
  generatedAt: (at: string, by: string) => string;
  results: Record<Result, string>;
  confusedTitle: string;
  confusedHint: string;
  columnEntry: string;
  columnWentTo: string;
  columnWrong: string;
  columnClarified: string;
  columnExamples: string;
  accuracyTitle: string;
  columnTested: string;
  columnAccuracy: string;
  weakTitle: string;
  columnIssue: string;
  fewPhrasings: (count: number, locale: string) => string;
  oneLanguage: (locale: string, missing: string) => string;
  suggestionsTitle: string;
  suggestionsHint: (suite: string, right: number, wrong: number, outOfScope: number) => string;
  columnLanguage: string;
  columnSource: string;
  columnPhrasing: string;
  columnChange: string;
  fromGap: (asked: number) => string;
  fromVariant: (from: string) => string;
  change: (right: string, wrong: string, outOfScope: string) => string;
  notEvaluated: string;
  accept: string;
  dismiss: string;
  accepted: (phrasing: string, entryId: string) => string;
  dismissed: string;
  none: string;
  more: (count: number) => string;
  problem: (detail: string) => string;
  note: (note: ReportNote) => string;
}

const zh: QualityReportTexts = {
  tabQuality: '质量报告',
  qualityIntro:
    '逐条拿掉每个问法，看匹配器还能否找到它的条目：列出容易混淆的条目、问法太少或只有一种语言的条目，以及建议补充的问法（附带在本知识库评测集上的效果变化）。',
  runReport: '生成报告',
  running: '正在生成报告…',
  noReport: '还没有报告。点击“生成报告”。',
  failed: (detail) => `报告失败：${detail}`,
  summary: (entries, tested, total, accuracy, seconds) =>
    `${entries} 个条目，测试了 ${tested}/${total} 个问法，留一法准确率 ${accuracy}，耗时 ${seconds} 秒`,
  generatedAt: (at, by) => `${at} 由 ${by} 生成`,
  results: { right: '答对', clarified: '反问', wrong: '答错', none: '未回答' },
  confusedTitle: '容易混淆的条目',
  confusedHint:
    '左边条目的问法被答成了右边的条目（或反问时右边排第一）。合并条目，或让两者的问法更有区分度。',
  columnEntry: '条目',
  columnWentTo: '被当成',
  columnWrong: '答错',
  columnClarified: '反问',
  columnExamples: '问法示例',
  accuracyTitle: '自己的问法找不到自己的条目',
  columnTested: '测试',
  columnAccuracy: '准确率',
  weakTitle: '薄弱条目',
  columnIssue: '问题',
  fewPhrasings: (count, locale) => `${locale} 只有 ${count} 个问法`,
  oneLanguage: (locale, missing) => `只有 ${locale}：请补充 ${missing} 翻译`,
  suggestionsTitle: '建议补充的问法',
  suggestionsHint: (suite, right, wrong, outOfScope) =>
    `效果按评测集 ${suite} 计算（当前：答对 ${right}，答错 ${wrong}，范围外被回答 ${outOfScope}）。`,
  columnLanguage: '语言',
  columnSource: '来源',
  columnPhrasing: '问法',
  columnChange: '评测变化',
  fromGap: (asked) => `未解决的问题（${asked} 次）`,
  fromVariant: (from) => `改写自“${from}”`,
  change: (right, wrong, outOfScope) => `答对 ${right} · 答错 ${wrong} · 范围外 ${outOfScope}`,
  notEvaluated: '未评测',
  accept: '采纳',
  dismiss: '忽略',
  accepted: (phrasing, entryId) => `已把“${phrasing}”加入 ${entryId}（已记录新版本）`,
  dismissed: '已忽略这条建议',
  none: '无',
  more: (count) => `还有 ${count} 条未显示（命令行 --json 可看全部）`,
  problem: (detail) => `出错了：${detail}`,
  note: (note) => {
    switch (note.kind) {
      case 'sampled':
        return `留一法只测试了 ${note.tested}/${note.total} 个问法（均匀抽样，上限 ${note.maxTested}）`;
      case 'no-suite':
        return '没有评测集：建议不附带评测变化';
      case 'suite-unrelated':
        return `评测集 ${note.suite} 不涉及这些条目：建议不附带评测变化`;
      case 'same-reading':
        return `略过了 ${note.rewrites} 个同义词改写：匹配器已把它们读成原问法`;
      case 'unevaluated':
        return `只有前 ${note.evaluated}/${note.listed} 条建议跑了评测，其余未评测`;
      default:
        return note.kind;
    }
  },
};

const en: QualityReportTexts = {
  tabQuality: 'Quality report',
  qualityIntro:
    "Each phrasing is taken out of its entry and asked again: the entries the matcher confuses, entries with too few phrasings or one language, and phrasings worth adding, each with the change it makes on this knowledge base's eval suite.",
  runReport: 'Run report',
  running: 'Building the report…',
  noReport: 'No report yet. Press "Run report".',
  failed: (detail) => `The report failed: ${detail}`,
  summary: (entries, tested, total, accuracy, seconds) =>
    `${entries} entries, ${tested} of ${total} phrasings tested, leave-one-out accuracy ${accuracy}, ${seconds} s`,
  generatedAt: (at, by) => `Built ${at} by ${by}`,
  results: { right: 'right', clarified: 'clarified', wrong: 'wrong', none: 'none' },
  confusedTitle: 'Confused entries',
  confusedHint:
    "The left entry's phrasings were answered with the right one (or it came first in a clarification). Merge them, or make their phrasings tell them apart.",
  columnEntry: 'Entry',
  columnWentTo: 'Went to',
  columnWrong: 'Wrong',
  columnClarified: 'Clarified',
  columnExamples: 'Examples',
  accuracyTitle: 'Entries their own phrasings miss',
  columnTested: 'Tested',
  columnAccuracy: 'Accuracy',
  weakTitle: 'Weak entries',
  columnIssue: 'Issue',
  fewPhrasings: (count, locale) => `${count} phrasing(s) in ${locale}`,
  oneLanguage: (locale, missing) => `only ${locale}: add a ${missing} translation`,
  suggestionsTitle: 'Suggested phrasings',
  suggestionsHint: (suite, right, wrong, outOfScope) =>
    `Change measured on ${suite} (now: ${right} right, ${wrong} wrong, ${outOfScope} out-of-scope answered).`,
  columnLanguage: 'Language',
  columnSource: 'Source',
  columnPhrasing: 'Phrasing',
  columnChange: 'Eval change',
  fromGap: (asked) => `unanswered question (${asked}×)`,
  fromVariant: (from) => `rewritten from "${from}"`,
  change: (right, wrong, outOfScope) => `right ${right} · wrong ${wrong} · out of scope ${outOfScope}`,
  notEvaluated: 'not evaluated',
  accept: 'Accept',
  dismiss: 'Dismiss',
  accepted: (phrasing, entryId) => `Added "${phrasing}" to ${entryId} (a new version is recorded)`,
  dismissed: 'Suggestion dismissed',
  none: 'none',
  more: (count) => `… and ${count} more (livedesk eval --report-kb --json has them all)`,
  problem: (detail) => `Something went wrong: ${detail}`,
  note: (note) => {
    switch (note.kind) {
      case 'sampled':
        return `Leave-one-out tested ${note.tested} of ${note.total} phrasings, spread evenly (at most ${note.maxTested}).`;
      case 'no-suite':
        return 'No eval suite: suggestions come without the change they would make.';
      case 'suite-unrelated':
        return `The suite ${note.suite} names none of these entries: suggestions come without a change.`;
      case 'same-reading':
        return `${note.rewrites} synonym rewrite(s) left out: the matcher already reads them as the phrasing they came from.`;
      case 'unevaluated':
        return `Only the first ${note.evaluated} of ${note.listed} suggestions were run against the suite.`;
      default:
        return note.kind;
    }
  },
};

export function qualityReportTexts(language: UiLanguage): QualityReportTexts {
  return textsFor({ zh, en }, language);
}
