import type { StaffRole } from '../../server/auth/principal.js';
import type { UiLanguage } from '../shared/ui-language.js';

/** Why a key figure is "–": what it waits for, with the counts that say how far along it is. */
export interface MissingFigureTexts {
  aiFirstResponse: string;
  humanFirstResponse: (unanswered: string) => string;
  timeToPerson: (abandoned: string) => string;
  /** `window` is the reopen window as words ("24 hours"). */
  aiResolution: (window: string, open: string, pending: string) => string;
  escalation: string;
  firstContact: (window: string) => string;
  satisfactionNotAsked: string;
  satisfactionNotRated: (asked: string) => string;
  agentFirstResponse: string;
  agentHandle: string;
  agentScore: string;
  agentFootnote: string;
}

/** Every word the analytics dashboard shows, per UI language. */
export interface DashboardTexts {
  /** BCP 47 tag for Intl number and date formatting. */
  locale: string;
  pageTitle: string;
  appName: string;
  loginHint: string;
  username: string;
  password: string;
  logIn: string;
  logOut: string;
  sessionEnded: string;
  wrongPassword: string;
  wrongRole: (role: string) => string;
  roles: Record<StaffRole, string>;
  userLine: (name: string, role: string) => string;
  range: string;
  last24Hours: string;
  last7Days: string;
  last30Days: string;
  last90Days: string;
  custom: string;
  from: string;
  to: string;
  room: string;
  allRooms: string;
  team: string;
  allTeams: string;
  timeZone: string;
  apply: string;
  badRange: string;
  loading: string;
  updated: (time: string) => string;
  keyFigures: string;
  kpi: {
    conversations: string;
    wentToPeople: (count: string) => string;
    aiFirstResponse: string;
    humanFirstResponse: string;
    medianP90: (p90: string) => string;
    timeToPerson: string;
    medianGaveUp: (count: string) => string;
    aiResolution: string;
    resolvedOfEnded: (resolved: string, ended: string) => string;
    escalationRate: string;
    escalatedConversations: (count: string) => string;
    firstContact: string;
    judged: (count: string) => string;
    satisfaction: string;
    answered: (rate: string) => string;
    slaBreaches: string;
    slaBreachKinds: (first: string, next: string) => string;
  };
  missing: MissingFigureTexts;
  charts: {
    escalations: string;
    satisfaction: string;
    satisfactionLabel: string;
    responseTimes: string;
    responseLabel: string;
    hours: string;
    hoursLabel: string;
    weekdays: string;
    weekdaysLabel: string;
    queue: string;
    queueLabel: string;
    conversations: string;
    handoffs: string;
    withPeople: string;
    aiOnly: string;
    averageWaiting: string;
    mostWaiting: string;
    medianWaitMinutes: string;
    conversationsAxis: string;
    minutesAxis: string;
    medianSeconds: string;
    p90Seconds: string;
    handleTime: string;
  };
  reasons: Record<string, string>;
  comments: string;
  noComments: string;
  commentViewer: (name: string) => string;
  commentAgent: (name: string) => string;
  commentAi: string;
  agents: string;
  /** The danmaku watch's card (issue 16). */
  roomAlerts: string;
  roomAlertRoom: string;
  roomAlertKind: string;
  roomAlertCount: string;
  agentColumns: {
    agent: string;
    handled: string;
    firstResponse: string;
    handleTime: string;
    messages: string;
    satisfaction: string;
    ratings: string;
  };
  noAgents: string;
  gaps: string;
  gapsHint: string;
  gapSummary: (questions: string, wordings: string, groups: string) => string;
  gapColumns: {
    rank: string;
    question: string;
    asked: string;
    conversations: string;
    why: string;
    alsoAskedAs: string;
  };
  declined: (count: string) => string;
  askedBack: (count: string) => string;
  handedOff: (count: string) => string;
  createEntry: string;
  noGaps: string;
  proposals: string;
  proposalsHint: string;
  scan: string;
  proposalColumns: { wording: string; entry: string; seen: string; lastSeen: string };
  approve: string;
  reject: string;
  nothingToReview: string;
  approved: string;
  rejected: string;
  scanned: (proposed: string, answers: string) => string;
  score: (score: string) => string;
}

/** English counts come formatted ("1,204"); only a lone 1 is singular. */
const plural = (count: string, one: string, many: string): string => (count === '1' ? one : many);

const EN: DashboardTexts = {
  locale: 'en',
  pageTitle: 'Livedesk · Analytics',
  appName: 'Analytics',
  loginHint: 'Supervisors see how support performs; content editors see what the knowledge base misses.',
  username: 'Username',
  password: 'Password',
  logIn: 'Log in',
  logOut: 'Log out',
  sessionEnded: 'Your session ended; log in again.',
  wrongPassword: 'Wrong username or password.',
  wrongRole: (role) =>
    `A ${role} account cannot use this page; it needs a supervisor, editor or admin account.`,
  roles: {
    agent: 'agent',
    supervisor: 'supervisor',
    editor: 'editor',
    admin: 'admin',
    moderator: 'moderator',
  },
  userLine: (name, role) => `${name} (${role})`,
  range: 'Range',
  last24Hours: 'Last 24 hours',
  last7Days: 'Last 7 days',
  last30Days: 'Last 30 days',
  last90Days: 'Last 90 days',
  custom: 'Custom',
  from: 'From',
  to: 'To',
  room: 'Room',
  allRooms: 'all rooms',
  team: 'Team',
  allTeams: 'all teams',
  timeZone: 'Time zone',
  apply: 'Apply',
  badRange: 'Choose a start before the end.',
  loading: 'Loading…',
  updated: (time) => `Updated ${time}`,
  keyFigures: 'Key figures',
  kpi: {
    conversations: 'Conversations',
    wentToPeople: (count) => `${count} went to people`,
    aiFirstResponse: 'AI first response',
    humanFirstResponse: 'Human first response',
    medianP90: (p90) => `median · p90 ${p90}`,
    timeToPerson: 'Time to a person',
    medianGaveUp: (count) => `median · ${count} gave up`,
    aiResolution: 'AI resolution',
    resolvedOfEnded: (resolved, ended) => `${resolved} of ${ended} ended`,
    escalationRate: 'Escalation rate',
    escalatedConversations: (count) => `${count} ${plural(count, 'conversation', 'conversations')}`,
    firstContact: 'First-contact resolution',
    judged: (count) => `${count} judged`,
    satisfaction: 'Satisfaction',
    answered: (rate) => `${rate} answered`,
    slaBreaches: 'Response targets missed',
    slaBreachKinds: (first, next) => `conversations · ${first} first and ${next} later replies late`,
  },
  missing: {
    aiFirstResponse:
      "No AI reply in this range yet: it is timed from a viewer's first message to the AI's first reply.",
    humanFirstResponse: (unanswered) =>
      `No agent has written in a queued conversation in this range yet (${unanswered} left the queue unanswered).`,
    timeToPerson: (abandoned) =>
      `No agent has accepted a queued conversation in this range yet (${abandoned} gave up waiting).`,
    aiResolution: (window, open, pending) =>
      `No conversation has ended yet. One counts once it is closed and ${window} pass without a reopen, or once the viewer has been quiet with the AI for ${window}. Waiting: ${open} open, ${pending} closed less than ${window} ago.`,
    escalation: 'No conversation in this range has a viewer message yet.',
    firstContact: (window) =>
      `No first contact has ended yet: it is judged once the conversation is closed and ${window} pass without a reopen, or the viewer has been quiet with the AI for ${window}.`,
    satisfactionNotAsked: 'No rating asked for yet: viewers are asked when a conversation is closed.',
    satisfactionNotRated: (asked) => `${asked} asked to rate; nobody has rated yet.`,
    agentFirstResponse: 'This agent never wrote first in a queued conversation in this range.',
    agentHandle: 'None of this agent’s conversations has been let go yet (still held).',
    agentScore: 'No rating counted for this agent yet.',
    agentFootnote:
      '“–” means no sample yet: first response counts conversations where the agent wrote first, handle time counts holds that have ended, satisfaction counts ratings given after the agent’s conversations closed. Hover over a “–” for the reason.',
  },
  charts: {
    escalations: 'Escalations by reason',
    satisfaction: 'Satisfaction',
    satisfactionLabel: 'Satisfaction scores',
    responseTimes: 'Response times',
    responseLabel: 'Median and 90th percentile response times',
    hours: 'Volume by hour of day',
    hoursLabel: 'Conversations and handoffs by hour',
    weekdays: 'Volume by day of week',
    weekdaysLabel: 'Conversations and handoffs by weekday',
    queue: 'Queue over time',
    queueLabel: 'Queue length and wait over time',
    conversations: 'Conversations',
    handoffs: 'Handoffs',
    withPeople: 'With people',
    aiOnly: 'AI only',
    averageWaiting: 'Average waiting',
    mostWaiting: 'Most waiting',
    medianWaitMinutes: 'Median wait (min)',
    conversationsAxis: 'conversations',
    minutesAxis: 'minutes',
    medianSeconds: 'Median (s)',
    p90Seconds: '90th percentile (s)',
    handleTime: 'Handle time',
  },
  reasons: {
    low_confidence: 'Low confidence',
    anger: 'Anger',
    public_threat: 'Going public or to court',
    churn: 'Leaving',
    human_request: 'Asked for a person',
    sensitive: 'Sensitive topic',
    repetition: 'Repetition',
    other: 'By staff',
  },
  comments: 'Latest comments',
  noComments: 'No comments yet.',
  commentViewer: (name) => `from ${name}`,
  commentAgent: (name) => `agent ${name}`,
  commentAi: 'AI assistant',
  agents: 'Agents',
  roomAlerts: 'Room alerts (danmaku watch)',
  roomAlertRoom: 'Room',
  roomAlertKind: 'Kind',
  roomAlertCount: 'Alerts',
  agentColumns: {
    agent: 'Agent',
    handled: 'Handled',
    firstResponse: 'Median first response',
    handleTime: 'Median handle time',
    messages: 'Messages',
    satisfaction: 'Satisfaction',
    ratings: 'Ratings',
  },
  noAgents: 'No agent handled a conversation in this range.',
  gaps: 'Knowledge gaps',
  gapsHint:
    'Questions the AI had no confident answer for, grouped when they ask the same thing. Create an entry for the biggest groups first.',
  gapSummary: (questions, wordings, groups) =>
    `${questions} ${plural(questions, 'question', 'questions')}, ${wordings} ${plural(wordings, 'wording', 'wordings')}, ${groups} ${plural(groups, 'group', 'groups')}`,
  gapColumns: {
    rank: '#',
    question: 'Question',
    asked: 'Asked',
    conversations: 'Conversations',
    why: 'Why',
    alsoAskedAs: 'Also asked as',
  },
  declined: (count) => `${count} declined`,
  askedBack: (count) => `${count} asked back`,
  handedOff: (count) => `${count} handed off`,
  createEntry: 'Create entry',
  noGaps: 'No unanswered questions in this range.',
  proposals: 'Proposed phrasings',
  proposalsHint:
    'Agents answered these viewer questions from a knowledge entry; approve to add the wording to the entry.',
  scan: 'Look for new',
  proposalColumns: { wording: 'Viewer wording', entry: 'Entry', seen: 'Seen', lastSeen: 'Last seen' },
  approve: 'Approve',
  reject: 'Reject',
  nothingToReview: 'Nothing to review.',
  approved: 'Phrasing added to the entry.',
  rejected: 'Proposal rejected.',
  scanned: (proposed, answers) => `${proposed} new proposals from ${answers} knowledge answers.`,
  score: (score) => `${score} / 5`,
};

const ZH: DashboardTexts = {
  locale: 'zh-CN',
  pageTitle: 'Livedesk · 数据分析',
  appName: '数据分析',
  loginHint: '主管查看客服服务表现，内容编辑查看知识库缺口。',
  username: '用户名',
  password: '密码',
  logIn: '登录',
  logOut: '退出登录',
  sessionEnded: '登录已过期，请重新登录。',
  wrongPassword: '用户名或密码错误。',
  wrongRole: (role) => `${role}账号不能使用此页面，需要主管、内容编辑或管理员账号。`,
  roles: { agent: '客服', supervisor: '主管', editor: '内容编辑', admin: '管理员', moderator: '场控' },
  userLine: (name, role) => `${name}（${role}）`,
  range: '时间范围',
  last24Hours: '最近 24 小时',
  last7Days: '最近 7 天',
  last30Days: '最近 30 天',
  last90Days: '最近 90 天',
  custom: '自定义',
  from: '开始',
  to: '结束',
  room: '直播间',
  allRooms: '全部直播间',
  team: '团队',
  allTeams: '全部团队',
  timeZone: '时区',
  apply: '应用',
  badRange: '开始时间需早于结束时间。',
  loading: '加载中…',
  updated: (time) => `更新于 ${time}`,
  keyFigures: '关键指标',
  kpi: {
    conversations: '会话量',
    wentToPeople: (count) => `${count} 个转人工`,
    aiFirstResponse: 'AI 首次响应时间',
    humanFirstResponse: '人工首次响应时间',
    medianP90: (p90) => `中位数 · p90 ${p90}`,
    timeToPerson: '转人工等待时长',
    medianGaveUp: (count) => `中位数 · ${count} 个放弃等待`,
    aiResolution: 'AI 解决率',
    resolvedOfEnded: (resolved, ended) => `已结束 ${ended} 个中解决 ${resolved} 个`,
    escalationRate: '转人工率',
    escalatedConversations: (count) => `${count} 个会话`,
    firstContact: '一次解决率',
    judged: (count) => `已判定 ${count} 个`,
    satisfaction: '满意度',
    answered: (rate) => `评价率 ${rate}`,
    slaBreaches: '响应超时',
    slaBreachKinds: (first, next) => `个会话 · 首次回复超时 ${first} 次，后续回复超时 ${next} 次`,
  },
  missing: {
    aiFirstResponse: '此时间范围内 AI 还没有回复过：从观众发出第一条消息算到 AI 第一次回复。',
    humanFirstResponse: (unanswered) =>
      `此时间范围内还没有客服在排队的会话中回复过（${unanswered} 个未获回复就离开了队列）。`,
    timeToPerson: (abandoned) => `此时间范围内还没有客服接入排队的会话（${abandoned} 个放弃等待）。`,
    aiResolution: (window, open, pending) =>
      `还没有已结束的会话。会话关闭后 ${window} 内没有重新打开，或观众与 AI 对话后 ${window} 没有再发言，才计为结束。等待中：${open} 个进行中，${pending} 个关闭未满 ${window}。`,
    escalation: '此时间范围内还没有观众发过消息的会话。',
    firstContact: (window) =>
      `还没有可判定的首次接触：会话关闭后 ${window} 内没有重新打开，或观众与 AI 对话后 ${window} 没有再发言，才进行判定。`,
    satisfactionNotAsked: '还没有邀请过评价：会话关闭时才会邀请观众评价。',
    satisfactionNotRated: (asked) => `已邀请 ${asked} 次评价，暂无观众评分。`,
    agentFirstResponse: '此时间范围内该客服没有在排队会话中第一个回复。',
    agentHandle: '该客服接入的会话都还没有结束（仍在处理中）。',
    agentScore: '该客服暂无评分。',
    agentFootnote:
      '“–”表示暂无数据：首次响应只统计该客服第一个回复的会话，处理时长只统计已结束的接待，满意度只统计该客服的会话关闭后收到的评分。将鼠标移到“–”上可查看原因。',
  },
  charts: {
    escalations: '转人工原因',
    satisfaction: '满意度',
    satisfactionLabel: '满意度评分分布',
    responseTimes: '响应时间',
    responseLabel: '响应时间的中位数和 p90',
    hours: '按小时的会话量',
    hoursLabel: '每小时的会话量和转人工量',
    weekdays: '按星期的会话量',
    weekdaysLabel: '每周各天的会话量和转人工量',
    queue: '排队情况',
    queueLabel: '排队人数和等待时长随时间的变化',
    conversations: '会话量',
    handoffs: '转人工',
    withPeople: '人工服务',
    aiOnly: '仅 AI',
    averageWaiting: '平均排队人数',
    mostWaiting: '最多排队人数',
    medianWaitMinutes: '等待时长中位数（分钟）',
    conversationsAxis: '会话数',
    minutesAxis: '分钟',
    medianSeconds: '中位数（秒）',
    p90Seconds: 'p90（秒）',
    handleTime: '处理时长',
  },
  reasons: {
    low_confidence: '置信度低',
    anger: '情绪激动',
    public_threat: '扬言曝光/投诉',
    churn: '扬言流失',
    human_request: '要求人工',
    sensitive: '敏感话题',
    repetition: '重复提问',
    other: '客服转接',
  },
  comments: '最新评价',
  noComments: '暂无评价。',
  commentViewer: (name) => `观众 ${name}`,
  commentAgent: (name) => `客服 ${name}`,
  commentAi: '智能助手',
  agents: '客服表现',
  roomAlerts: '房间告警（弹幕监控）',
  roomAlertRoom: '直播间',
  roomAlertKind: '类型',
  roomAlertCount: '告警数',
  agentColumns: {
    agent: '客服',
    handled: '接待量',
    firstResponse: '首次响应时间中位数',
    handleTime: '处理时长中位数',
    messages: '消息数',
    satisfaction: '满意度',
    ratings: '评价数',
  },
  noAgents: '此时间范围内没有客服接待过会话。',
  gaps: '知识库缺口',
  gapsHint: 'AI 没能给出有把握回答的问题，意思相同的会归为一组。优先为最大的几组新建条目。',
  gapSummary: (questions, wordings, groups) => `${questions} 个问题，${wordings} 种问法，${groups} 组`,
  gapColumns: {
    rank: '#',
    question: '问题',
    asked: '提问次数',
    conversations: '会话数',
    why: '原因',
    alsoAskedAs: '其他问法',
  },
  declined: (count) => `${count} 次无法回答`,
  askedBack: (count) => `${count} 次反问澄清`,
  handedOff: (count) => `${count} 次转人工`,
  createEntry: '新建条目',
  noGaps: '此时间范围内没有未回答的问题。',
  proposals: '建议新增问法',
  proposalsHint: '客服用知识条目回答了这些观众问题；通过后，这些问法会加入对应条目。',
  scan: '查找新建议',
  proposalColumns: { wording: '观众问法', entry: '条目', seen: '出现次数', lastSeen: '最近出现' },
  approve: '通过',
  reject: '拒绝',
  nothingToReview: '暂无待审核的建议。',
  approved: '问法已加入条目。',
  rejected: '已拒绝该建议。',
  scanned: (proposed, answers) => `从 ${answers} 条知识库回答中找到 ${proposed} 条新建议。`,
  score: (score) => `${score} / 5`,
};

export function dashboardTexts(language: UiLanguage): DashboardTexts {
  return language === 'zh' ? ZH : EN;
}

/**
 * The words of dashboard.html by their `data-text` keys: the top-level texts as they are, the grouped
 * ones as `charts.escalations`, `agent.handled`, `gap.why`, `proposal.seen`.
 */
export function dashboardPageWords(texts: DashboardTexts): Record<string, string> {
  const groups: [string, object][] = [
    ['', texts],
    ['charts.', texts.charts],
    ['agent.', texts.agentColumns],
    ['gap.', texts.gapColumns],
    ['proposal.', texts.proposalColumns],
  ];
  const words: Record<string, string> = {};
  for (const [prefix, group] of groups)
    for (const [key, value] of Object.entries(group))
      if (typeof value === 'string') words[prefix + key] = value;
  return words;
}
