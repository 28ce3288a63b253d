import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChildServer, type ChildServer } from '../../bench/cluster/child-server.js';
import { freePort, startLoadBalancer, type LoadBalancer } from '../../deploy/haproxy/start-load-balancer.js';
import { createPostgresTestSchema, type PostgresTestSchema } from '../support/postgres-test-schema.js';
import { AgentTestClient } from '../server/agent-test-client.js';
import { ViewerTestClient } from '../server/viewer-test-client.js';

const REDIS_URL = process.env.LIVEDESK_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const SECRET = 'cluster-test-secret-0123456789abcdef0123';
const LEASE_MS = 1_500;

/** Three Livedesk processes on one PostgreSQL schema and Redis, behind a real HAProxy. */
describe('three nodes behind HAProxy on PostgreSQL and Redis', () => {
  let schema: PostgresTestSchema;
  const nodes: ChildServer[] = [];
  let balancer: LoadBalancer;
  const folders: string[] = [];

  beforeAll(async () => {
    schema = await createPostgresTestSchema();
    // One after another: the first takes the lead, so the test knows which node leads.
    for (const name of ['node1', 'node2', 'node3']) {
      const folder = mkdtempSync(path.join(tmpdir(), `livedesk-${name}-`));
      folders.push(folder);
      nodes.push(
        await startChildServer({
          name,
          script: 'server/main.ts',
          port: await freePort(),
          env: {
            LIVEDESK_DATA_DIR: folder,
            LIVEDESK_DATABASE_URL: schema.url,
            LIVEDESK_REDIS_URL: REDIS_URL,
            LIVEDESK_SECRET: SECRET,
            LIVEDESK_TRUST_PROXY: 'true',
            LIVEDESK_LEADER_LEASE_MS: String(LEASE_MS),
            LIVEDESK_LOG_LEVEL: 'warn',
          },
        }),
      );
    }
    balancer = await startLoadBalancer({
      backends: nodes.map((node) => ({ name: node.name, address: `127.0.0.1:${node.port}` })),
    });
  }, 180_000);

  afterAll(async () => {
    await balancer?.stop();
    await Promise.all(nodes.map((node) => node.stop()));
    await schema?.cleanup();
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  }, 60_000);

  const wsUrl = (url: string) => `${url.replace(/^http/u, 'ws')}/ws/viewer`;

  let viewerCount = 0;
  /** A new viewer's token; each from an address of its own, as real viewers are (the nodes trust the header). */
  async function viewerToken(url: string): Promise<string> {
    viewerCount += 1;
    const response = await fetch(`${url}/api/viewer/session`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-forwarded-for': `10.0.${viewerCount >> 8}.${viewerCount & 255}`,
      },
      body: JSON.stringify({ roomId: 'room-cluster' }),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { token: string }).token;
  }

  async function staffToken(url: string, username: string): Promise<string> {
    const response = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: 'livedesk-demo' }),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { token: string }).token;
  }

  it('replays exactly what a viewer missed when it reconnects through another node, in order', async () => {
    const token = await viewerToken(nodes[1]!.url);
    const first = await ViewerTestClient.connect(wsUrl(nodes[1]!.url));
    const joined = await first.join({ token, locale: 'en' });
    let from = first.mark();
    first.send({ type: 'message', text: 'How do I top up coins?', clientMessageId: 'replay-1' });
    await first.waitForEvent('turn-end', { from });
    const seen = first.events().map((frame) => frame.sequence ?? 0);
    const lastSeen = Math.max(...seen);
    await first.close();

    // While it is away, another socket of the same viewer asks again through a third node.
    const other = await ViewerTestClient.connect(wsUrl(nodes[2]!.url));
    await other.join({ token, conversationId: joined.conversationId, lastSequence: lastSeen });
    from = other.mark();
    other.send({ type: 'message', text: 'What is the minimum top-up?', clientMessageId: 'replay-2' });
    await other.waitForEvent('turn-end', { from });
    const missed = other
      .events()
      .map((frame) => frame.sequence)
      .filter((sequence) => sequence !== undefined);
    await other.close();

    const back = await ViewerTestClient.connect(wsUrl(nodes[0]!.url));
    await back.join({ token, conversationId: joined.conversationId, lastSequence: lastSeen });
    await back.waitForEvent('turn-end');
    const replayed = back.events().map((frame) => frame.sequence);
    await back.close();
    expect(replayed[0]).toBe(lastSeen + 1);
    expect(replayed).toEqual([...replayed].sort((a, b) => a! - b!));
    expect(new Set(replayed).size).toBe(replayed.length);
    expect(replayed).toEqual(missed);
  });

  it('runs one desk: handoffs arriving through different nodes at once are each offered once, within capacity', async () => {
    const agents = await Promise.all(
      ['agent', 'agent2'].map(async (username, index) => {
        const client = await AgentTestClient.connect(
          `${nodes[(index + 1) % 3]!.url.replace(/^http/u, 'ws')}/ws/agent`,
        );
        const signedIn = await client.authenticate(await staffToken(nodes[index]!.url, username));
        return { client, capacity: signedIn.agent?.capacity ?? 0, id: signedIn.user.id };
      }),
    );
    const viewers = await Promise.all(
      Array.from({ length: 8 }, async (_, index) => {
        const node = nodes[index % 3]!;
        const client = await ViewerTestClient.connect(wsUrl(node.url));
        await client.join({ token: await viewerToken(node.url), locale: 'zh' });
        return client;
      }),
    );
    for (const [index, viewer] of viewers.entries())
      viewer.send({ type: 'message', text: '人工', clientMessageId: `person-${index}` });
    await Promise.all(viewers.map((viewer) => viewer.waitForType('ack')));
    const capacity = agents.reduce((sum, agent) => sum + agent.capacity, 0);
    await Promise.all(
      agents.map((agent) =>
        agent.client.waitFor((frame) => frame.type === 'queue' && frame.snapshot.agents !== undefined),
      ),
    );
    // Offers settle within the desk's tick; then every assignment frame either agent saw is checked.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const offeredTo = new Map<string, Set<string>>();
    for (const agent of agents) {
      for (const frame of agent.client.frames) {
        if (frame.type !== 'assignment' || frame.status !== 'offered') continue;
        const holders = offeredTo.get(frame.conversationId) ?? new Set<string>();
        holders.add(agent.id);
        offeredTo.set(frame.conversationId, holders);
      }
    }
    expect([...offeredTo.values()].every((holders) => holders.size === 1)).toBe(true);
    expect(offeredTo.size).toBe(Math.min(capacity, viewers.length));
    for (const agent of agents) {
      const offered = agent.client.frames.filter(
        (frame) => frame.type === 'assignment' && frame.status === 'offered',
      ).length;
      expect(offered).toBeLessThanOrEqual(agent.capacity);
    }
    await Promise.all([...viewers, ...agents.map((agent) => agent.client)].map((client) => client.close()));
  });

  /**
   * Viewers as the widget behaves, through the balancer: a message every 250 ms each, what was not acked is
   * sent again after a reconnect (with the same id), and a dropped socket reconnects at once.
   */
  function startTraffic(viewerCount: number, prefix: string) {
    const acked = new Set<string>();
    let mark = Number.POSITIVE_INFINITY;
    let firstAckAfterMark = Number.POSITIVE_INFINITY;
    /** When each message was first sent: recovery counts only messages sent after the mark. */
    const sentAt = new Map<string, number>();
    let stopped = false;
    const runViewer = async (index: number) => {
      const token = await viewerToken(nodes[2]!.url);
      let conversationId: string | undefined;
      let counter = 0;
      const unacked = new Map<string, string>();
      while (!stopped) {
        const socket = new WebSocket(wsUrl(balancer.url));
        await new Promise<void>((resolve) => {
          let timer: ReturnType<typeof setInterval> | undefined;
          socket.on('open', () =>
            socket.send(
              JSON.stringify({
                type: 'join',
                token,
                locale: 'en',
                ...(conversationId ? { conversationId } : {}),
              }),
            ),
          );
          socket.on('message', (data: Buffer) => {
            const frame = JSON.parse(data.toString('utf8')) as {
              type: string;
              conversationId?: string;
              clientMessageId?: string;
            };
            if (frame.type === 'joined') {
              conversationId = frame.conversationId;
              for (const [id, text] of unacked)
                socket.send(JSON.stringify({ type: 'message', text, clientMessageId: id }));
              timer = setInterval(() => {
                if (stopped) return socket.close();
                counter += 1;
                const id = `${prefix}${index}-m${counter}`;
                unacked.set(id, `How do I top up coins? (${counter})`);
                sentAt.set(id, Date.now());
                socket.send(JSON.stringify({ type: 'message', text: unacked.get(id), clientMessageId: id }));
              }, 250);
            } else if (frame.type === 'ack' && frame.clientMessageId) {
              unacked.delete(frame.clientMessageId);
              acked.add(frame.clientMessageId);
              if ((sentAt.get(frame.clientMessageId) ?? 0) > mark)
                firstAckAfterMark = Math.min(firstAckAfterMark, Date.now());
            }
          });
          const done = () => {
            clearInterval(timer);
            resolve();
          };
          socket.on('close', done);
          socket.on('error', done);
        });
        if (!stopped) await new Promise((resolve) => setTimeout(resolve, 200));
      }
    };
    const running = Array.from({ length: viewerCount }, (_, index) => runViewer(index));
    return {
      acked,
      /** From now on, the first ack of a message sent after this moment is timed. */
      markNow() {
        mark = Date.now();
        return mark;
      },
      async ackedAfterMark(timeoutMs: number): Promise<number> {
        const deadline = Date.now() + timeoutMs;
        while (firstAckAfterMark === Number.POSITIVE_INFINITY && Date.now() < deadline)
          await new Promise((resolve) => setTimeout(resolve, 100));
        return firstAckAfterMark - mark;
      },
      async stop() {
        stopped = true;
        await Promise.all(running);
      },
    };
  }

  /** Acked messages missing from the shared log, and any stored more than once. */
  async function auditAcked(acked: ReadonlySet<string>): Promise<{ lost: string[]; twice: string[] }> {
    const stored = await schema.pool.query<{ id: string; count: number }>(
      `SELECT body->>'clientMessageId' AS id, count(*)::int AS count FROM conversation_events
        WHERE type = 'viewer-message' GROUP BY 1`,
    );
    const counts = new Map(stored.rows.map((row) => [row.id, row.count]));
    return {
      lost: [...acked].filter((id) => counts.get(id) === undefined),
      twice: [...acked].filter((id) => (counts.get(id) ?? 0) > 1),
    };
  }

  /** The queue as the leader has it, through any node. */
  async function waitingIds(url: string): Promise<string[]> {
    const response = await fetch(`${url}/api/desk/queue`, {
      headers: { authorization: `Bearer ${await staffToken(url, 'supervisor')}` },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { snapshot: { waiting: { conversationId: string }[] } };
    return body.snapshot.waiting.map((item) => item.conversationId);
  }

  it('loses no acknowledged message when the leader is killed during traffic, and a follower takes over', async () => {
    const waitingBefore = await waitingIds(nodes[2]!.url);
    expect(waitingBefore.length).toBeGreaterThan(0);
    const traffic = startTraffic(12, 'kill-');
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const ackedBeforeKill = traffic.acked.size;
    expect(ackedBeforeKill).toBeGreaterThan(0);
    traffic.markNow();
    process.kill(nodes[0]!.pid, 'SIGKILL');
    const recoveryMs = await traffic.ackedAfterMark(20_000);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await traffic.stop();

    const { lost, twice } = await auditAcked(traffic.acked);
    console.log(
      `kill -9 of the leader: ${traffic.acked.size} messages acked (${ackedBeforeKill} before), ${lost.length} lost, ` +
        `${twice.length} stored twice, first ack ${recoveryMs} ms after the kill`,
    );
    expect(lost).toEqual([]);
    expect(twice).toEqual([]);
    expect(recoveryMs).toBeLessThan(10_000);
    // The new leader rebuilt the queue from the log: every conversation that waited still waits (the
    // viewers above, repeating one question, were escalated too and may have joined it).
    expect(await waitingIds(nodes[2]!.url)).toEqual(expect.arrayContaining(waitingBefore));
  }, 90_000);

  it('drains a leader stopped with SIGTERM: the lead moves before it exits and nothing acknowledged is lost', async () => {
    const leaderIndex = await leaderOf([1, 2]);
    const traffic = startTraffic(8, 'term-');
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    traffic.markNow();
    await nodes[leaderIndex]!.stop();
    const recoveryMs = await traffic.ackedAfterMark(20_000);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await traffic.stop();
    const { lost, twice } = await auditAcked(traffic.acked);
    console.log(
      `SIGTERM of the leader: ${traffic.acked.size} messages acked, ${lost.length} lost, ${twice.length} stored twice, ` +
        `first ack ${recoveryMs} ms after the signal`,
    );
    expect(lost).toEqual([]);
    expect(twice).toEqual([]);
    const survivor = nodes[leaderIndex === 1 ? 2 : 1]!;
    expect((await fetch(`${survivor.url}/healthz`)).status).toBe(200);
  }, 90_000);

  /** Which of these nodes leads, by the lease in the shared database. */
  async function leaderOf(candidates: number[]): Promise<number> {
    for (let attempt = 0; attempt < 50; attempt += 1) {
      const row = await schema.pool.query<{ node_id: string }>(
        "SELECT node_id FROM conversation_leases WHERE conversation_id = 'livedesk:leader' AND expires_at > now()",
      );
      const nodeId = row.rows[0]?.node_id;
      const urls = await schema.pool.query<{ node_id: string; url: string | null }>(
        'SELECT node_id, url FROM cluster_nodes',
      );
      const url = urls.rows.find((node) => node.node_id === nodeId)?.url;
      const index = candidates.find((candidate) => url?.endsWith(`:${nodes[candidate]!.port}`));
      if (index !== undefined) return index;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('no leader among the nodes still running');
  }
});
