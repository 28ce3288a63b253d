import type { UiLanguage } from '../shared/ui-language.js';

type ConversationStatus = 'queued' | 'offered' | 'active' | 'needs-reassignment' | 'released' | 'watching';
type TicketStatus = 'open' | 'pending' | 'resolved' | 'closed';
type TicketPriority = 'low' | 'normal' | 'high' | 'urgent';
type StaffRole = 'agent' | 'supervisor' | 'editor' | 'admin' | 'moderator';

/** Every word the agent console shows, per UI language; the page's static words use the string keys. */
export interface ConsoleTexts {
  // Static words of console.html (data-text / data-placeholder / data-label keys).
  pageTitle: string;
  consoleName: string;
  loginTitle: string;
  username: string;
  password: string;
  logIn: string;
  logOut: string;
  presenceLabel: string;
  presenceOnline: string;
  presenceAway: string;
  presenceOffline: string;
  conversationsLabel: string;
  mine: string;
  queue: string;
  heldByOthers: string;
  tickets: string;
  emptyState: string;
  accept: string;
  decline: string;
  transfer: string;
  escalate: string;
  handBack: string;
  createTicket: string;
  close: string;
  transferToAgent: string;
  transferToTeam: string;
  teamPlaceholder: string;
  transferNote: string;
  escalateNote: string;
  escalateSubmit: string;
  cancel: string;
  handoffLabel: string;
  /** Before a handoff summary the LLM wrote: it may be wrong, and the agent should check the transcript. */
  summaryByAi: string;
  /** Before a summary picked from the viewer's own lines (engine/handoff/extractive-summary.ts). */
  summaryAutomatic: string;
  aiTried: string;
  quickRepliesLabel: string;
  quickRepliesPlaceholder: string;
  noQuickReplies: string;
  searchKnowledge: string;
  search: string;
  replyPlaceholder: string;
  send: string;
  viewerLabel: string;
  earlierConversations: string;
  ticket: string;
  newMessages: string;
  dismiss: string;
  languageLabel: string;
  refresh: string;

  // Status line and errors.
  wrongPassword: string;
  wrongRole: (role: StaffRole) => string;
  sessionEnded: string;
  notConnected: string;
  replyNotSent: string;
  queuedForOthers: string;
  working: (action: string) => string;
  done: (action: string) => string;
  failed: (action: string, problem: string) => string;
  actions: Record<'accept' | 'decline' | 'transfer' | 'escalate' | 'hand-back' | 'close' | 'reply', string>;
  frameError: (code: string, serverMessage: string) => string;
  httpError: (code: string, status: number, serverMessage: string) => string;
  cancelled: string;
  creatingTicket: string;
  ticketCreated: (id: string) => string;
  fillIn: (variables: string) => string;
  problemIn: Record<'quickReplies' | 'knowledgeSearch' | 'ticket' | 'tickets' | 'history', string>;

  // Top bar.
  connection: Record<'connecting' | 'open' | 'reconnecting' | 'closed', string>;
  roles: Record<StaffRole, string>;
  userLine: (name: string, role: string) => string;
  load: (load: number, capacity: number) => string;
  documentTitle: (offered: number) => string;

  // Conversation lists.
  nothingAssigned: string;
  nobodyWaiting: string;
  listStatus: Record<Exclude<ConversationStatus, 'watching'>, string>;
  queuePosition: (position: number) => string;
  vip: string;
  lanes: Record<string, string>;
  laneReasons: Record<string, string>;
  whyLane: (reasons: string) => string;
  viewerFallback: (code: string) => string;
  /** A name the viewer gave themselves (their token named nobody): never shown as if the platform vouched for it. */
  selfNamed: (name: string) => string;
  heldBy: (agent: string) => string;
  unassignedHolder: string;

  // Conversation header, SLA and offers.
  headerStatus: Record<ConversationStatus, string>;
  releasedStatus: (reason: string) => string;
  releasedReasons: Record<string, string>;
  priorities: Record<'normal' | 'high' | 'urgent', string>;
  teamAndLane: (team: string, lane: string) => string;
  teams: Record<string, string>;
  sla: Record<'first-response' | 'next-response', string>;
  slaDue: (kind: string, remaining: string) => string;
  slaBreached: (kind: string, overdue: string) => string;
  offerExpires: (remaining: string) => string;
  offerExpired: string;
  flagged: string;

  // Handoff card.
  reasonBadges: Record<string, string>;
  reasonPhrases: Record<string, string>;
  angerTrend: (arrow: string, trend: string) => string;
  trends: Record<'rising' | 'steady' | 'falling', string>;
  anger: string;
  decisionConfidence: (percent: string) => string;
  noEntry: string;
  details: {
    humanRequest: (cues: string) => string;
    sensitive: (category: string, cues: string) => string;
    anger: (score: string, trend: string, cues: string) => string;
    repetition: (cues: string) => string;
    lowConfidence: (percent: string, attempts: number) => string;
  };
  transferNoteLine: (escalation: boolean, by: string, to: string, note: string) => string;
  teamTarget: (team: string) => string;

  // Transcript.
  authors: Record<'viewer' | 'assistant' | 'agent' | 'system' | 'you', string>;
  tags: Record<'voice' | 'interrupted' | 'error', string>;
  /** The player's label on a viewer's spoken turn (its recording), where a sent clip says "voice clip". */
  spokenRecording: string;
  entryTag: (entryId: string) => string;
  /** A viewer message translated into the agents' language (shown under the original). */
  translationOf: (language: string, text: string) => string;
  /** Tags of an agent reply: sent translated into, or as written for want of a translation into, `language`. */
  sentTranslated: (language: string) => string;
  sentUntranslated: (language: string) => string;
  askedWhich: (options: string) => string;
  suggested: (topics: string) => string;
  handedToPerson: (reasons: string) => string;
  joined: (name: string) => string;
  handedBack: string;
  closed: string;
  reopened: string;
  queuedFor: (team: string, lane: string) => string;
  offeredTo: (name: string) => string;
  backInQueue: (why: string) => string;
  requeueReasons: Record<string, (name: string) => string>;
  needsReassignment: (name: string) => string;
  viewerLeft: string;
  released: (reason: string) => string;
  flaggedNoReply: (name: string, since: string) => string;
  slaBreachedNote: (kind: string, dueAt: string) => string;
  overflowed: (team: string) => string;
  setAway: (name: string, missed: number) => string;
  presenceNote: (name: string, presence: string) => string;
  presences: Record<'online' | 'away' | 'offline', string>;
  ratingRequested: string;
  rated: (score: number, comment: string) => string;
  opened: (room: string) => string;
  /** An event the platform posted (a refund done): an internal note, with what the viewer was told if anything. */
  platformEvent: (
    platformId: string,
    eventType: string,
    text: string,
    toViewer: string | undefined,
  ) => string;
  /** The platform updated where the viewer is watching. */
  liveContextUpdated: (
    product: string | undefined,
    streamer: string | undefined,
    state: string | undefined,
  ) => string;
  unknownRoom: string;

  // Notices from the desk.
  notices: Record<'auto-away' | 'offer-expired' | 'no-reply', string>;
  autoAway: (missed: number) => string;

  // Reply tools.
  insert: string;
  noEntryMatches: string;
  confidence: (percent: string) => string;
  cites: (entryId: string) => string;
  doNotCite: string;
  quickReplyHint: string;
  noQuickReplyMatches: (typed: string) => string;

  // Profile.
  profileFields: Record<
    | 'viewer'
    | 'name'
    | 'identity'
    | 'tier'
    | 'vipLevel'
    | 'attributes'
    | 'locale'
    | 'room'
    | 'streamer'
    | 'product'
    | 'conversation',
    string
  >;
  /** The platform signed who the viewer is (issue 15): their name and tier are its word. */
  verifiedBy: (platformId: string, userId: string) => string;
  /** No signed identity: whatever name the viewer shows, nobody vouches for it. */
  notVerified: string;
  tiers: Record<'regular' | 'vip', string>;
  loading: string;
  noEarlier: string;
  states: Record<'ai' | 'pending_human' | 'human' | 'closed', string>;
  historyAgents: (names: string) => string;
  rating: (score: number) => string;

  // Tickets.
  noTicket: string;
  /** The ticket panel with no conversation open. */
  pickTicket: string;
  ticketScope: Record<'mine' | 'unassigned' | 'all', string>;
  anyDepartment: string;
  anyStatus: string;
  noTickets: string;
  ticketStatuses: Record<TicketStatus, string>;
  ticketPriorities: Record<TicketPriority, string>;
  statusField: string;
  departmentField: string;
  priorityField: string;
  assigneeField: string;
  unassigned: string;
  handoverNote: string;
  handoverNoteNeeded: string;
  changeNote: string;
  save: string;
  saved: string;
  nothingChanged: string;
  comment: string;
  commentPlaceholder: string;
  addComment: string;
  historyTitle: string;
  closeTicket: string;
  dueIn: (remaining: string) => string;
  overdueBy: (overdue: string) => string;
  noDue: string;
  /** The heading over a ticket's pictures, voice clips and files. */
  attachmentsTitle: (count: number) => string;
  disabledDepartment: (name: string) => string;
  ticketFor: (viewer: string) => string;
  historyLine: {
    created: (actor: string, department: string, priority: string) => string;
    status: (actor: string, before: string, after: string) => string;
    department: (actor: string, before: string, after: string) => string;
    priority: (actor: string, before: string, after: string) => string;
    assignee: (actor: string, after: string) => string;
    unassignedBy: (actor: string) => string;
    title: (actor: string) => string;
    description: (actor: string) => string;
    tags: (actor: string, tags: string) => string;
    comment: (actor: string) => string;
  };

  // Durations and numbers.
  duration: (days: number, hours: number, minutes: number) => string;
  percent: (value: number) => string;
  listSeparator: string;
  dateLocale: string;
}

const EN: ConsoleTexts = {
  pageTitle: 'Livedesk · Agent console',
  consoleName: 'Agent console',
  loginTitle: 'Agent console',
  username: 'Username',
  password: 'Password',
  logIn: 'Log in',
  logOut: 'Log out',
  presenceLabel: 'Presence',
  presenceOnline: 'Online',
  presenceAway: 'Away',
  presenceOffline: 'Offline',
  conversationsLabel: 'Conversations',
  mine: 'Mine',
  queue: 'Queue',
  heldByOthers: 'Held by others',
  tickets: 'Tickets',
  emptyState: 'Pick a conversation on the left.',
  accept: 'Accept',
  decline: 'Decline',
  transfer: 'Transfer',
  escalate: 'Escalate',
  handBack: 'Hand back to AI',
  createTicket: 'Create ticket',
  close: 'Close',
  transferToAgent: 'Agent',
  transferToTeam: 'Team',
  teamPlaceholder: 'team',
  transferNote: 'Note for whoever takes it',
  escalateNote: 'Why it needs a supervisor',
  escalateSubmit: 'Escalate to supervisor',
  cancel: 'Cancel',
  handoffLabel: 'Handoff summary',
  summaryByAi: 'AI summary — may be wrong',
  summaryAutomatic: 'Automatic',
  aiTried: 'What the AI tried',
  quickRepliesLabel: 'Quick replies',
  quickRepliesPlaceholder: 'Quick replies…',
  noQuickReplies: 'No quick replies',
  searchKnowledge: 'Search knowledge…',
  search: 'Search',
  replyPlaceholder: 'Reply to the viewer… (/ for quick replies, Ctrl+Enter sends)',
  send: 'Send',
  viewerLabel: 'Viewer',
  earlierConversations: 'Earlier conversations',
  ticket: 'Ticket',
  newMessages: 'New messages ↓',
  dismiss: 'Dismiss',
  languageLabel: 'Language',
  refresh: 'Refresh',

  wrongPassword: 'Wrong username or password.',
  wrongRole: (role) => `A ${role} account cannot use the agent console; it needs agent, supervisor or admin.`,
  sessionEnded: 'Your session ended; log in again.',
  notConnected: 'Not connected; try again in a moment.',
  replyNotSent: 'Not connected; the reply was not sent.',
  queuedForOthers: 'Waiting in the queue: the desk offers it to the next free agent.',
  working: (action) => `${action}…`,
  done: (action) => `${action}: done`,
  failed: (action, problem) => `${action}: ${problem}`,
  actions: {
    accept: 'accept',
    decline: 'decline',
    transfer: 'transfer',
    escalate: 'escalate',
    'hand-back': 'hand back',
    close: 'close',
    reply: 'reply',
  },
  frameError: (_code, serverMessage) => serverMessage,
  httpError: (_code, _status, serverMessage) => serverMessage,
  cancelled: 'cancelled',
  creatingTicket: 'creating ticket…',
  ticketCreated: (id) => `Ticket ${id} created.`,
  fillIn: (variables) => `fill in ${variables} before sending`,
  problemIn: {
    quickReplies: 'quick replies',
    knowledgeSearch: 'knowledge search',
    ticket: 'ticket',
    tickets: 'tickets',
    history: 'history',
  },

  connection: {
    connecting: 'connecting…',
    open: '● connected',
    reconnecting: 'reconnecting…',
    closed: 'disconnected',
  },
  roles: {
    agent: 'agent',
    supervisor: 'supervisor',
    editor: 'editor',
    admin: 'admin',
    moderator: 'moderator',
  },
  userLine: (name, role) => `${name} (${role})`,
  load: (load, capacity) => `${load}/${capacity} conversations`,
  documentTitle: (offered) => (offered > 0 ? `(${offered}) Livedesk console` : 'Livedesk console'),

  nothingAssigned: 'Nothing assigned to you.',
  nobodyWaiting: 'Nobody is waiting.',
  listStatus: {
    queued: 'waiting',
    offered: 'new: accept?',
    active: 'active',
    'needs-reassignment': 'needs reassignment',
    released: 'ended',
  },
  queuePosition: (position) => `#${position}`,
  vip: 'VIP',
  lanes: { urgent: 'urgent', high: 'high', normal: 'normal' },
  laneReasons: {
    urgent: 'urgent',
    sensitive: 'sensitive',
    vip: 'VIP',
    anger: 'angry',
    'complaints-team': 'complaint',
    'high-priority': 'high priority',
    escalated: 'escalated',
    overflow: 'overflow',
  },
  whyLane: (reasons) => `why: ${reasons}`,
  viewerFallback: (code) => `Viewer ${code}`,
  selfNamed: (name) => `${name} (self-named)`,
  heldBy: (agent) => agent,
  unassignedHolder: 'nobody',

  headerStatus: {
    queued: 'waiting',
    offered: 'offered',
    active: 'active',
    'needs-reassignment': 'needs reassignment',
    released: 'released',
    watching: 'watching',
  },
  releasedStatus: (reason) => `released: ${reason}`,
  releasedReasons: {
    closed: 'closed',
    'handed-back': 'handed back to the AI',
    abandoned: 'the viewer left',
    'agent-offline': 'you went offline',
    'agent-away': 'you set Away',
    declined: 'declined',
    'offer-expired': 'the offer expired',
    reassigned: 'reassigned',
    unresponsive: 'no reply in time',
    transferred: 'transferred',
  },
  priorities: { normal: 'normal', high: 'high priority', urgent: 'urgent' },
  teamAndLane: (team, lane) => `team ${team} · ${lane}`,
  teams: {},
  sla: { 'first-response': 'first reply', 'next-response': 'reply' },
  slaDue: (kind, remaining) => `${kind} due in ${remaining}`,
  slaBreached: (kind, overdue) => `${kind} overdue ${overdue}`,
  offerExpires: (remaining) => `offer ends in ${remaining}`,
  offerExpired: 'offer ended',
  flagged: 'no reply yet',

  reasonBadges: {
    human_request: 'asked for a person',
    sensitive: 'sensitive topic',
    anger: 'angry',
    public_threat: 'going public',
    churn: 'leaving',
    repetition: 'repeating',
    low_confidence: 'AI unsure',
  },
  reasonPhrases: {
    human_request: 'the viewer asked for one',
    sensitive: 'a sensitive matter',
    anger: 'the viewer is angry',
    public_threat: 'the viewer threatens to go public or to an authority',
    churn: 'the viewer says they are leaving',
    repetition: 'the viewer repeated the question',
    low_confidence: 'the AI had no confident answer',
  },
  angerTrend: (arrow, trend) => `anger ${arrow} ${trend}`,
  trends: { rising: 'rising', steady: 'steady', falling: 'falling' },
  anger: 'anger',
  decisionConfidence: (percent) => `AI confidence ${percent}`,
  noEntry: 'no entry',
  details: {
    humanRequest: (cues) => `asked for a person (${cues})`,
    sensitive: (category, cues) => `sensitive: ${category} (${cues})`,
    anger: (score, trend, cues) => `anger ${score}, ${trend} (${cues})`,
    repetition: (cues) => `repeated or said it did not help (${cues})`,
    lowConfidence: (percent, attempts) =>
      `no confident answer (confidence ${percent}) after ${attempts} attempt${attempts === 1 ? '' : 's'}`,
  },
  transferNoteLine: (escalation, by, to, note) =>
    `${escalation ? 'Escalated' : 'Transferred'} by ${by} to ${to}${note ? `: “${note}”` : ''}`,
  teamTarget: (team) => `team ${team}`,

  authors: { viewer: 'Viewer', assistant: 'AI', agent: 'Agent', system: 'System', you: 'You' },
  tags: { voice: 'voice', interrupted: 'interrupted', error: 'error' },
  spokenRecording: 'Spoken',
  entryTag: (entryId) => `entry ${entryId}`,
  translationOf: (language, text) => `Translation (${language}): ${text}`,
  sentTranslated: (language) => `sent translated (${language})`,
  sentUntranslated: (language) => `sent untranslated: no ${language} translation`,
  askedWhich: (options) => `Asked which: ${options}`,
  suggested: (topics) => `No answer; suggested: ${topics}`,
  handedToPerson: (reasons) => (reasons ? `Handed to a person: ${reasons}` : 'Handed to a person'),
  joined: (name) => `${name} joined`,
  handedBack: 'Handed back to the AI',
  closed: 'Closed',
  reopened: 'Reopened',
  queuedFor: (team, lane) => `Waiting for ${team}${lane ? ` (${lane})` : ''}`,
  offeredTo: (name) => `Offered to ${name}`,
  backInQueue: (why) => (why ? `Back in the queue: ${why}` : 'Back in the queue'),
  requeueReasons: {
    'agent-offline': (name) => `${name} went offline`,
    'agent-away': (name) => `${name} set Away`,
    declined: (name) => `${name} declined`,
    'offer-expired': (name) => `${name} did not accept in time`,
    reassigned: () => 'reassigned by a supervisor',
    unresponsive: (name) => `${name} did not reply in time`,
  },
  needsReassignment: (name) => `${name} went offline; needs reassignment`,
  viewerLeft: 'The viewer left',
  released: (reason) => `Released (${reason})`,
  flaggedNoReply: (name, since) => `${name} has not replied since ${since}`,
  slaBreachedNote: (kind, dueAt) =>
    `${kind.charAt(0).toUpperCase()}${kind.slice(1)} overdue (was due ${dueAt})`,
  overflowed: (team) => `Nobody from ${team} came online: open to every agent`,
  setAway: (name, missed) => `${name} was set Away after ${missed} missed offers`,
  presenceNote: (name, presence) => `${name} is ${presence}`,
  presences: { online: 'online', away: 'away', offline: 'offline' },
  ratingRequested: 'The viewer was asked for a rating',
  rated: (score, comment) => `Rated ${score}/5${comment ? `: “${comment}”` : ''}`,
  opened: (room) => `Opened in ${room}`,
  platformEvent: (platformId, eventType, text, toViewer) =>
    `Platform ${platformId} (${eventType}, internal): ${text}${toViewer === undefined ? '' : ` — viewer told: ${toViewer}`}`,
  liveContextUpdated: (product, streamer, state) =>
    `Platform context: ${[product && `product ${product}`, streamer && `streamer ${streamer}`, state && `stream ${state}`].filter(Boolean).join(', ') || 'cleared'}`,
  unknownRoom: 'an unknown room',

  notices: {
    'auto-away': 'You were set to Away because offers expired without an answer.',
    'offer-expired': 'An offer expired before you accepted it; it went to another agent.',
    'no-reply': 'A viewer is waiting for your reply.',
  },
  autoAway: (missed) =>
    `You were set to Away: ${missed} offers in a row expired without an answer. Choose Online to take conversations again.`,

  insert: 'Insert',
  noEntryMatches: 'No entry matches.',
  confidence: (percent) => `${percent} match`,
  cites: (entryId) => `cites ${entryId}`,
  doNotCite: 'do not cite',
  quickReplyHint: '↑↓ choose · Tab or Enter inserts · Esc closes',
  noQuickReplyMatches: (typed) => `No quick reply starts with ${typed}`,

  profileFields: {
    viewer: 'Viewer',
    name: 'Name',
    identity: 'Identity',
    tier: 'Tier',
    vipLevel: 'VIP level',
    attributes: 'Platform facts',
    locale: 'Locale',
    room: 'Room',
    streamer: 'Streamer',
    product: 'Product',
    conversation: 'Conversation',
  },
  verifiedBy: (platformId, userId) => `Verified by platform ${platformId} (user ${userId})`,
  notVerified: 'Not verified (anonymous or self-named)',
  tiers: { regular: 'regular', vip: 'VIP' },
  loading: 'Loading…',
  noEarlier: 'No earlier conversations.',
  states: {
    ai: 'with the AI',
    pending_human: 'waiting for a person',
    human: 'with an agent',
    closed: 'closed',
  },
  historyAgents: (names) => `with ${names}`,
  rating: (score) => `★ ${score}`,

  noTicket: 'None yet.',
  pickTicket: 'Open a conversation, or a ticket from the list.',
  ticketScope: { mine: 'Assigned to me', unassigned: 'Unassigned', all: 'All tickets' },
  anyDepartment: 'Any department',
  anyStatus: 'Any status',
  noTickets: 'No tickets here.',
  ticketStatuses: { open: 'open', pending: 'pending', resolved: 'resolved', closed: 'closed' },
  ticketPriorities: { low: 'low', normal: 'normal', high: 'high', urgent: 'urgent' },
  statusField: 'Status',
  departmentField: 'Department',
  priorityField: 'Priority',
  assigneeField: 'Assignee',
  unassigned: 'Unassigned',
  handoverNote: 'Note for the receiving department (required)',
  handoverNoteNeeded: 'Write a note for the receiving department first.',
  changeNote: 'Note (optional)',
  save: 'Save changes',
  saved: 'Ticket saved.',
  nothingChanged: 'Nothing to save.',
  comment: 'Comment',
  commentPlaceholder: 'Add a comment for the team…',
  addComment: 'Add comment',
  historyTitle: 'History',
  closeTicket: 'Close panel',
  dueIn: (remaining) => `due in ${remaining}`,
  overdueBy: (overdue) => `overdue by ${overdue}`,
  noDue: 'no due time',
  attachmentsTitle: (count) => `Attachments (${count})`,
  disabledDepartment: (name) => `${name} (disabled)`,
  ticketFor: (viewer) => `for ${viewer}`,
  historyLine: {
    created: (actor, department, priority) => `${actor} created it for ${department}, ${priority} priority`,
    status: (actor, before, after) => `${actor} changed the status from ${before} to ${after}`,
    department: (actor, before, after) => `${actor} handed it from ${before} to ${after}`,
    priority: (actor, before, after) => `${actor} changed the priority from ${before} to ${after}`,
    assignee: (actor, after) => `${actor} assigned it to ${after}`,
    unassignedBy: (actor) => `${actor} removed the assignee`,
    title: (actor) => `${actor} changed the title`,
    description: (actor) => `${actor} changed the description`,
    tags: (actor, tags) => `${actor} set the tags to ${tags || 'none'}`,
    comment: (actor) => `${actor} commented`,
  },

  duration: (days, hours, minutes) => {
    if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
    if (hours > 0) return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
    return `${Math.max(1, minutes)} min`;
  },
  percent: (value) => `${Math.round(value * 100)}%`,
  listSeparator: ', ',
  dateLocale: 'en-GB',
};

const ZH_ROLES: Record<StaffRole, string> = {
  agent: '客服',
  supervisor: '主管',
  editor: '编辑',
  admin: '管理员',
  moderator: '场控',
};

/** Server refusals by code: the server's own message is English, so Chinese shows what the code means. */
const ZH_ERRORS: Readonly<Record<string, string>> = {
  invalid_input: '输入内容不符合要求',
  invalid_json: '请求格式错误',
  invalid_frame: '请求格式错误',
  unknown_type: '不支持的操作',
  not_found: '没有找到（可能已被处理）',
  conflict: '状态已变化或已被他人修改，请刷新后重试',
  forbidden: '没有权限执行此操作',
  unauthorized: '请重新登录',
  unauthenticated: '请重新登录',
  rate_limited: '操作太频繁，请稍后再试',
  unexpected_response: '服务器返回的内容无法识别',
  internal: '服务器出错，请稍后再试',
};

const ZH: ConsoleTexts = {
  pageTitle: 'Livedesk · 客服工作台',
  consoleName: '客服工作台',
  loginTitle: '客服工作台',
  username: '用户名',
  password: '密码',
  logIn: '登录',
  logOut: '退出登录',
  presenceLabel: '状态',
  presenceOnline: '在线',
  presenceAway: '离开',
  presenceOffline: '离线',
  conversationsLabel: '会话',
  mine: '我的会话',
  queue: '排队中',
  heldByOthers: '其他客服接待中',
  tickets: '工单',
  emptyState: '请从左侧选择一个会话。',
  accept: '接入',
  decline: '拒绝',
  transfer: '转接',
  escalate: '升级主管',
  handBack: '交还 AI',
  createTicket: '转工单',
  close: '结束会话',
  transferToAgent: '客服',
  transferToTeam: '团队',
  teamPlaceholder: '团队',
  transferNote: '给接手同事的备注',
  escalateNote: '需要主管处理的原因',
  escalateSubmit: '升级给主管',
  cancel: '取消',
  handoffLabel: '转人工摘要',
  summaryByAi: 'AI 摘要，仅供参考',
  summaryAutomatic: '自动摘要',
  aiTried: 'AI 已尝试的回答',
  quickRepliesLabel: '快捷回复',
  quickRepliesPlaceholder: '快捷回复…',
  noQuickReplies: '暂无快捷回复',
  searchKnowledge: '知识库搜索…',
  search: '搜索',
  replyPlaceholder: '回复用户…（输入 / 使用快捷回复，Ctrl+Enter 发送）',
  send: '发送',
  viewerLabel: '用户信息',
  earlierConversations: '历史会话',
  ticket: '工单',
  newMessages: '有新消息 ↓',
  dismiss: '知道了',
  languageLabel: '语言',
  refresh: '刷新',

  wrongPassword: '用户名或密码错误。',
  wrongRole: (role) => `${ZH_ROLES[role]}账号不能使用客服工作台，需要客服、主管或管理员账号。`,
  sessionEnded: '登录已过期，请重新登录。',
  notConnected: '未连接，请稍后再试。',
  replyNotSent: '未连接，回复没有发出。',
  queuedForOthers: '排队中：系统会分配给下一位空闲的客服。',
  working: (action) => `正在${action}…`,
  done: (action) => `${action}：已完成`,
  failed: (action, problem) => `${action}失败：${problem}`,
  actions: {
    accept: '接入',
    decline: '拒绝',
    transfer: '转接',
    escalate: '升级主管',
    'hand-back': '交还 AI',
    close: '结束会话',
    reply: '回复',
  },
  frameError: (code) => ZH_ERRORS[code] ?? '操作没有成功',
  httpError: (code, status) => ZH_ERRORS[code] ?? `请求失败（${status}）`,
  cancelled: '已取消',
  creatingTicket: '正在创建工单…',
  ticketCreated: (id) => `工单 ${id} 已创建。`,
  fillIn: (variables) => `发送前请填写 ${variables}`,
  problemIn: {
    quickReplies: '快捷回复',
    knowledgeSearch: '知识库搜索',
    ticket: '工单',
    tickets: '工单列表',
    history: '历史会话',
  },

  connection: { connecting: '连接中…', open: '● 已连接', reconnecting: '重新连接中…', closed: '已断开' },
  roles: ZH_ROLES,
  userLine: (name, role) => `${name}（${role}）`,
  load: (load, capacity) => `接待 ${load}/${capacity}`,
  documentTitle: (offered) => (offered > 0 ? `(${offered}) Livedesk 客服工作台` : 'Livedesk 客服工作台'),

  nothingAssigned: '暂无分配给你的会话。',
  nobodyWaiting: '暂无用户排队。',
  listStatus: {
    queued: '等待中',
    offered: '新会话：请接入',
    active: '服务中',
    'needs-reassignment': '待重新分配',
    released: '已结束',
  },
  queuePosition: (position) => `第 ${position} 位`,
  vip: 'VIP',
  lanes: { urgent: '紧急', high: '优先', normal: '普通' },
  laneReasons: {
    urgent: '紧急',
    sensitive: '敏感',
    vip: 'VIP',
    anger: '情绪激动',
    'complaints-team': '投诉',
    'high-priority': '高优先级',
    escalated: '已升级',
    overflow: '溢出分配',
  },
  whyLane: (reasons) => `原因：${reasons}`,
  viewerFallback: (code) => `用户 ${code}`,
  selfNamed: (name) => `${name}（自称）`,
  heldBy: (agent) => agent,
  unassignedHolder: '无人',

  headerStatus: {
    queued: '排队中',
    offered: '待接入',
    active: '服务中',
    'needs-reassignment': '待重新分配',
    released: '已结束',
    watching: '旁听中',
  },
  releasedStatus: (reason) => reason,
  releasedReasons: {
    closed: '已结单',
    'handed-back': '已交还 AI',
    abandoned: '用户已离开',
    'agent-offline': '你已离线',
    'agent-away': '你已设为离开',
    declined: '已拒绝',
    'offer-expired': '超时未接入',
    reassigned: '已重新分配',
    unresponsive: '超时未回复',
    transferred: '已转接',
  },
  priorities: { normal: '普通', high: '高优先级', urgent: '紧急' },
  teamAndLane: (team, lane) => `${team} · ${lane}队列`,
  teams: {
    support: '客服组',
    complaints: '投诉组',
    supervisor: '主管组',
    'vip-care': 'VIP 专席',
    orders: '订单组',
    'trust-safety': '安全组',
    general: '综合组',
    content: '内容组',
  },
  sla: { 'first-response': '首次响应', 'next-response': '回复' },
  slaDue: (kind, remaining) => `${kind}剩余 ${remaining}`,
  slaBreached: (kind, overdue) => `${kind}已超时 ${overdue}`,
  offerExpires: (remaining) => `${remaining} 内接入`,
  offerExpired: '接入已超时',
  flagged: '尚未回复',

  reasonBadges: {
    human_request: '要求人工',
    sensitive: '敏感话题',
    anger: '情绪激动',
    public_threat: '扬言曝光/投诉',
    churn: '扬言卸载/流失',
    repetition: '重复提问',
    low_confidence: 'AI 没把握',
  },
  reasonPhrases: {
    human_request: '用户要求人工客服',
    sensitive: '涉及敏感问题',
    anger: '用户情绪激动',
    public_threat: '用户扬言曝光或向有关部门投诉',
    churn: '用户表示要卸载或注销',
    repetition: '用户重复提问',
    low_confidence: 'AI 没有把握回答',
  },
  angerTrend: (arrow, trend) => `情绪 ${arrow} ${trend}`,
  trends: { rising: '上升', steady: '平稳', falling: '缓和' },
  anger: '愤怒度',
  decisionConfidence: (percent) => `AI 置信度 ${percent}`,
  noEntry: '无匹配条目',
  details: {
    humanRequest: (cues) => `要求人工（${cues}）`,
    sensitive: (category, cues) => `敏感话题：${category}（${cues}）`,
    anger: (score, trend, cues) => `愤怒度 ${score}，${trend}（${cues}）`,
    repetition: (cues) => `重复提问或表示没有帮助（${cues}）`,
    lowConfidence: (percent, attempts) => `尝试 ${attempts} 次仍没有把握回答（置信度 ${percent}）`,
  },
  transferNoteLine: (escalation, by, to, note) =>
    `${by} ${escalation ? '升级给' : '转接给'} ${to}${note ? `：“${note}”` : ''}`,
  teamTarget: (team) => team,

  authors: { viewer: '用户', assistant: 'AI', agent: '客服', system: '系统', you: '我' },
  tags: { voice: '语音', interrupted: '被打断', error: '出错' },
  spokenRecording: '语音发言',
  entryTag: (entryId) => `知识条目 ${entryId}`,
  translationOf: (language, text) => `译文（${language}）：${text}`,
  sentTranslated: (language) => `已译为 ${language} 发送`,
  sentUntranslated: (language) => `未能译为 ${language}，已按原文发送`,
  askedWhich: (options) => `请用户确认问题：${options}`,
  suggested: (topics) => `未找到答案，推荐：${topics}`,
  handedToPerson: (reasons) => (reasons ? `转人工：${reasons}` : '已转人工'),
  joined: (name) => `客服 ${name} 已接入`,
  handedBack: '已交还 AI',
  closed: '会话已结束',
  reopened: '会话已重新打开',
  queuedFor: (team, lane) => `进入排队：${team}${lane ? `（${lane}）` : ''}`,
  offeredTo: (name) => `已分配给 ${name}，等待接入`,
  backInQueue: (why) => (why ? `重新排队：${why}` : '重新排队'),
  requeueReasons: {
    'agent-offline': (name) => `${name} 已离线`,
    'agent-away': (name) => `${name} 设为离开`,
    declined: (name) => `${name} 拒绝接入`,
    'offer-expired': (name) => `${name} 未及时接入`,
    reassigned: () => '主管重新分配',
    unresponsive: (name) => `${name} 长时间未回复`,
  },
  needsReassignment: (name) => `${name} 已离线，待重新分配`,
  viewerLeft: '用户已离开',
  released: (reason) => `已结束（${reason}）`,
  flaggedNoReply: (name, since) => `${name} 自 ${since} 起未回复用户`,
  slaBreachedNote: (kind, dueAt) => `${kind}已超时（应于 ${dueAt} 前）`,
  overflowed: (team) => `${team}无人在线，已开放给所有客服`,
  setAway: (name, missed) => `${name} 连续 ${missed} 次未接入，已自动设为离开`,
  presenceNote: (name, presence) => `${name}：${presence}`,
  presences: { online: '在线', away: '离开', offline: '离线' },
  ratingRequested: '已邀请用户评价',
  rated: (score, comment) => `用户评分 ${score}/5${comment ? `：“${comment}”` : ''}`,
  opened: (room) => `会话开始（直播间 ${room}）`,
  platformEvent: (platformId, eventType, text, toViewer) =>
    `平台 ${platformId}（${eventType}，内部备注）：${text}${toViewer === undefined ? '' : `——已告知用户：${toViewer}`}`,
  liveContextUpdated: (product, streamer, state) =>
    `平台更新直播信息：${[product && `商品 ${product}`, streamer && `主播 ${streamer}`, state && `直播状态 ${state}`].filter(Boolean).join('，') || '已清空'}`,
  unknownRoom: '未知',

  notices: {
    'auto-away': '由于多次未及时接入，系统已将你设为“离开”。',
    'offer-expired': '有一个会话未及时接入，已转给其他客服。',
    'no-reply': '有用户在等待你的回复。',
  },
  autoAway: (missed) => `连续 ${missed} 个会话未及时接入，系统已将你设为“离开”。切换为“在线”即可继续接待。`,

  insert: '插入',
  noEntryMatches: '没有匹配的知识条目。',
  confidence: (percent) => `置信度 ${percent}`,
  cites: (entryId) => `引用 ${entryId}`,
  doNotCite: '不引用',
  quickReplyHint: '↑↓ 选择 · Tab 或回车插入 · Esc 关闭',
  noQuickReplyMatches: (typed) => `没有以 ${typed} 开头的快捷回复`,

  profileFields: {
    viewer: '用户 ID',
    name: '昵称',
    identity: '身份',
    tier: '等级',
    vipLevel: 'VIP 等级',
    attributes: '平台信息',
    locale: '语言',
    room: '直播间',
    streamer: '主播',
    product: '讲解商品',
    conversation: '会话 ID',
  },
  verifiedBy: (platformId, userId) => `平台 ${platformId} 已验证（用户 ${userId}）`,
  notVerified: '未验证（匿名或自称）',
  tiers: { regular: '普通用户', vip: 'VIP' },
  loading: '加载中…',
  noEarlier: '没有历史会话。',
  states: { ai: 'AI 接待', pending_human: '等待人工', human: '人工服务', closed: '已结束' },
  historyAgents: (names) => `接待：${names}`,
  rating: (score) => `★ ${score}`,

  noTicket: '暂无工单。',
  pickTicket: '打开一个会话，或从左侧列表打开工单。',
  ticketScope: { mine: '分配给我的', unassigned: '未分配', all: '全部工单' },
  anyDepartment: '全部部门',
  anyStatus: '全部状态',
  noTickets: '没有工单。',
  ticketStatuses: { open: '待处理', pending: '挂起', resolved: '已解决', closed: '已关闭' },
  ticketPriorities: { low: '低', normal: '普通', high: '高', urgent: '紧急' },
  statusField: '状态',
  departmentField: '部门',
  priorityField: '优先级',
  assigneeField: '处理人',
  unassigned: '未分配',
  handoverNote: '给接收部门的说明（必填）',
  handoverNoteNeeded: '请先填写给接收部门的说明。',
  changeNote: '备注（选填）',
  save: '保存修改',
  saved: '工单已保存。',
  nothingChanged: '没有需要保存的修改。',
  comment: '评论',
  commentPlaceholder: '给团队留言…',
  addComment: '添加评论',
  historyTitle: '处理记录',
  closeTicket: '关闭面板',
  dueIn: (remaining) => `剩余 ${remaining}`,
  overdueBy: (overdue) => `已超时 ${overdue}`,
  noDue: '无时限',
  attachmentsTitle: (count) => `附件（${count}）`,
  disabledDepartment: (name) => `${name}（已停用）`,
  ticketFor: (viewer) => `用户：${viewer}`,
  historyLine: {
    created: (actor, department, priority) => `${actor} 创建了工单（${department}，${priority}优先级）`,
    status: (actor, before, after) => `${actor} 将状态从「${before}」改为「${after}」`,
    department: (actor, before, after) => `${actor} 将工单从${before}转给${after}`,
    priority: (actor, before, after) => `${actor} 将优先级从「${before}」改为「${after}」`,
    assignee: (actor, after) => `${actor} 将工单分配给 ${after}`,
    unassignedBy: (actor) => `${actor} 取消了处理人`,
    title: (actor) => `${actor} 修改了标题`,
    description: (actor) => `${actor} 修改了描述`,
    tags: (actor, tags) => `${actor} 将标签设为 ${tags || '无'}`,
    comment: (actor) => `${actor} 发表了评论`,
  },

  duration: (days, hours, minutes) => {
    if (days > 0) return hours > 0 ? `${days} 天 ${hours} 小时` : `${days} 天`;
    if (hours > 0) return minutes > 0 ? `${hours} 小时 ${minutes} 分钟` : `${hours} 小时`;
    return `${Math.max(1, minutes)} 分钟`;
  },
  percent: (value) => `${Math.round(value * 100)}%`,
  listSeparator: '、',
  dateLocale: 'zh-CN',
};

/** The console's texts in the chosen language. */
export function consoleTexts(language: UiLanguage): ConsoleTexts {
  return language === 'zh' ? ZH : EN;
}
