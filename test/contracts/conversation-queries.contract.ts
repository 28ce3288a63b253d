import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import type { HandoffPacket } from '../../engine/handoff/handoff-packet.js';
import type { ConversationEventLog } from '../../engine/ports.js';
import type { ConversationQueries } from '../../server/conversation-history/conversation-queries.js';
import type { RawEventRow } from './conversation-event-log.contract.js';

export interface ConversationQueriesHarness {
  queries: ConversationQueries;
  /** The adapter's event log on the same storage: conversations are written through it. */
  log: ConversationEventLog<ConversationEvent>;
  insertRaw(row: RawEventRow): Promise<void>;
  cleanup(): Promise<void>;
}

const minute = (n: number) => new Date(Date.parse('2026-06-01T12:00:00.000Z') + n * 60_000).toISOString();

function packet(conversationId: string, reasons: HandoffPacket['reasons']): HandoffPacket {
  return {
    conversationId,
    createdAt: minute(0),
    reasons,
    details: [],
    priority: 'high',
    team: 'support',
    summary: { text: 'the viewer wants their coins', source: 'extractive' },
    sentiment: { angerByTurn: [0.9], trend: 'rising' },
    aiAttempts: [],
    viewer: { viewerId: 'v', tier: 'regular', locale: 'zh' },
    liveContext: {},
    transcript: [],
  };
}

interface Script {
  id: string;
  viewerId?: string;
  roomId?: string;
  startedAt: string;
  /** Events after `conversation-opened`; each is stored at its own `at`, or the start time. */
  events?: ConversationEvent[];
}

/** Writes a conversation through the adapter's own event log, as the conversation hub does. */
async function storeIn(log: ConversationEventLog<ConversationEvent>, script: Script): Promise<void> {
  const opened: ConversationEvent = {
    type: 'conversation-opened',
    profile: { viewerId: script.viewerId ?? 'viewer-1', tier: 'regular', displayName: 'Mia', locale: 'zh' },
    liveContext: { roomId: script.roomId ?? 'room-1' },
    at: script.startedAt,
  };
  for (const event of [opened, ...(script.events ?? [])]) {
    await log.append(script.id, 'at' in event ? event.at : script.startedAt, event);
  }
}

const viewerSays = (text: string, at: string): ConversationEvent => ({
  type: 'viewer-message',
  text,
  channel: 'text',
  at,
});
const state = (from: string, to: string, at: string) =>
  ({ type: 'state-change', from, to, reason: 'test', at }) as ConversationEvent;
const desk = (event: Record<string, unknown>): ConversationEvent =>
  ({ type: 'desk', event: { conversationId: 'ignored', ...event } }) as ConversationEvent;

/** An angry viewer handed to agent-7, who answers and closes; the viewer rates 4. */
function escalatedScript(id: string, startedAt = minute(0)): Script {
  return {
    id,
    startedAt,
    events: [
      viewerSays('我的金币没到账', minute(1)),
      { type: 'turn-start', turnId: 't1', question: '我的金币没到账' },
      { type: 'turn-end', turnId: 't1', reason: 'done', delivered: '充值通常几分钟内到账。' },
      viewerSays('骗子!!! Refund NOW', minute(2)),
      { type: 'turn-start', turnId: 't2', question: '骗子!!! Refund NOW' },
      { type: 'handoff', turnId: 't2', packet: packet(id, ['anger', 'sensitive']) },
      state('ai', 'pending_human', minute(2)),
      { type: 'turn-end', turnId: 't2', reason: 'done', delivered: '' },
      desk({ type: 'conversation-queued', lane: 'normal', team: 'support', at: minute(2) }),
      { type: 'system-message', kind: 'welcome', text: 'An agent will be with you shortly.', at: minute(2) },
      desk({ type: 'conversation-assigned', agentId: 'agent-7', at: minute(3) }),
      desk({ type: 'conversation-accepted', agentId: 'agent-7', at: minute(3) }),
      state('pending_human', 'human', minute(3)),
      { type: 'agent-message', agentId: 'agent-7', text: 'I have refunded your coins.', at: minute(4) },
      state('human', 'closed', minute(5)),
      desk({
        type: 'conversation-released',
        agentId: 'agent-7',
        reason: 'closed',
        handleMs: 120_000,
        at: minute(5),
      }),
      { type: 'satisfaction-request', at: minute(5) },
      { type: 'satisfaction', score: 4, comment: 'quick', at: minute(6) },
    ],
  };
}

/**
 * What every ConversationQueries adapter promises about conversations its own event log stored:
 * `runConversationQueriesContract('sqlite', async () => ({ queries, log, insertRaw, cleanup }))`.
 */
export function runConversationQueriesContract(
  name: string,
  createHarness: () => Promise<ConversationQueriesHarness>,
): void {
  describe(`ConversationQueries contract: ${name}`, () => {
    let harness: ConversationQueriesHarness;
    let queries: ConversationQueries;
    const store = (script: Script) => storeIn(harness.log, script);

    beforeEach(async () => {
      harness = await createHarness();
      queries = harness.queries;
    });

    afterEach(async () => {
      await harness.cleanup();
    });

    it('summarizes a conversation from its stored events', async () => {
      await store(escalatedScript('c-1'));
      const page = await queries.list({}, { limit: 10 });
      expect(page).toEqual({
        conversations: [
          {
            conversationId: 'c-1',
            viewer: { viewerId: 'viewer-1', tier: 'regular', displayName: 'Mia', locale: 'zh' },
            roomId: 'room-1',
            state: 'closed',
            startedAt: minute(0),
            lastActivityAt: minute(6),
            messages: { viewer: 2, assistant: 1, agent: 1, system: 1 },
            escalationReasons: ['anger', 'sensitive'],
            assignedAgentId: null,
            agentIds: ['agent-7'],
            satisfaction: { score: 4, comment: 'quick', at: minute(6) },
          },
        ],
        nextCursor: null,
      });
    });

    it('names the agent who holds a conversation until it is released or requeued', async () => {
      await store({
        id: 'held',
        startedAt: minute(0),
        events: [
          state('ai', 'pending_human', minute(1)),
          desk({ type: 'conversation-queued', lane: 'vip', team: 'vip', at: minute(1) }),
          desk({ type: 'conversation-assigned', agentId: 'agent-1', at: minute(2) }),
        ],
      });
      await store({
        id: 'requeued',
        startedAt: minute(1),
        events: [
          desk({ type: 'conversation-queued', lane: 'normal', team: 'support', at: minute(1) }),
          desk({ type: 'conversation-assigned', agentId: 'agent-2', at: minute(2) }),
          desk({
            type: 'conversation-requeued',
            reason: 'declined',
            previousAgentId: 'agent-2',
            at: minute(3),
          }),
        ],
      });
      const { conversations } = await queries.list({}, { limit: 10 });
      expect(conversations.map((c) => [c.conversationId, c.state, c.assignedAgentId, c.agentIds])).toEqual([
        // Offered, not taken: agent-1 holds the offer now; agent-2 declined and took no part.
        ['requeued', 'ai', null, []],
        ['held', 'pending_human', 'agent-1', []],
      ]);
    });

    it('filters by state, room, viewer, agent, start time and viewer text', async () => {
      await store(escalatedScript('angry', minute(10)));
      await store({
        id: 'calm',
        viewerId: 'viewer-2',
        roomId: 'room-2',
        startedAt: minute(20),
        events: [viewerSays('How do I top up coins?', minute(21))],
      });
      await store({
        id: 'agent-wrote',
        viewerId: 'viewer-2',
        startedAt: minute(30),
        events: [
          state('ai', 'pending_human', minute(31)),
          state('pending_human', 'human', minute(31)),
          { type: 'agent-message', agentId: 'agent-9', text: 'hello', at: minute(32) },
        ],
      });
      const ids = async (filter: Parameters<ConversationQueries['list']>[0]) =>
        (await queries.list(filter, { limit: 10 })).conversations.map((c) => c.conversationId);

      expect(await ids({ state: 'closed' })).toEqual(['angry']);
      expect(await ids({ state: 'ai' })).toEqual(['calm']);
      expect(await ids({ state: 'human' })).toEqual(['agent-wrote']);
      expect(await ids({ roomId: 'room-2' })).toEqual(['calm']);
      expect(await ids({ viewerId: 'viewer-2' })).toEqual(['agent-wrote', 'calm']);
      expect(await ids({ agentId: 'agent-7' })).toEqual(['angry']);
      expect(await ids({ agentId: 'agent-9' })).toEqual(['agent-wrote']);
      expect(await ids({ agentId: 'nobody' })).toEqual([]);
      expect(await ids({ from: minute(20) })).toEqual(['agent-wrote', 'calm']);
      expect(await ids({ to: minute(20) })).toEqual(['angry']);
      expect(await ids({ from: '2026-06-01T14:20:00+02:00', to: minute(30) })).toEqual(['calm']);
      expect(await ids({ text: 'TOP UP' })).toEqual(['calm']);
      expect(await ids({ text: '金币' })).toEqual(['angry']);
      // Agents' words are not viewer text.
      expect(await ids({ text: 'hello' })).toEqual([]);
      expect(await ids({ viewerId: 'viewer-2', roomId: 'room-1', state: 'human' })).toEqual(['agent-wrote']);
    });

    it('pages newest first with a cursor, including conversations that started at the same time', async () => {
      const starts = [minute(1), minute(2), minute(2), minute(2), minute(3)];
      for (const [index, startedAt] of starts.entries()) await store({ id: `c-${index}`, startedAt });
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await queries.list({}, { limit: 2, cursor });
        seen.push(...page.conversations.map((c) => c.conversationId));
        cursor = page.nextCursor ?? undefined;
        pages += 1;
      } while (cursor !== undefined);
      expect(pages).toBe(3);
      expect(seen).toEqual(['c-4', 'c-3', 'c-2', 'c-1', 'c-0']);
    });

    it('keeps a cursor valid while newer conversations arrive', async () => {
      for (const index of [0, 1, 2]) await store({ id: `c-${index}`, startedAt: minute(index) });
      const first = await queries.list({}, { limit: 2 });
      await store({ id: 'newer', startedAt: minute(9) });
      const second = await queries.list({}, { limit: 2, cursor: first.nextCursor ?? undefined });
      expect(second.conversations.map((c) => c.conversationId)).toEqual(['c-0']);
      expect(second.nextCursor).toBeNull();
    });

    it('refuses a cursor it did not issue', async () => {
      await expect(queries.list({}, { limit: 2, cursor: 'not-a-cursor' })).rejects.toMatchObject({
        code: 'invalid_input',
      });
    });

    it('returns one conversation with its events, transcript and handoff packet', async () => {
      await store(escalatedScript('c-1'));
      const detail = await queries.get('c-1');
      expect(detail?.conversation.conversationId).toBe('c-1');
      expect(detail?.events).toHaveLength(19);
      expect(detail?.events[0]).toMatchObject({ sequence: 1, event: { type: 'conversation-opened' } });
      expect(detail?.transcript.map((line) => [line.speaker, line.text])).toEqual([
        ['viewer', '我的金币没到账'],
        ['assistant', '充值通常几分钟内到账。'],
        ['viewer', '骗子!!! Refund NOW'],
        ['system', 'An agent will be with you shortly.'],
        ['agent', 'I have refunded your coins.'],
      ]);
      expect(detail?.handoff?.reasons).toEqual(['anger', 'sensitive']);
      expect(await queries.get('missing')).toBeUndefined();
    });

    it('returns the list row of one conversation without its events', async () => {
      await store(escalatedScript('c-1'));
      await store({ id: 'c-2', startedAt: minute(1) });
      const listed = (await queries.list({}, { limit: 10 })).conversations.find(
        (c) => c.conversationId === 'c-1',
      );
      expect(await queries.summary('c-1')).toEqual(listed);
      expect(await queries.summary('missing')).toBeUndefined();
    });

    it('fails loudly on a stored event that does not match the schema', async () => {
      await harness.insertRaw({
        conversationId: 'broken',
        sequence: 1,
        type: 'conversation-opened',
        at: minute(0),
        body: JSON.stringify({ type: 'conversation-opened', at: minute(0) }),
      });
      await expect(queries.list({}, { limit: 10 })).rejects.toMatchObject({ code: 'internal' });
    });

    it('stops before querying when the caller has given up', async () => {
      const controller = new AbortController();
      controller.abort();
      await expect(queries.list({}, { limit: 10, signal: controller.signal })).rejects.toMatchObject({
        code: 'aborted',
      });
    });
  });
}
