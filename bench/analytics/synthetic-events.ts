import type { Database } from 'better-sqlite3';
import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import type { DeskEvent } from '../../engine/desk/desk-events.js';
import { createSeededRandom } from '../../test/support/seeded-random.js';

export interface SyntheticOptions {
  /** Viewer messages, agent messages and AI answers to store. */
  messages: number;
  /** The newest conversation opens before this; the oldest `days` earlier. */
  endMs: number;
  days: number;
  /** Answerable questions (the knowledge base's phrasings) and entry ids to cite. */
  knownQuestions: readonly string[];
  entryIds: readonly string[];
  seed?: number;
  /**
   * A bulk load into a file nobody else has open: no journal while writing (the benchmark's temporary
   * file). Leave false for a database in use (a running server's).
   */
  bulk?: boolean;
}

export interface SyntheticSummary {
  conversations: number;
  messages: number;
  rows: number;
}

const ROOMS = 40;
const VIEWERS = 60_000;
const AGENTS = 24;
const TEAMS = ['support', 'billing', 'complaints', 'vip'] as const;
const SCENARIOS = ['show', 'commerce', 'social'] as const;
const GAP_TOPICS = [
  '直播间的抽奖什么时候开奖',
  '主播的同款衣服在哪里买',
  '怎么申请成为主播',
  '连麦PK的规则是什么',
  '粉丝团等级怎么升级',
  '弹幕颜色怎么改',
  '下播后回放在哪里看',
  '直播间的优惠券怎么领',
  '我的礼物为什么没有特效',
  '守护主播有什么特权',
  'how do i join the streamer fan club',
  'when does the lucky draw end',
  'where can i watch the replay',
  'why did my gift animation not show',
  'how to change my danmaku color',
];
const GAP_VARIANTS = ['', '？', '呀', '啊？', '请问', '想问下', ' please', '??', '！', '呢'];
const REASONS = ['human_request', 'anger', 'low_confidence', 'sensitive', 'repetition'] as const;
/** Evening peaks, as live streaming has: weights per hour of day (UTC+8 shifted by the generator). */
const HOUR_WEIGHTS = [3, 2, 1, 1, 1, 1, 1, 2, 3, 4, 5, 5, 6, 5, 5, 5, 6, 7, 9, 11, 12, 12, 9, 5];

/**
 * Writes realistic conversation event rows straight into `conversation_events`, in one transaction with
 * prepared statements: AI turns (answers, clarifications, declines), handoffs, the desk's queue and
 * agents, closes and reopens, satisfaction. Shapes follow ConversationEventSchema.
 */
export function writeSyntheticEvents(database: Database, options: SyntheticOptions): SyntheticSummary {
  const random = createSeededRandom(options.seed ?? 20_260_601);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const between = (low: number, high: number): number => low + random() * (high - low);
  const insert = database.prepare(
    'INSERT INTO conversation_events (conversation_id, sequence, type, at, body) VALUES (?, ?, ?, ?, ?)',
  );
  const hourTotal = HOUR_WEIGHTS.reduce((sum, weight) => sum + weight, 0);
  const randomHour = (): number => {
    let roll = random() * hourTotal;
    for (let hour = 0; hour < 24; hour++) {
      roll -= HOUR_WEIGHTS[hour]!;
      if (roll < 0) return hour;
    }
    return 23;
  };
  const startMs = options.endMs - options.days * 86_400_000;
  const estimatedConversations = Math.ceil(options.messages / 5.4);
  let messages = 0;
  let rows = 0;
  let conversations = 0;

  const writeConversation = (index: number): void => {
    const conversationId = `c-${index.toString(36)}`;
    // Conversations open in time order, as a live log is written; hours follow the evening peak.
    const day = Math.min(options.days - 1, Math.floor((index / estimatedConversations) * options.days));
    let now = startMs + day * 86_400_000 + ((randomHour() + 16) % 24) * 3_600_000 + random() * 3_600_000;
    let sequence = 0;
    const iso = (): string => new Date(now).toISOString();
    const emit = (event: ConversationEvent, at = iso()): void => {
      insert.run(conversationId, ++sequence, event.type, at, JSON.stringify(event));
      rows++;
    };
    const desk = (event: DeskEvent): void => emit({ type: 'desk', event });
    const advance = (low: number, high: number): void => {
      now += between(low, high);
    };
    const viewerId = `v-${Math.floor(random() * VIEWERS)}`;
    const roomId = `room-${Math.floor(random() * ROOMS)}`;
    const scenario = pick(SCENARIOS);
    emit({
      type: 'conversation-opened',
      profile: { viewerId, tier: random() < 0.05 ? 'vip' : 'regular', locale: 'zh' },
      liveContext: { roomId, scenario },
      at: iso(),
    });
    let turn = 0;
    const turnsWanted = 1 + Math.floor(random() * 4);
    const escalateAt = random() < 0.16 ? Math.floor(random() * turnsWanted) : -1;
    let escalated = false;
    for (; turn < turnsWanted && !escalated; turn++) {
      advance(2_000, 60_000);
      const gap = random() < 0.2;
      const question = gap
        ? `${pick(GAP_VARIANTS)}${pick(GAP_TOPICS)}${pick(GAP_VARIANTS)}`
        : pick(options.knownQuestions);
      const turnId = `${conversationId}-t${turn}`;
      emit({ type: 'viewer-message', text: question, channel: 'text', at: iso() });
      messages++;
      emit({ type: 'turn-start', turnId, question });
      advance(200, 2_500);
      if (turn === escalateAt) {
        const reasons = gap ? ['low_confidence' as const] : [pick(REASONS)];
        const team = reasons[0] === 'anger' ? 'complaints' : pick(TEAMS);
        emit({
          type: 'state-change',
          from: 'ai',
          to: 'pending_human',
          reason: `escalated: ${reasons.join(', ')}`,
          at: iso(),
        });
        emit({
          type: 'handoff',
          turnId,
          packet: {
            conversationId,
            createdAt: iso(),
            reasons,
            details: [],
            priority: 'normal',
            team,
            summary: { text: question, source: 'extractive' },
            sentiment: { angerByTurn: [0], trend: 'steady' },
            aiAttempts: [],
            viewer: { viewerId, tier: 'regular', locale: 'zh' },
            liveContext: { roomId, scenario },
            transcript: [{ at: iso(), speaker: 'viewer', text: question }],
          },
        });
        emit({ type: 'turn-end', turnId, reason: 'done', delivered: '正在为您转接人工客服，请稍候。' });
        messages++;
        escalated = true;
        writeDesk(team, gap);
        break;
      }
      if (gap) {
        if (random() < 0.5) emit({ type: 'clarify', turnId, options: [] });
        else emit({ type: 'decline', turnId, closestTopics: [] });
        emit({ type: 'turn-end', turnId, reason: 'done', delivered: '抱歉，这个问题我还不太清楚。' });
      } else {
        emit({ type: 'answer-source', turnId, entryIds: [pick(options.entryIds)], composer: 'entry' });
        emit({
          type: 'turn-end',
          turnId,
          reason: 'done',
          delivered: '打开 App，进入 我的 > 钱包 > 充值，选择金币档位和支付方式。',
        });
      }
      messages++;
    }
    if (!escalated) {
      if (random() < 0.75) {
        advance(30_000, 600_000);
        emit({ type: 'state-change', from: 'ai', to: 'closed', reason: 'closed by viewer', at: iso() });
        emit({ type: 'satisfaction-request', at: iso() });
        if (random() < 0.35) {
          advance(3_000, 30_000);
          emit({ type: 'satisfaction', score: pick([3, 4, 4, 5, 5, 5]), at: iso() });
        }
        if (random() < 0.08) {
          advance(60_000, 900_000);
          emit({ type: 'viewer-message', text: pick(options.knownQuestions), channel: 'text', at: iso() });
          messages++;
          emit({
            type: 'state-change',
            from: 'closed',
            to: 'ai',
            reason: 'the viewer wrote again',
            at: iso(),
          });
        }
      }
    }
    conversations++;

    function writeDesk(team: string, answerable: boolean): void {
      desk({ type: 'conversation-queued', conversationId, lane: 'normal', team, at: iso() });
      emit({ type: 'system-message', kind: 'welcome', text: '已为您排队，预计等待 2 分钟。', at: iso() });
      const queuedMs = now;
      advance(3_000, random() < 0.8 ? 180_000 : 1_200_000);
      // The desk's default first-response target for the normal lane (engine/desk/response-sla.ts).
      if (now - queuedMs > 300_000) {
        const dueAt = new Date(queuedMs + 300_000).toISOString();
        desk({ type: 'sla-breached', conversationId, reason: 'first-response', dueAt, at: dueAt });
      }
      if (random() < 0.06) {
        desk({ type: 'conversation-released', conversationId, reason: 'abandoned', at: iso() });
        emit({
          type: 'state-change',
          from: 'pending_human',
          to: 'closed',
          reason: 'closed by viewer',
          at: iso(),
        });
        return;
      }
      const agentId = `agent-${Math.floor(random() * AGENTS)}`;
      desk({ type: 'conversation-assigned', conversationId, agentId, at: iso() });
      advance(1_000, 20_000);
      desk({ type: 'conversation-accepted', conversationId, agentId, at: iso() });
      const acceptedMs = now;
      emit({
        type: 'state-change',
        from: 'pending_human',
        to: 'human',
        reason: `assigned to ${agentId}`,
        at: iso(),
      });
      const replies = 1 + Math.floor(random() * 4);
      for (let reply = 0; reply < replies; reply++) {
        advance(5_000, 90_000);
        emit({
          type: 'agent-message',
          agentId,
          text: '您好，我来帮您处理。',
          at: iso(),
          ...(answerable && reply === 0 ? { entryIds: [pick(options.entryIds)] } : {}),
        });
        messages++;
        if (reply < replies - 1) {
          advance(5_000, 60_000);
          emit({ type: 'viewer-message', text: '好的，谢谢', channel: 'text', at: iso() });
          messages++;
        }
      }
      advance(10_000, 120_000);
      desk({
        type: 'conversation-released',
        conversationId,
        agentId,
        reason: 'closed',
        handleMs: now - acceptedMs,
        at: iso(),
      });
      emit({ type: 'state-change', from: 'human', to: 'closed', reason: `closed by ${agentId}`, at: iso() });
      emit({ type: 'satisfaction-request', at: iso() });
      if (random() < 0.6) {
        advance(3_000, 30_000);
        const score = pick([1, 2, 3, 4, 4, 5, 5, 5]);
        emit({
          type: 'satisfaction',
          score,
          ...(random() < 0.2 ? { comment: score < 3 ? '等太久了' : '很耐心，谢谢' } : {}),
          at: iso(),
        });
      }
    }
  };

  if (options.bulk) {
    database.pragma('journal_mode = OFF');
    database.pragma('synchronous = OFF');
    database.pragma('cache_size = -262144');
  }
  const writeAll = database.transaction(() => {
    for (let index = 0; messages < options.messages; index++) writeConversation(index);
  });
  writeAll();
  if (options.bulk) {
    database.pragma('synchronous = NORMAL');
    database.pragma('journal_mode = WAL');
  }
  return { conversations, messages, rows };
}
