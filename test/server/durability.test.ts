import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AgentTestClient } from './agent-test-client.js';
import { DEMO_PASSWORD } from './desk-server.js';
import { freePort, startServerProcess, type ServerProcess } from './durability-server-process.js';
import { ViewerTestClient } from './viewer-test-client.js';

const ENV = {
  LIVEDESK_HTTP_RATE_PER_SECOND: '100000',
  LIVEDESK_HTTP_RATE_BURST: '100000',
  LIVEDESK_MAX_VIEWER_CONNECTIONS_PER_IP: '1000',
};
const QUESTIONS = ['怎么充值金币', '礼物怎么送', '忘记密码怎么办', '怎么提现', '直播间怎么关注主播'];

interface Viewer {
  token: string;
  conversationId: string;
  client: ViewerTestClient;
  /** clientMessageId → what was sent and where the server said it was stored. */
  acked: Map<string, { text: string; sequence: number }>;
  escalated: boolean;
}

async function post(baseUrl: string, route: string, json: unknown, token?: string): Promise<unknown> {
  const response = await fetch(`${baseUrl}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(json),
  });
  if (!response.ok) throw new Error(`${route}: ${response.status} ${await response.text()}`);
  return response.json();
}

async function login(baseUrl: string, username: string, password = DEMO_PASSWORD): Promise<string> {
  return ((await post(baseUrl, '/api/auth/login', { username, password })) as { token: string }).token;
}

function wsUrl(server: ServerProcess, channel: 'viewer' | 'agent'): string {
  return `ws://127.0.0.1:${server.port}/ws/${channel}`;
}

/** Records every ack the viewer gets, so the test knows exactly what the server promised to keep. */
function trackAcks(viewer: Viewer, sent: Map<string, string>): void {
  viewer.client.onFrame((frame) => {
    if (frame.type !== 'ack' || frame.sequence === undefined) return;
    viewer.acked.set(frame.clientMessageId, {
      text: sent.get(frame.clientMessageId)!,
      sequence: frame.sequence,
    });
  });
}

/** Rejoins with the stored conversation and sequence 0: resolves to the replayed viewer messages by sequence. */
async function replay(
  server: ServerProcess,
  viewer: Viewer,
): Promise<{ client: ViewerTestClient; messages: Map<number, string> }> {
  const client = await ViewerTestClient.connect(wsUrl(server, 'viewer'));
  const joined = await client.join({
    token: viewer.token,
    conversationId: viewer.conversationId,
    lastSequence: 0,
  });
  expect(joined.conversationId).toBe(viewer.conversationId);
  await client.roundTrip();
  const messages = new Map<number, string>();
  for (const frame of client.events()) {
    if (frame.event.type === 'viewer-message' && frame.sequence !== undefined)
      messages.set(frame.sequence, frame.event.text);
  }
  return { client, messages };
}

describe('durability of the real server process', () => {
  let dataDir: string;
  let port: number;
  let running: ServerProcess | undefined;
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'livedesk-durability-'));
    port = await freePort();
  });
  afterEach(() => {
    running?.child.kill('SIGKILL');
    running = undefined;
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged message and the queue through a SIGKILL in the middle of traffic', async () => {
    const first = await startServerProcess({ dataDir, port, env: ENV });
    running = first;
    const admin = await login(first.baseUrl, 'admin');
    await post(
      first.baseUrl,
      '/api/users',
      {
        username: 'keeper',
        name: 'Kim Keeper',
        role: 'agent',
        password: 'keeper-password',
        teams: ['support'],
        capacity: 5,
      },
      admin,
    );
    const viewers: Viewer[] = [];
    const sent = new Map<string, string>();
    for (let index = 0; index < 6; index++) {
      const session = (await post(first.baseUrl, '/api/viewer/session', {
        roomId: 'room-d',
        locale: 'zh',
      })) as {
        token: string;
      };
      const client = await ViewerTestClient.connect(wsUrl(first, 'viewer'));
      const { conversationId } = await client.join({ token: session.token });
      const viewer: Viewer = {
        token: session.token,
        conversationId,
        client,
        acked: new Map(),
        escalated: index < 2,
      };
      trackAcks(viewer, sent);
      viewers.push(viewer);
    }
    // Two viewers ask for a person; their handoff must be in the log before the kill.
    for (const viewer of viewers.filter((candidate) => candidate.escalated)) {
      viewer.client.send({ type: 'message', text: '我要人工', clientMessageId: 'human' });
      sent.set('human', '我要人工');
      await viewer.client.waitForEvent('queue-status');
    }
    // Everyone keeps talking; the process dies in the middle of it.
    let round = 0;
    const traffic = setInterval(() => {
      round += 1;
      viewers.forEach((viewer, index) => {
        const clientMessageId = `r${round}-v${index}`;
        const text = `${QUESTIONS[(round + index) % QUESTIONS.length]!}（第${round}次）`;
        sent.set(clientMessageId, text);
        viewer.client.send({ type: 'message', text, clientMessageId });
      });
    }, 40);
    const enoughAcks = (): boolean => viewers.reduce((sum, viewer) => sum + viewer.acked.size, 0) >= 30;
    while (!enoughAcks()) await new Promise((resolve) => setTimeout(resolve, 10));
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    clearInterval(traffic);
    await Promise.all(viewers.map((viewer) => viewer.client.closed));
    const acknowledged = viewers.reduce((sum, viewer) => sum + viewer.acked.size, 0);
    expect(acknowledged).toBeGreaterThanOrEqual(30);

    const second = await startServerProcess({ dataDir, port, env: ENV });
    running = second;
    // Others may have been handed over too during the traffic (repeated questions escalate).
    const waitingAfterRestart: string[] = [];
    for (const viewer of viewers) {
      const { client, messages } = await replay(second, viewer);
      const joined = client.frames.find((frame) => frame.type === 'joined');
      if (joined?.type === 'joined' && joined.state === 'pending_human')
        waitingAfterRestart.push(viewer.conversationId);
      for (const [clientMessageId, { text, sequence }] of viewer.acked) {
        expect(messages.get(sequence), `${clientMessageId} acknowledged at ${sequence}`).toBe(text);
      }
      if (viewer.escalated) {
        // Still waiting for a person, and told their place again.
        expect(client.frames.find((frame) => frame.type === 'joined')).toMatchObject({
          state: 'pending_human',
        });
        await client.waitForEvent('queue-status');
      }
      await client.close();
    }
    const queue = await fetch(`${second.baseUrl}/api/desk/queue`, {
      headers: { authorization: `Bearer ${await login(second.baseUrl, 'supervisor')}` },
    });
    const { snapshot } = (await queue.json()) as { snapshot: { waiting: { conversationId: string }[] } };
    const escalatedIds = viewers.filter((viewer) => viewer.escalated).map((viewer) => viewer.conversationId);
    // Everyone waiting for a person is back in the queue; the two who asked first are still first.
    const waitingIds = snapshot.waiting.map((entry) => entry.conversationId);
    expect([...waitingIds].sort()).toEqual([...waitingAfterRestart].sort());
    expect(waitingIds.slice(0, 2)).toEqual(escalatedIds);

    const agent = await AgentTestClient.connect(wsUrl(second, 'agent'));
    await agent.authenticate(await login(second.baseUrl, 'keeper', 'keeper-password'));
    for (const conversationId of escalatedIds) {
      const offer = await agent.waitForType('assignment', {
        where: (frame) => frame.conversationId === conversationId,
      });
      expect(offer.status).toBe('offered');
      expect(offer.conversation.packet.reasons).toContain('human_request');
    }
    await agent.close();
  }, 180_000);

  it('drains on SIGTERM: sockets closed with 1001, exit code 0, acknowledged messages kept', async () => {
    const server = await startServerProcess({ dataDir, port, env: ENV });
    running = server;
    const session = (await post(server.baseUrl, '/api/viewer/session', {
      roomId: 'room-t',
      locale: 'zh',
    })) as {
      token: string;
    };
    const client = await ViewerTestClient.connect(wsUrl(server, 'viewer'));
    const { conversationId } = await client.join({ token: session.token });
    const viewer: Viewer = {
      token: session.token,
      conversationId,
      client,
      acked: new Map(),
      escalated: false,
    };
    const sent = new Map<string, string>();
    trackAcks(viewer, sent);
    for (let index = 0; index < 5; index++) {
      sent.set(`t${index}`, QUESTIONS[index]!);
      client.send({ type: 'message', text: QUESTIONS[index], clientMessageId: `t${index}` });
    }
    await client.waitForType('ack', { where: (frame) => frame.clientMessageId === 't4' });
    server.child.kill('SIGTERM');
    expect((await client.closed).code).toBe(1001);
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(viewer.acked.size).toBe(5);

    const again = await startServerProcess({ dataDir, port, env: ENV });
    running = again;
    const { messages } = await replay(again, viewer);
    for (const { text, sequence } of viewer.acked.values()) expect(messages.get(sequence)).toBe(text);
  }, 120_000);
});
