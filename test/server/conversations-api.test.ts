import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Conversation } from '../../engine/conversation/conversation.js';
import { AgentProfileSchema } from '../../engine/desk/agent.js';
import { DeskConfigSchema } from '../../engine/desk/desk-config.js';
import type { DeskEvent } from '../../engine/desk/desk-events.js';
import { Desk } from '../../engine/desk/desk.js';
import type {
  ConversationDetail,
  ConversationPage,
} from '../../server/conversation-history/conversation-queries.js';
import { startHistoryTestServer, type HistoryTestServer } from './conversations-api-test-server.js';

let server: HistoryTestServer;
const tokens: Record<'agent' | 'agent2' | 'supervisor' | 'editor', string> = {
  agent: '',
  agent2: '',
  supervisor: '',
  editor: '',
};
const userIds = { agent: '', agent2: '' };
const ids = { faq: '', refund: '', complaint: '' };
const SCRIPTED_TEXT = '<img src=x onerror="alert(1)"> 怎么充值';

/** The desk as the server runs it, recording its events on each conversation. */
function deskFor(test: HistoryTestServer) {
  const desk = new Desk({ config: DeskConfigSchema.parse({ matchSkills: false }), clock: test.clock.now });
  const record = (events: DeskEvent[]) => {
    for (const event of events) {
      if ('conversationId' in event) test.hub.get(event.conversationId)?.recordDesk(event);
    }
  };
  return {
    online(agentId: string) {
      record(desk.upsertAgent(AgentProfileSchema.parse({ id: agentId, name: agentId, presence: 'online' })));
    },
    away(agentId: string) {
      record(desk.setPresence(agentId, 'away'));
    },
    handoff(conversation: Conversation) {
      const packet = conversation.handoffPacket;
      if (!packet) throw new Error(`conversation ${conversation.id} was not handed off`);
      record(desk.handoff(packet));
    },
    accept(agentId: string, conversation: Conversation) {
      record(desk.accept(agentId, conversation.id));
      conversation.assign(agentId);
    },
    close(agentId: string, conversation: Conversation) {
      conversation.close(agentId);
      record(desk.release(conversation.id, 'closed'));
      conversation.requestSatisfaction();
    },
  };
}

async function viewerAsks(conversation: Conversation, text: string): Promise<void> {
  conversation.viewerMessage(text);
  await conversation.idle();
}

beforeAll(async () => {
  server = await startHistoryTestServer();
  for (const name of Object.keys(tokens) as (keyof typeof tokens)[]) tokens[name] = await server.login(name);
  for (const name of ['agent', 'agent2'] as const) {
    const principal = await server.auth.verify(tokens[name]);
    if (principal?.kind !== 'staff') throw new Error(`no staff principal for ${name}`);
    userIds[name] = principal.userId;
  }
  const desk = deskFor(server);
  const open = (viewerId: string, roomId: string) =>
    server.hub.open(
      { profile: { viewerId, tier: 'regular', locale: 'zh' }, liveContext: { roomId } },
      () => {},
    );

  // 12:00 viewer-1 asks the AI in room-a, twice; it answers.
  server.clock.set('2026-06-01T12:00:00.000Z');
  const faq = open('viewer-1', 'room-a');
  ids.faq = faq.id;
  await viewerAsks(faq, '金币在哪里充值');
  server.clock.advance(30_000);
  await viewerAsks(faq, SCRIPTED_TEXT);

  // 12:10 viewer-1 again, in room-b: asks for a person; Ada takes it, answers and closes; rated 5.
  server.clock.set('2026-06-01T12:10:00.000Z');
  const refund = open('viewer-1', 'room-b');
  ids.refund = refund.id;
  desk.online(userIds.agent);
  await viewerAsks(refund, '转人工');
  desk.handoff(refund);
  server.clock.advance(60_000);
  desk.accept(userIds.agent, refund);
  refund.agentMessage(userIds.agent, '您好, 我来帮您处理退款。');
  server.clock.advance(60_000);
  desk.close(userIds.agent, refund);
  refund.rate({ score: 5, comment: 'fast and kind' });
  desk.away(userIds.agent);

  // 12:20 viewer-2 in room-a asks for a person; Ben holds it.
  server.clock.set('2026-06-01T12:20:00.000Z');
  const complaint = open('viewer-2', 'room-a');
  ids.complaint = complaint.id;
  desk.online(userIds.agent2);
  await viewerAsks(complaint, '我要找人工客服');
  desk.handoff(complaint);
  desk.accept(userIds.agent2, complaint);
  await server.hub.flushed();
});

afterAll(async () => {
  await server?.close();
});

async function page(route: string, token: string): Promise<ConversationPage> {
  const response = await server.request(route, { token });
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as ConversationPage;
}

const idsOf = (result: ConversationPage) => result.conversations.map((c) => c.conversationId);

describe('conversations API', () => {
  it('lists every conversation for a supervisor, newest first, with what the console shows', async () => {
    const result = await page('/api/conversations', tokens.supervisor);
    expect(idsOf(result)).toEqual([ids.complaint, ids.refund, ids.faq]);
    const [complaint, refund, faq] = result.conversations;
    expect(complaint).toMatchObject({
      viewer: { viewerId: 'viewer-2', tier: 'regular' },
      roomId: 'room-a',
      state: 'human',
      startedAt: '2026-06-01T12:20:00.000Z',
      escalationReasons: ['human_request'],
      assignedAgentId: userIds.agent2,
      agentIds: [userIds.agent2],
      satisfaction: null,
    });
    expect(refund).toMatchObject({
      viewer: { viewerId: 'viewer-1' },
      roomId: 'room-b',
      state: 'closed',
      escalationReasons: ['human_request'],
      assignedAgentId: null,
      agentIds: [userIds.agent],
      messages: { viewer: 1, agent: 1 },
      satisfaction: { score: 5, comment: 'fast and kind' },
    });
    expect(faq).toMatchObject({
      state: 'ai',
      escalationReasons: [],
      agentIds: [],
      messages: { viewer: 2, assistant: 2, agent: 0 },
      lastActivityAt: expect.stringMatching(/^2026-06-01T12:00:30/) as unknown,
    });
  });

  it('shows an agent only the conversations they handled', async () => {
    expect(idsOf(await page('/api/conversations', tokens.agent))).toEqual([ids.refund]);
    expect(idsOf(await page(`/api/conversations?agentId=${userIds.agent}`, tokens.agent))).toEqual([
      ids.refund,
    ]);
    expect(idsOf(await page('/api/conversations', tokens.agent2))).toEqual([ids.complaint]);
    const other = await server.request(`/api/conversations?agentId=${userIds.agent2}`, {
      token: tokens.agent,
    });
    expect(other.status).toBe(403);
  });

  it('filters by state, room, agent, time and viewer text, and combines filters', async () => {
    const list = (query: string) => page(`/api/conversations?${query}`, tokens.supervisor).then(idsOf);
    expect(await list('state=human')).toEqual([ids.complaint]);
    expect(await list('state=closed')).toEqual([ids.refund]);
    expect(await list('roomId=room-a')).toEqual([ids.complaint, ids.faq]);
    expect(await list('viewerId=viewer-1')).toEqual([ids.refund, ids.faq]);
    expect(await list(`agentId=${userIds.agent2}`)).toEqual([ids.complaint]);
    expect(await list('from=2026-06-01T12:05:00Z&to=2026-06-01T12:15:00Z')).toEqual([ids.refund]);
    expect(await list(`text=${encodeURIComponent('充值')}`)).toEqual([ids.faq]);
    expect(await list(`text=${encodeURIComponent('ONERROR')}`)).toEqual([ids.faq]);
    expect(await list('roomId=room-a&state=ai')).toEqual([ids.faq]);
  });

  it('pages with a cursor until the last page', async () => {
    const first = await page('/api/conversations?limit=2', tokens.supervisor);
    expect(idsOf(first)).toEqual([ids.complaint, ids.refund]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await page(
      `/api/conversations?limit=2&cursor=${encodeURIComponent(first.nextCursor!)}`,
      tokens.supervisor,
    );
    expect(idsOf(second)).toEqual([ids.faq]);
    expect(second.nextCursor).toBeNull();
  });

  it.each([
    ['an unknown state', 'state=bogus'],
    ['an unknown parameter', 'colour=red'],
    ['a limit over 200', 'limit=500'],
    ['a time that is not ISO', 'from=yesterday'],
    ['a cursor it never issued', 'cursor=abc'],
  ])('refuses %s with 400', async (_name, query) => {
    const response = await server.request(`/api/conversations?${query}`, { token: tokens.supervisor });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_input' });
  });

  it('opens a conversation with its transcript and handoff packet, viewer text returned as data', async () => {
    const response = await server.request(`/api/conversations/${ids.faq}`, { token: tokens.supervisor });
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const detail = (await response.json()) as ConversationDetail;
    expect(detail.conversation.conversationId).toBe(ids.faq);
    expect(detail.events[0]?.event.type).toBe('conversation-opened');
    const viewerLines = detail.transcript
      .filter((line) => line.speaker === 'viewer')
      .map((line) => line.text);
    expect(viewerLines).toEqual(['金币在哪里充值', SCRIPTED_TEXT]);
    expect(detail.transcript.filter((line) => line.speaker === 'assistant')).toHaveLength(2);
    expect(detail.handoff).toBeNull();

    const refund = await server.request(`/api/conversations/${ids.refund}`, { token: tokens.agent });
    expect(refund.status).toBe(200);
    const refundDetail = (await refund.json()) as ConversationDetail;
    expect(refundDetail.handoff).toMatchObject({ conversationId: ids.refund, reasons: ['human_request'] });
    expect(refundDetail.transcript.map((line) => line.speaker)).toContain('agent');
  });

  it('refuses an agent a conversation they never held, and answers 404 for an unknown id', async () => {
    expect(
      (await server.request(`/api/conversations/${ids.complaint}`, { token: tokens.agent })).status,
    ).toBe(403);
    expect((await server.request(`/api/conversations/${ids.faq}`, { token: tokens.agent })).status).toBe(403);
    expect(
      (await server.request(`/api/conversations/${ids.complaint}`, { token: tokens.agent2 })).status,
    ).toBe(200);
    expect((await server.request('/api/conversations/no-such-id', { token: tokens.supervisor })).status).toBe(
      404,
    );
  });

  // Issue 12: any agent could list any viewer's conversation ids here; now the access rule applies.
  it("gives a supervisor a viewer's conversations, and an agent only those they reach", async () => {
    const history = await page('/api/viewers/viewer-1/conversations', tokens.supervisor);
    expect(idsOf(history)).toEqual([ids.refund, ids.faq]);
    const paged = await page('/api/viewers/viewer-1/conversations?limit=1', tokens.supervisor);
    expect(idsOf(paged)).toEqual([ids.refund]);
    expect(paged.nextCursor).not.toBeNull();
    expect(idsOf(await page('/api/viewers/viewer-1/conversations', tokens.agent))).toEqual([ids.refund]);
    expect(idsOf(await page('/api/viewers/viewer-1/conversations', tokens.agent2))).toEqual([]);
    expect(idsOf(await page('/api/viewers/viewer-2/conversations', tokens.agent2))).toEqual([ids.complaint]);
    expect(idsOf(await page('/api/viewers/nobody/conversations', tokens.agent))).toEqual([]);
  });

  it('describes the conversation and eval routes in the OpenAPI document', async () => {
    const response = await server.request('/openapi.json');
    expect(response.status).toBe(200);
    const document = (await response.json()) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(document.paths['/api/conversations'] ?? {})).toEqual(['get']);
    expect(document.paths['/api/conversations/{id}']).toHaveProperty('get');
    expect(document.paths['/api/viewers/{viewerId}/conversations']).toHaveProperty('get');
    expect(Object.keys(document.paths['/api/eval/runs'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(document.paths['/api/eval/runs/{id}'] ?? {}).sort()).toEqual(['delete', 'get']);
    expect(document.paths['/api/eval/runs/{id}/report.html']).toHaveProperty('get');
  });

  it('keeps editors and anonymous callers out', async () => {
    for (const route of [
      '/api/conversations',
      `/api/conversations/${ids.faq}`,
      '/api/viewers/viewer-1/conversations',
    ]) {
      expect((await server.request(route, { token: tokens.editor })).status).toBe(403);
      expect((await server.request(route)).status).toBe(401);
    }
  });
});
