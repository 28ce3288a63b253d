import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AgentsSchema,
  GapsSchema,
  metricResultSchema,
  QueueSchema,
  ResolutionSchema,
  ResponseTimesSchema,
  SatisfactionSchema,
  VolumeSchema,
} from '../../server/analytics/analytics-schemas.js';
import type { AgentTestClient } from './agent-test-client.js';
import { startAnalyticsTestServer, type AnalyticsTestServer } from './analytics-test-server.js';

const T0 = '2026-06-01T10:00:00.000Z';
const at = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000).toISOString();

/**
 * Three conversations through the real server (WebSockets, engine, desk, SQLite), every event at a time
 * the test sets, then every metric over HTTP compared with values worked out by hand:
 *
 * - A (room-a) opens at 0 s, asks a known question at 10 s; the LLM's answer ends at 12 s. Then quiet.
 * - B (room-a) opens at 60 s, asks for a person at 70 s (queued at 70 s). An agent comes online at 130 s
 *   (offered), accepts at 140 s, replies at 170 s, closes at 230 s. B rates 4 at 240 s with a comment.
 * - C (room-b) opens at 300 s and asks at 310 s what the knowledge base does not know.
 *
 * Judged at 2 h with a 60-minute window: A and C went quiet (A after an answer, C after none), B closed.
 */
describe('analytics over a live server, checked by hand', () => {
  let server: AnalyticsTestServer;
  let supervisor: string;
  let editor: string;
  let agentId: string;
  let agentConsole: AgentTestClient;

  beforeAll(async () => {
    server = await startAnalyticsTestServer(T0);
    const { clock } = server;
    supervisor = (await server.login('supervisor')).token;
    editor = (await server.login('editor')).token;
    const agent = await server.login('agent');
    agentId = agent.userId;

    // A: the LLM is held back until the clock has moved two seconds past the question.
    const viewerA = await server.connectViewer();
    await viewerA.join({ token: await server.viewerToken('room-a', 'viewer-a') });
    clock.set(at(10));
    viewerA.send({ type: 'message', text: '怎么充值金币？' });
    await server.llm.chat.arrived(0);
    clock.set(at(12));
    await viewerA.waitForEvent('turn-end');

    // B: a person, please.
    clock.set(at(60));
    const viewerB = await server.connectViewer();
    const joinedB = await viewerB.join({
      token: await server.viewerToken('room-a', 'viewer-b'),
      displayName: 'Mia',
    });
    const conversationB = joinedB.conversationId;
    clock.set(at(70));
    viewerB.send({ type: 'message', text: '我要人工' });
    await viewerB.waitForEvent('system-message', { where: (event) => event.kind === 'welcome' });
    await viewerB.waitForEvent('turn-end');
    clock.set(at(130));
    const console = await server.connectAgent();
    agentConsole = console;
    await console.authenticate(agent.token);
    await console.waitForType('assignment', { where: (frame) => frame.conversationId === conversationB });
    clock.set(at(140));
    expect(await console.command({ type: 'accept', conversationId: conversationB })).toMatchObject({
      type: 'ack',
    });
    clock.set(at(170));
    expect(
      await console.command({ type: 'reply', conversationId: conversationB, text: '您好，我来帮您。' }),
    ).toMatchObject({ type: 'ack' });
    clock.set(at(230));
    expect(await console.command({ type: 'close', conversationId: conversationB })).toMatchObject({
      type: 'ack',
    });
    await viewerB.waitForEvent('satisfaction-request');
    clock.set(at(240));
    viewerB.send({ type: 'rate', score: 4, comment: '=cmd|有点慢', clientMessageId: 'rate-b' });
    await viewerB.waitForType('ack', { where: (frame) => frame.clientMessageId === 'rate-b' });

    // C: a question the knowledge base has no entry for.
    clock.set(at(300));
    const viewerC = await server.connectViewer();
    await viewerC.join({ token: await server.viewerToken('room-b', 'viewer-c') });
    clock.set(at(310));
    viewerC.send({ type: 'message', text: '直播间的抽奖什么时候开奖' });
    await viewerC.waitForEvent('turn-end');

    clock.set(at(2 * 3600));
  });
  afterAll(async () => {
    await server?.close();
  });

  const query = `from=${encodeURIComponent('2026-06-01T09:00:00Z')}&to=${encodeURIComponent('2026-06-01T11:00:00Z')}&reopenWindowMinutes=60`;
  async function metric<T>(
    name: string,
    token: string,
    schema: { parse(value: unknown): T },
    extra = '',
    base = query,
  ): Promise<T> {
    const response = await server.get(`/api/analytics/${name}?${base}${extra}`, token);
    expect(response.status, await response.clone().text()).toBe(200);
    return schema.parse(await response.json());
  }

  it('measures first response, time to a person and handle time', async () => {
    const result = await metric(
      'response-times',
      supervisor,
      metricResultSchema('response-times', ResponseTimesSchema),
    );
    expect(result.conversations).toBe(3);
    // A: 2 s. B's "a person will help you" and C's decline were written at the instant of the question: 0 s.
    expect(result.data.aiFirstResponse).toEqual({ count: 3, medianMs: 0, p90Ms: 1600, meanMs: 2000 / 3 });
    expect(result.data.humanFirstResponse).toEqual({
      count: 1,
      medianMs: 100_000,
      p90Ms: 100_000,
      meanMs: 100_000,
      unanswered: 0,
    });
    expect(result.data.timeToPerson).toEqual({
      count: 1,
      medianMs: 70_000,
      p90Ms: 70_000,
      meanMs: 70_000,
      abandoned: 0,
    });
    expect(result.data.handleTime).toEqual({ count: 1, medianMs: 90_000, p90Ms: 90_000, meanMs: 90_000 });
  });

  it('judges AI resolution, escalation and first-contact resolution', async () => {
    const result = await metric('resolution', supervisor, metricResultSchema('resolution', ResolutionSchema));
    expect(result.data).toMatchObject({
      reopenWindowMs: 3_600_000,
      conversations: 3,
      empty: 0,
      sessionsEnded: 3,
      aiResolved: 1,
      aiResolutionRate: 1 / 3,
      aiUnanswered: 1,
      firstContact: { judged: 3, resolved: 2, rate: 2 / 3 },
      escalation: { conversations: 3, escalated: 1, rate: 1 / 3 },
    });
    expect(result.data.escalation.byReason.human_request).toEqual({ conversations: 1, rate: 1 / 3 });
    expect(result.data.escalation.byReason.low_confidence.conversations).toBe(0);
  });

  it('reports satisfaction per agent and for the AI alone, with comments', async () => {
    const result = await metric(
      'satisfaction',
      supervisor,
      metricResultSchema('satisfaction', SatisfactionSchema),
    );
    expect(result.data.overall).toEqual({
      requests: 1,
      ratings: 1,
      responseRate: 1,
      averageScore: 4,
      distribution: [0, 0, 0, 1, 0],
    });
    expect(result.data.aiOnly).toEqual({
      requests: 0,
      ratings: 0,
      responseRate: null,
      averageScore: null,
      distribution: [0, 0, 0, 0, 0],
    });
    expect(result.data.byAgent[agentId]).toMatchObject({ ratings: 1, averageScore: 4 });
    expect(result.data.comments).toHaveLength(1);
    // Names beside ids: the agent's account name and the name the viewer joined with.
    expect(result.data.comments[0]).toMatchObject({
      at: at(240),
      score: 4,
      comment: '=cmd|有点慢',
      agentId,
      agentName: 'Ada Agent',
      viewerName: 'Mia',
    });
  });

  it('counts volume by local hour and weekday, and the queue per bucket', async () => {
    const volume = await metric(
      'volume',
      supervisor,
      metricResultSchema('volume', VolumeSchema),
      '&timeZone=Asia%2FShanghai',
    );
    // 10:00 UTC on Monday 1 June is 18:00 in Shanghai.
    expect(volume.data.byHour[18]).toEqual({ conversations: 3, handoffs: 1 });
    expect(volume.data.byWeekday[0]).toEqual({ conversations: 3, handoffs: 1 });
    const queue = await metric(
      'queue',
      supervisor,
      metricResultSchema('queue', QueueSchema),
      '&bucketMinutes=1',
      `from=${encodeURIComponent(T0)}&to=${encodeURIComponent(at(240))}`,
    );
    // B waited from 70 s to 140 s: 50 s of the second minute, 20 s of the third.
    expect(
      queue.data.buckets.map((bucket) => [
        bucket.arrivals,
        bucket.averageLength,
        bucket.maxLength,
        bucket.accepted,
        bucket.medianWaitMs,
      ]),
    ).toEqual([
      [0, 0, 0, 0, null],
      [1, 50 / 60, 1, 0, null],
      [0, 20 / 60, 1, 1, 70_000],
      [0, 0, 0, 0, null],
    ]);
  });

  it('lists agents with their conversations, first response, handle time and satisfaction', async () => {
    const result = await metric('agents', supervisor, metricResultSchema('agents', AgentsSchema));
    expect(result.data.agents).toEqual([
      {
        agentId,
        agentName: 'Ada Agent',
        conversationsHandled: 1,
        medianFirstResponseMs: 100_000,
        medianHandleMs: 90_000,
        messages: 1,
        averageScore: 4,
        ratings: 1,
        responseRate: 1,
      },
    ]);
  });

  it('filters by room, team and agent', async () => {
    const roomB = await metric(
      'response-times',
      supervisor,
      metricResultSchema('response-times', ResponseTimesSchema),
      '&room=room-b',
    );
    expect(roomB.conversations).toBe(1);
    const team = await metric(
      'agents',
      supervisor,
      metricResultSchema('agents', AgentsSchema),
      '&team=nobody',
    );
    expect(team.conversations).toBe(0);
    expect(team.data.agents).toEqual([]);
    const byAgent = await metric(
      'resolution',
      supervisor,
      metricResultSchema('resolution', ResolutionSchema),
      `&agent=${agentId}`,
    );
    expect(byAgent.conversations).toBe(1);
  });

  it('shows content editors the unanswered question as a knowledge gap', async () => {
    const result = await metric('gaps', editor, metricResultSchema('gaps', GapsSchema));
    expect(result.data.clusters).toEqual([
      expect.objectContaining({
        label: '直播间的抽奖什么时候开奖',
        count: 1,
        conversations: 1,
        questions: ['直播间的抽奖什么时候开奖'],
      }),
    ]);
  });

  it('exports every metric as CSV, with viewer text defused for spreadsheets', async () => {
    const response = await server.get(`/api/analytics/response-times?${query}&format=csv`, supervisor);
    expect(response.headers.get('content-type')).toContain('text/csv');
    expect(response.headers.get('content-disposition')).toContain('livedesk-response-times-2026-06-01');
    const lines = (await response.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe('measure,count,median_ms,p90_ms,mean_ms,unanswered_or_abandoned');
    expect(lines[1]).toBe('ai_first_response,3,0,1600,666.666667,');
    expect(lines[3]).toBe('time_to_person,1,70000,70000,70000,0');
    const comments = await (
      await server.get(`/api/analytics/satisfaction?${query}&format=csv&table=comments`, supervisor)
    ).text();
    expect(comments).toContain(`,Ada Agent,Mia,4,'=cmd|有点慢`);
    for (const name of ['resolution', 'satisfaction', 'volume', 'queue', 'agents']) {
      const csv = await server.get(`/api/analytics/${name}?${query}&format=csv`, supervisor);
      expect(csv.status).toBe(200);
      expect((await csv.text()).split('\r\n').length).toBeGreaterThan(2);
    }
    expect((await server.get(`/api/analytics/gaps?${query}&format=csv`, editor)).status).toBe(200);
  });

  it('keeps operator metrics from editors and agents, gaps from supervisors, and refuses bad queries', async () => {
    const agent = (await server.login('agent')).token;
    expect((await server.get(`/api/analytics/resolution?${query}`, agent)).status).toBe(403);
    expect((await server.get(`/api/analytics/resolution?${query}`, editor)).status).toBe(403);
    expect((await server.get(`/api/analytics/gaps?${query}`, supervisor)).status).toBe(403);
    expect((await server.get(`/api/analytics/resolution?${query}`, '')).status).toBe(401);
    const admin = (await server.login('admin')).token;
    expect((await server.get(`/api/analytics/gaps?${query}`, admin)).status).toBe(200);
    for (const bad of [
      'from=yesterday',
      'timeZone=Mars%2FOlympus',
      'bucketMinutes=0',
      'from=2026-06-02T00:00:00Z&to=2026-06-01T00:00:00Z',
      'colour=red',
    ]) {
      const response = await server.get(`/api/analytics/queue?${bad}`, supervisor);
      expect(response.status, bad).toBe(400);
      expect(((await response.json()) as { error: string }).error).toBe('invalid_input');
    }
  });

  it('serves Prometheus metrics for the running server', async () => {
    const response = await fetch(`${server.baseUrl}/metrics`);
    expect(response.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    const text = await response.text();
    expect(text).toMatch(/^livedesk_viewer_connections 3$/m);
    expect(text).toMatch(/^livedesk_agent_connections 1$/m);
    expect(text).toMatch(/^livedesk_queue_length\{lane="normal"\} 0$/m);
    expect(text).toMatch(/^livedesk_handoffs_total\{reason="human_request"\} 1$/m);
    expect(text).toMatch(/^livedesk_turn_duration_seconds_count\{reason="done"\} 3$/m);
    expect(text).toMatch(/^livedesk_llm_fallbacks_total 0$/m);
    expect(text).toMatch(/^# TYPE process_cpu_seconds_total counter$/m);
  });

  it("turns an agent's knowledge answer into a proposed phrasing that an editor approves", async () => {
    const { clock } = server;
    // D: the AI cannot answer, the viewer asks for a person, the agent answers from the knowledge base.
    clock.set(at(2 * 3600 + 10));
    const viewer = await server.connectViewer();
    const { conversationId } = await viewer.join({ token: await server.viewerToken('room-b', 'viewer-d') });
    viewer.send({ type: 'message', text: '抽奖活动怎么参加才能中奖' });
    await viewer.waitForEvent('turn-end');
    expect(viewer.events().some((frame) => ['decline', 'clarify'].includes(frame.event.type))).toBe(true);
    const from = viewer.mark();
    viewer.send({ type: 'message', text: '我要人工' });
    await viewer.waitForEvent('state-change', { from, where: (event) => event.to === 'pending_human' });
    const console = agentConsole;
    await console.waitForType('assignment', { where: (frame) => frame.conversationId === conversationId });
    expect(await console.command({ type: 'accept', conversationId })).toMatchObject({ type: 'ack' });
    expect(
      await console.command({
        type: 'reply',
        conversationId,
        text: '秒杀和抽奖的规则在这里。',
        entryIds: ['shop.order.flash-sale'],
      }),
    ).toMatchObject({ type: 'ack' });

    const scan = await server.post('/api/knowledge/proposals/scan', editor);
    expect(await scan.json()).toMatchObject({ answers: 1, proposed: 1 });
    // Scanning again finds nothing new.
    expect(await (await server.post('/api/knowledge/proposals/scan', editor)).json()).toMatchObject({
      answers: 0,
      proposed: 0,
    });
    expect((await server.post('/api/knowledge/proposals/scan', supervisor)).status).toBe(403);
    const listed = (await (await server.get('/api/knowledge/proposals?status=pending', editor)).json()) as {
      proposals: { id: number; entryId: string; question: string; agentId: string; locale: string | null }[];
      total: number;
    };
    expect(listed.total).toBe(1);
    expect(listed.proposals[0]).toMatchObject({
      entryId: 'shop.order.flash-sale',
      question: '抽奖活动怎么参加才能中奖',
      agentId,
      locale: 'zh',
    });

    const id = listed.proposals[0]!.id;
    const approved = await server.post(`/api/knowledge/proposals/${id}/approve`, editor);
    expect(approved.status).toBe(200);
    const body = (await approved.json()) as {
      proposal: { status: string; versionId: number };
      version: { actor: string };
    };
    expect(body.proposal.status).toBe('approved');
    expect(body.version.actor).toBe('editor');
    const entry = (await (
      await server.get('/api/knowledge/entries/shop.order.flash-sale', editor)
    ).json()) as {
      questions: string[];
    };
    expect(entry.questions).toContain('抽奖活动怎么参加才能中奖');
    // Decided once: a second approval or a rejection is a conflict; an unknown id is not found.
    expect((await server.post(`/api/knowledge/proposals/${id}/approve`, editor)).status).toBe(409);
    expect((await server.post(`/api/knowledge/proposals/${id}/reject`, editor)).status).toBe(409);
    expect((await server.post('/api/knowledge/proposals/99999/reject', editor)).status).toBe(404);
    expect((await server.post('/api/knowledge/proposals/abc/reject', editor)).status).toBe(400);
  });
});
