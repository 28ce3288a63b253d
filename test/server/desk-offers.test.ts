import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AgentTestClient } from './agent-test-client.js';
import { startDeskServer, type DeskServer, type StaffMember } from './desk-server.js';
import type { ViewerTestClient } from './viewer-test-client.js';

const OFFER_TIMEOUT_MS = 1500;

/**
 * Offers that move, owed replies, viewers who leave and the hand-back, on the real server: each of these
 * stranded a viewer before (an offer to an agent who went Away sat for 12 minutes; a declined one was
 * offered to nobody; a hand-back lost the viewer's question).
 */
describe('a desk that never strands a viewer', () => {
  let server: DeskServer;
  let open: { close(): Promise<unknown> }[] = [];

  beforeAll(async () => {
    server = await startDeskServer({
      LIVEDESK_OFFER_TIMEOUT_MS: String(OFFER_TIMEOUT_MS),
      LIVEDESK_MAX_MISSED_OFFERS: '2',
      LIVEDESK_AGENT_OFFLINE_GRACE_MS: '0',
      LIVEDESK_UNANSWERED_FLAG_MS: '1000',
      LIVEDESK_UNANSWERED_REASSIGN_MS: '2500',
      LIVEDESK_QUEUE_ABANDON_MS: '1500',
      LIVEDESK_SLA: JSON.stringify({ normal: { firstResponseMs: 1000, nextResponseMs: 1000 } }),
      LIVEDESK_ANALYTICS_CACHE_MS: '0',
    });
  });
  afterAll(async () => {
    await server.close();
  });
  afterEach(async () => {
    // Every console closes (its agent goes offline at once), so each test routes only to its own agents.
    await Promise.all(open.map((client) => client.close()));
    open = [];
  });

  async function agentOnline(staff: StaffMember): Promise<AgentTestClient> {
    const console = await server.connectAgent();
    open.push(console);
    await console.authenticate(staff.token);
    return console;
  }

  async function viewerAsking(
    text: string,
    locale = 'zh',
  ): Promise<{ viewer: ViewerTestClient; id: string; token: string }> {
    const viewer = await server.connectViewer();
    open.push(viewer);
    const { token } = await server.viewerToken({ roomId: 'room-offers', locale });
    const { conversationId } = await viewer.join({ token });
    viewer.send({ type: 'message', text, clientMessageId: 'ask' });
    await viewer.waitForType('ack', { where: (frame) => frame.clientMessageId === 'ask' });
    return { viewer, id: conversationId, token };
  }

  let accounts = 0;
  const newAgent = (capacity = 2): Promise<StaffMember> =>
    server.createStaff({ username: `offers-${++accounts}`, role: 'agent', teams: ['support'], capacity });

  it('moves a lapsed offer to the next agent, re-offers a decline at once, and the first agent can still accept', async () => {
    const [a, b] = [await newAgent(), await newAgent()];
    const consoleA = await agentOnline(a);
    const { id } = await viewerAsking('我要人工');
    const offeredToA = await consoleA.waitForType('assignment', {
      where: (frame) => frame.conversationId === id,
    });
    expect(offeredToA.status).toBe('offered');
    expect(Date.parse(offeredToA.conversation.offerExpiresAt ?? '')).toBeGreaterThan(Date.now());

    // B comes online; A lets the offer lapse: it moves to B, and A is told why.
    const consoleB = await agentOnline(b);
    const lapsedAt = Date.now();
    const offeredToB = await consoleB.waitForType('assignment', {
      where: (frame) => frame.conversationId === id,
    });
    const reofferMs = Date.now() - lapsedAt;
    expect(offeredToB.status).toBe('offered');
    await consoleA.waitForType('released', { where: (frame) => frame.reason === 'offer-expired' });
    await consoleA.waitForType('notice', { where: (frame) => frame.code === 'offer-expired' });
    expect(reofferMs).toBeLessThan(OFFER_TIMEOUT_MS + 2000);

    // B declines: A is offered it at once, and accepts.
    const fromA = consoleA.mark();
    expect(await consoleB.command({ type: 'decline', conversationId: id })).toMatchObject({ type: 'ack' });
    await consoleB.waitForType('released', { where: (frame) => frame.reason === 'declined' });
    await consoleA.waitForType('assignment', { from: fromA, where: (frame) => frame.conversationId === id });
    expect(await consoleA.command({ type: 'accept', conversationId: id })).toMatchObject({ type: 'ack' });
  });

  it('takes an offer back the moment its agent goes Away and gives it to someone online', async () => {
    const [a, b] = [await newAgent(), await newAgent()];
    const consoleA = await agentOnline(a);
    const { id } = await viewerAsking('转人工');
    await consoleA.waitForType('assignment', { where: (frame) => frame.conversationId === id });
    const consoleB = await agentOnline(b);
    consoleA.send({ type: 'presence', presence: 'away' });
    await consoleA.waitForType('released', { where: (frame) => frame.reason === 'agent-away' });
    await consoleB.waitForType('assignment', { where: (frame) => frame.conversationId === id });
  });

  it('sets an agent who keeps letting offers lapse Away, with a notice', async () => {
    const consoleA = await agentOnline(await newAgent());
    const { id, viewer } = await viewerAsking('我要找人工客服');
    await consoleA.waitForType('notice', { where: (frame) => frame.code === 'auto-away' });
    const snapshot = await consoleA.waitForType('queue', {
      where: (frame) => frame.snapshot.agents.some((agent) => agent.presence === 'away'),
    });
    expect(snapshot.snapshot.waiting.map((entry) => entry.conversationId)).toContain(id);
    // The viewer is told, truthfully, that nobody who can help is online.
    const status = await viewer.waitForEvent('queue-status', { where: (event) => event.agentsOnline === 0 });
    expect(status.event.position).toBeGreaterThanOrEqual(1);
  });

  it('flags an agent who owes the viewer a reply, then gives the conversation to someone else', async () => {
    const [a, b] = [await newAgent(1), await newAgent(1)];
    const consoleA = await agentOnline(a);
    const { id } = await viewerAsking('人工客服');
    await consoleA.waitForType('assignment', { where: (frame) => frame.conversationId === id });
    await consoleA.command({ type: 'accept', conversationId: id });
    await consoleA.waitForType('notice', {
      where: (frame) => frame.code === 'no-reply' && frame.conversationId === id,
    });
    const consoleB = await agentOnline(b);
    await consoleA.waitForType('released', { where: (frame) => frame.reason === 'unresponsive' });
    await consoleB.waitForType('assignment', { where: (frame) => frame.conversationId === id });
  });

  it('releases a waiting viewer who left as abandoned, and closes their conversation', async () => {
    const watcher = await agentOnline(await server.login('supervisor'));
    watcher.send({ type: 'presence', presence: 'away' });
    const { viewer, id, token } = await viewerAsking('我要人工');
    await watcher.waitForType('queue', {
      where: (frame) => frame.snapshot.waiting.some((entry) => entry.conversationId === id),
    });
    const from = watcher.mark();
    await viewer.close();
    await watcher.waitForType('queue', {
      from,
      where: (frame) =>
        !frame.snapshot.waiting.some((entry) => entry.conversationId === id) &&
        !frame.snapshot.held.some((entry) => entry.conversationId === id),
    });
    const back = await server.connectViewer();
    open.push(back);
    const joined = await back.join({ token, conversationId: id, lastSequence: 0 });
    expect(joined.state).toBe('closed');
    await back.waitForEvent('state-change', { where: (event) => event.to === 'closed' });
    const told = await back.waitForEvent('system-message', { where: (event) => event.kind === 'notice' });
    expect(told.event.text).toContain('你已离开排队');
  });

  it('hands back: the viewer is told, and the question they sent while a person held it is answered', async () => {
    const consoleA = await agentOnline(await newAgent());
    const { viewer, id } = await viewerAsking('我要人工');
    await consoleA.waitForType('assignment', { where: (frame) => frame.conversationId === id });
    await consoleA.command({ type: 'accept', conversationId: id });
    await viewer.waitForEvent('state-change', { where: (event) => event.to === 'human' });
    await consoleA.command({ type: 'reply', conversationId: id, text: '您好，请问有什么可以帮您？' });
    viewer.send({ type: 'message', text: '怎么充值金币', clientMessageId: 'pending' });
    await consoleA.waitForConversationEvent(id, 'viewer-message', {
      where: (event) => event.text === '怎么充值金币',
    });
    const from = viewer.mark();
    expect(await consoleA.command({ type: 'hand-back', conversationId: id })).toMatchObject({ type: 'ack' });
    const notice = await viewer.waitForEvent('system-message', {
      from,
      where: (event) => event.kind === 'notice',
    });
    expect(notice.event.text).toContain('AI 助手');
    const answer = await viewer.waitForEvent('answer-source', { from });
    expect(answer.event.entryIds).toEqual(['coins.top-up']);
  });

  it('records a missed first-response target on the conversation and counts it in analytics', async () => {
    const supervisor = await server.login('supervisor');
    const { viewer, id } = await viewerAsking('我要人工');
    await viewer.waitForEvent('queue-status');
    const watcher = await agentOnline(supervisor);
    watcher.send({ type: 'presence', presence: 'away' });
    await watcher.waitForType('queue', {
      where: (frame) =>
        frame.snapshot.waiting.some((entry) => entry.conversationId === id && entry.sla.breached),
    });
    const from = new Date(Date.now() - 3_600_000).toISOString();
    const to = new Date(Date.now() + 60_000).toISOString();
    const response = await server.request(
      `/api/analytics/response-times?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
      { token: supervisor.token },
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      data: { slaBreaches: { firstResponse: number; conversations: number } };
    };
    expect(body.data.slaBreaches.firstResponse).toBeGreaterThanOrEqual(1);
    expect(body.data.slaBreaches.conversations).toBeGreaterThanOrEqual(1);
  });
});
