import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RoomAlert } from '../../engine/room-watch/room-alert.js';
import type { RunningServer } from '../../server/start-server.js';
import { callNode, startClusterTestNode } from '../support/cluster-test-node.js';
import { createPostgresTestSchema, type PostgresTestSchema } from '../support/postgres-test-schema.js';

const SECRET = 'room-watch-cluster-secret-0123456789abcdef';

interface PanelFrame {
  type: string;
  alert?: RoomAlert;
}

/**
 * Two nodes on one PostgreSQL schema and Redis (issue 16 in cluster mode): the room watch runs on the
 * leader, a follower forwards danmaku pushes (HTTP and WebSocket) and moderators' panels to it, so a flood
 * split across the nodes by the balancer is one flood, and panels on either node see the same alert.
 */
describe('the room watch across cluster nodes', () => {
  let schema: PostgresTestSchema;
  const nodes: RunningServer[] = [];
  const folders: string[] = [];
  const sockets: WebSocket[] = [];

  const start = async (): Promise<RunningServer> => {
    const { node, folder } = await startClusterTestNode({
      databaseUrl: schema.url,
      secret: SECRET,
      folderPrefix: 'livedesk-room-cluster-',
    });
    folders.push(folder);
    nodes.push(node);
    return node;
  };
  const call = callNode;
  const login = async (node: RunningServer, username: string): Promise<string> => {
    const response = await fetch(`${node.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: 'livedesk-demo' }),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { token: string }).token;
  };
  const open = async (url: string, headers: Record<string, string> = {}): Promise<WebSocket> => {
    const socket = new WebSocket(url, { headers });
    sockets.push(socket);
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    return socket;
  };
  /** A moderator's room panel on `node`, watching one room. */
  const panel = async (node: RunningServer, token: string, roomId: string): Promise<PanelFrame[]> => {
    const socket = await open(`${node.url.replace(/^http/, 'ws')}/ws/rooms`);
    const frames: PanelFrame[] = [];
    socket.on('message', (data: Buffer) => frames.push(JSON.parse(data.toString('utf8')) as PanelFrame));
    socket.send(JSON.stringify({ type: 'auth', token }));
    await expect.poll(() => frames.some((frame) => frame.type === 'ready')).toBe(true);
    socket.send(JSON.stringify({ type: 'watch', platformId: 'acme', roomId }));
    await expect.poll(() => frames.some((frame) => frame.type === 'stream')).toBe(true);
    return frames;
  };

  beforeAll(async () => {
    schema = await createPostgresTestSchema();
    await start();
    await start();
  }, 120_000);

  afterAll(async () => {
    for (const socket of sockets) socket.terminate();
    for (const node of nodes.reverse()) await node.close();
    await schema?.cleanup();
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  }, 60_000);

  it('sees a flood pushed half to each node as one alert, on panels of both nodes', async () => {
    const [leader, follower] = nodes as [RunningServer, RunningServer];
    const admin = await login(leader, 'admin');
    const created = await call(follower, '/api/platform-keys/api-keys', admin, { platformId: 'acme' });
    expect(created.status).toBe(201);
    const { secret: key } = (await created.json()) as { secret: string };
    const moderator = await login(follower, 'moderator');
    const roomId = 'split-flood';
    const onLeader = await panel(leader, moderator, roomId);
    const onFollower = await panel(follower, moderator, roomId);

    // Three accounts repeating one text 12 times: a flood (8 near-duplicates from few accounts). Each node
    // gets 6 of them, which alone would be chatter: only one window over both sees the flood.
    const burst = Array.from({ length: 12 }, (_, index) => ({
      kind: 'comment',
      userId: `bot-${index % 3}`,
      text: `今晚的主播太差劲了大家快走${index % 2 === 0 ? '!!' : '啊'}`,
      atMs: Date.now() - 12_000 + index * 1000,
    }));
    const pusher = await open(`${follower.url.replace(/^http/, 'ws')}/ws/platform/danmaku`, {
      authorization: `Bearer ${key}`,
    });
    const acks: { type: string; ref?: string; accepted?: number }[] = [];
    pusher.on('message', (data: Buffer) =>
      acks.push(JSON.parse(data.toString('utf8')) as (typeof acks)[number]),
    );
    for (let index = 0; index < burst.length; index += 2) {
      const posted = await fetch(`${leader.url}/api/platform/rooms/${roomId}/danmaku`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify([burst[index]]),
      });
      expect(posted.status).toBe(202);
      pusher.send(
        JSON.stringify({ type: 'danmaku', roomId, items: [burst[index + 1]], ref: String(index + 1) }),
      );
      await expect
        .poll(() => acks.some((ack) => ack.type === 'ack' && ack.ref === String(index + 1)))
        .toBe(true);
    }

    const floods = async (node: RunningServer) => {
      const listed = await call(
        node,
        `/api/room-alerts?platformId=acme&roomId=${roomId}&kind=flood`,
        moderator,
      );
      expect(listed.status).toBe(200);
      return ((await listed.json()) as { alerts: RoomAlert[] }).alerts;
    };
    await expect.poll(async () => (await floods(follower)).length, { timeout: 10_000 }).toBe(1);
    const [flood] = await floods(follower);
    expect(flood).toMatchObject({ kind: 'flood', status: 'open', evidenceCount: 12 });
    expect(flood!.userIds).toEqual(['bot-0', 'bot-1', 'bot-2']);
    expect((await floods(leader)).map((alert) => alert.id)).toEqual([flood!.id]);
    // Both panels hear the same alert, with all twelve comments as evidence.
    for (const frames of [onLeader, onFollower])
      await expect
        .poll(() =>
          frames
            .filter((frame) => frame.type === 'alert' && frame.alert?.kind === 'flood')
            .map((frame) => [frame.alert!.id, frame.alert!.evidenceCount])
            .at(-1),
        )
        .toEqual([flood!.id, 12]);

    // Acknowledged on the follower: both nodes answer with the acknowledged alert.
    const acknowledged = await call(follower, `/api/room-alerts/${flood!.id}/acknowledge`, moderator, {});
    expect(acknowledged.status).toBe(200);
    expect((await floods(leader)).map((alert) => alert.status)).toEqual(['acknowledged']);
  }, 90_000);
});
