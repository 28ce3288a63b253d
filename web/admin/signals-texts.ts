import type { UiLanguage } from '../shared/ui-language.js';

type Origin = 'trained' | 'uploaded' | 'environment';
type Phase = 'reading' | 'training' | 'measuring';

/** Every word of the knowledge admin's Signals tab, per UI language. */
export interface SignalsTexts {
  activeTitle: string;
  noModel: string;
  noModelHint: string;
  activeLine: (version: number, origin: string, by: string, at: string) => string;
  chosenLine: (by: string, at: string) => string;
  sources: string;
  /** One entry of a model's `sources`, as the admin and the CLI write them, in the page's language. */
  source: (source: string) => string;
  origins: Record<Origin, string>;
  signalNames: Record<string, string>;
  sensitiveName: (category: string) => string;
  // Figures
  columnSignal: string;
  columnHeldOut: string;
  columnPrecision: string;
  columnRecall: string;
  columnF1: string;
  columnListsF1: string;
  columnTestF1: string;
  columnTestListsF1: string;
  columnThreshold: string;
  heldOutSources: Record<'dev' | 'cross-validation', string>;
  figuresHint: (testFile: string, cases: number) => string;
  noTestSplit: string;
  // Compare
  compareTitle: (version: number) => string;
  compareActive: (version: number | null) => string;
  compareCandidate: (version: number) => string;
  compareLists: string;
  compareHint: string;
  activateVersion: (version: number) => string;
  // Labels and retraining
  labelsTitle: string;
  labelsSummary: (suiteFile: string, lines: number, desk: number, marked: number) => string;
  columnSuite: string;
  columnDesk: string;
  columnTrain: string;
  tooFew: (minimum: number) => string;
  retrain: string;
  cancel: string;
  chooseSignal: string;
  phases: Record<Phase, (done: number, total: number, signal: string) => string>;
  trained: (version: number) => string;
  noModelMade: string;
  cancelled: string;
  // Upload
  uploadTitle: string;
  uploadHint: string;
  upload: string;
  uploaded: (version: number) => string;
  alreadyStored: (version: number) => string;
  refused: (message: string) => string;
  // Versions
  versionsTitle: string;
  columnVersion: string;
  columnMade: string;
  columnSignals: string;
  noModelRow: string;
  inUse: string;
  activate: string;
  useNone: string;
  compare: string;
  download: string;
  activated: (version: number | null) => string;
  noVersions: string;
}

const SENSITIVE_EN: Record<string, string> = {
  safety: 'safety',
  fraud: 'fraud',
  minor_spending: 'spending by a minor',
  off_platform_payment: 'payment off the platform',
  harassment: 'harassment',
  large_dispute: 'large dispute',
};

const SENSITIVE_ZH: Record<string, string> = {
  safety: '人身安全',
  fraud: '诈骗',
  minor_spending: '未成年人消费',
  off_platform_payment: '站外交易',
  harassment: '骚扰',
  large_dispute: '大额纠纷',
};

const EN: SignalsTexts = {
  activeTitle: 'Model in use',
  noModel: 'No model: the word lists and intents decide alone.',
  noModelHint: 'Retrain below, or upload a model file, then activate a version.',
  activeLine: (version, origin, by, at) => `Version ${version}, ${origin}, by ${by}, ${at}`,
  chosenLine: (by, at) => `Chosen by ${by}, ${at}.`,
  sources: 'Learned from',
  source: (source) => source,
  origins: {
    trained: 'trained here',
    uploaded: 'uploaded',
    environment: 'from LIVEDESK_SIGNALS_MODEL',
  },
  signalNames: { anger: 'Anger', human_request: 'Asks for a person' },
  sensitiveName: (category) => `Sensitive: ${SENSITIVE_EN[category] ?? category}`,
  columnSignal: 'Signal',
  columnHeldOut: 'Held out by',
  columnPrecision: 'Precision',
  columnRecall: 'Recall',
  columnF1: 'F1',
  columnListsF1: 'Lists alone F1',
  columnTestF1: 'Test split F1',
  columnTestListsF1: 'Lists alone, test F1',
  columnThreshold: 'Threshold',
  heldOutSources: { dev: 'dev file', 'cross-validation': 'cross-validation' },
  figuresHint: (file, cases) =>
    `Held out: figures from training, on lines the classifier did not learn from. Test split: the server's decision with the model and with the lists alone, on the ${cases} lines of ${file}, which no version learns from.`,
  noTestSplit: 'not measured',
  compareTitle: (version) => `Version ${version} beside the model in use`,
  compareActive: (version) => (version === null ? 'In use: lists alone' : `In use: version ${version}`),
  compareCandidate: (version) => `Version ${version}`,
  compareLists: 'Lists alone',
  compareHint: 'F1 held out in training / F1 on the test split. Activate it if it reads better.',
  activateVersion: (version) => `Activate version ${version}`,
  labelsTitle: 'What a retrain learns from',
  labelsSummary: (file, lines, desk, marked) =>
    `${lines} lines of ${file}; ${desk} escalation(s) that reached an agent, ${marked} of them marked "should not have been escalated".`,
  columnSuite: 'Suite (dev) + / −',
  columnDesk: 'Desk + / −',
  columnTrain: 'Train',
  tooFew: (minimum) => `too few: at least ${minimum} of each are needed`,
  retrain: 'Retrain',
  cancel: 'Cancel',
  chooseSignal: 'Choose at least one signal to train.',
  phases: {
    reading: (done, total) => `Reading the labelled lines… ${done}/${total}`,
    training: (done, total, signal) => `Training ${signal}… (${done + 1}/${total})`,
    measuring: () => 'Measuring the new model on the test split…',
  },
  trained: (version) =>
    `Stored as version ${version}, not active yet: compare it with the model in use and activate it if it reads better.`,
  noModelMade: 'No model was made:',
  cancelled: 'Training cancelled; nothing was stored.',
  uploadTitle: 'Upload a model file',
  uploadHint:
    'A file from livedesk signals train --out. It is checked before it is stored, measured on the test split, and not activated.',
  upload: 'Upload',
  uploaded: (version) => `Stored as version ${version}, not active yet.`,
  alreadyStored: (version) => `This model is stored already, as version ${version}.`,
  refused: (message) => `Refused, nothing changed: ${message}`,
  versionsTitle: 'Versions',
  columnVersion: 'Version',
  columnMade: 'Made',
  columnSignals: 'Signals (test F1, lists alone in brackets)',
  noModelRow: 'No model: lists and intents only',
  inUse: 'In use',
  activate: 'Activate',
  useNone: 'Use no model',
  compare: 'Compare',
  download: 'Download',
  activated: (version) =>
    version === null
      ? 'No model is in use now: every conversation reads its next message with the lists and intents alone.'
      : `Version ${version} is in use now: every conversation reads its next message with it.`,
  noVersions: 'No version stored yet.',
};

const ZH: SignalsTexts = {
  activeTitle: '当前使用的模型',
  noModel: '未使用模型：仅由词表和意图判断。',
  noModelHint: '可在下方重新训练或上传模型文件，然后启用某个版本。',
  activeLine: (version, origin, by, at) => `第 ${version} 版，${origin}，${by}，${at}`,
  chosenLine: (by, at) => `由 ${by} 于 ${at} 选定。`,
  sources: '训练数据',
  source: (source) => {
    const suite = /^(.+) \((\d+) lines\)$/.exec(source);
    if (suite) return `${suite[1]}（${suite[2]} 行）`;
    const desk = /^desk labels \((\d+): (\d+) kept, (\d+) marked not to escalate\)$/.exec(source);
    if (desk) return `客服标注 ${desk[1]} 条（保留 ${desk[2]} 条，${desk[3]} 条标记为不该转人工）`;
    const named = /^(uploaded|file): (.+)$/.exec(source);
    if (named) return `${named[1] === 'uploaded' ? '上传' : '文件'}：${named[2]}`;
    return source;
  },
  origins: { trained: '在此训练', uploaded: '上传', environment: '来自 LIVEDESK_SIGNALS_MODEL' },
  signalNames: { anger: '愤怒', human_request: '要求人工' },
  sensitiveName: (category) => `敏感：${SENSITIVE_ZH[category] ?? category}`,
  columnSignal: '信号',
  columnHeldOut: '留出方式',
  columnPrecision: '精确率',
  columnRecall: '召回率',
  columnF1: 'F1',
  columnListsF1: '仅词表 F1',
  columnTestF1: '测试集 F1',
  columnTestListsF1: '仅词表测试集 F1',
  columnThreshold: '阈值',
  heldOutSources: { dev: '开发集', 'cross-validation': '交叉验证' },
  figuresHint: (file, cases) =>
    `留出：训练时在分类器未学过的数据上得到的指标。测试集：服务器在 ${file} 的 ${cases} 行上（任何版本都不用它训练）使用模型与仅用词表时的判断。`,
  noTestSplit: '未测量',
  compareTitle: (version) => `第 ${version} 版与当前模型对比`,
  compareActive: (version) => (version === null ? '当前：仅词表' : `当前：第 ${version} 版`),
  compareCandidate: (version) => `第 ${version} 版`,
  compareLists: '仅词表',
  compareHint: '训练留出 F1 / 测试集 F1。表现更好时再启用。',
  activateVersion: (version) => `启用第 ${version} 版`,
  labelsTitle: '重新训练所用的标注',
  labelsSummary: (file, lines, desk, marked) =>
    `${file} 共 ${lines} 行；${desk} 次转人工到达了客服，其中 ${marked} 次被标记为“不该转人工”。`,
  columnSuite: '评测集（开发集）正 / 负',
  columnDesk: '客服标注 正 / 负',
  columnTrain: '训练',
  tooFew: (minimum) => `样本太少：正负样本各至少需要 ${minimum} 个`,
  retrain: '重新训练',
  cancel: '取消',
  chooseSignal: '请至少选择一个要训练的信号。',
  phases: {
    reading: (done, total) => `正在读取标注… ${done}/${total}`,
    training: (done, total, signal) => `正在训练 ${signal}…（${done + 1}/${total}）`,
    measuring: () => '正在测试集上评估新模型…',
  },
  trained: (version) => `已保存为第 ${version} 版，尚未启用：请与当前模型对比，表现更好时再启用。`,
  noModelMade: '未生成模型：',
  cancelled: '训练已取消，未保存任何内容。',
  uploadTitle: '上传模型文件',
  uploadHint:
    '由 livedesk signals train --out 生成的文件。保存前会先校验，并在测试集上评估；上传后不会自动启用。',
  upload: '上传',
  uploaded: (version) => `已保存为第 ${version} 版，尚未启用。`,
  alreadyStored: (version) => `该模型已保存过，即第 ${version} 版。`,
  refused: (message) => `已拒绝，未做任何更改：${message}`,
  versionsTitle: '版本',
  columnVersion: '版本',
  columnMade: '来源',
  columnSignals: '信号（测试集 F1，括号内为仅词表）',
  noModelRow: '不使用模型：仅词表和意图',
  inUse: '使用中',
  activate: '启用',
  useNone: '不使用模型',
  compare: '对比',
  download: '下载',
  activated: (version) =>
    version === null
      ? '已停用模型：所有会话的下一条消息将仅由词表和意图判断。'
      : `第 ${version} 版已启用：所有会话的下一条消息将使用它判断。`,
  noVersions: '还没有保存任何版本。',
};

export function signalsTexts(language: UiLanguage): SignalsTexts {
  return language === 'zh' ? ZH : EN;
}

/** A signal's name in the page's language: `sensitive:fraud` → "Sensitive: fraud". */
export function signalName(texts: SignalsTexts, signal: string): string {
  if (signal.startsWith('sensitive:')) return texts.sensitiveName(signal.slice('sensitive:'.length));
  return texts.signalNames[signal] ?? signal;
}
