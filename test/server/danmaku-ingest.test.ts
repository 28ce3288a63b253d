import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RoomAlert } from '../../engine/room-watch/room-alert.js';
import { DEMO_PASSWORD, startWebTestServer, type WebTestServer } from '../browser/web-test-server.js';

/**
 * The danmaku push (issue 16) on a real loopback server: HTTP batches and the WebSocket, refusals counted in
 * /metrics, per-key and per-room token buckets, and the moderator's read of the alerts.
 */
describe('danmaku ingest over HTTP and WebSocket', () => {
  let server: WebTestServer;
  let keyA = '';
  let keyB = '';
  let moderator = '';

  async function api(
    path: string,
    init: { token?: string; body?: string; json?: unknown; method?: string } = {},
  ) {
    const body = init.body ?? (init.json === undefined ? undefined : JSON.stringify(init.json));
    return fetch(`${server.url}${path}`, {
      method: init.method ?? (body === undefined ? 'GET' : 'POST'),
      headers: {
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body }),
    });
  }
  async function tokenOf(username: string): Promise<string> {
    const login = await api('/api/auth/login', { json: { username, password: DEMO_PASSWORD } });
    expect(login.status).toBe(200);
    return ((await login.json()) as { token: string }).token;
  }
  async function apiKey(admin: string, platformId: string): Promise<string> {
    const created = await api('/api/platform-keys/api-keys', { token: admin, json: { platformId } });
    expect(created.status).toBe(201);
    return ((await created.json()) as { secret: string }).secret;
  }
  async function metric(name: string, labels: string): Promise<number> {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    const line = text.split('\n').find((candidate) => candidate.startsWith(`${name}{${labels}}`));
    return line === undefined ? 0 : Number(line.split(' ').at(-1));
  }
  const comments = (count: number, text: (index: number) => string) =>
    Array.from({ length: count }, (_, index) => ({
      kind: 'comment',
      userId: `u${index}`,
      text: text(index),
    }));
  const push = (roomId: string, key: string | undefined, items: unknown) =>
    api(`/api/platform/rooms/${roomId}/danmaku`, { ...(key ? { token: key } : {}), json: items });

  beforeAll(async () => {
    server = await startWebTestServer({
      // Room bucket: 100/s, burst 200; key bucket: 300/s, burst 600.
      LIVEDESK_DANMAKU_ROOM_RATE: '100',
      LIVEDESK_DANMAKU_KEY_RATE: '300',
    });
    const admin = await tokenOf('admin');
    keyA = await apiKey(admin, 'acme');
    keyB = await apiKey(admin, 'beta');
    moderator = await tokenOf('moderator');
  }, 90_000);
  afterAll(async () => {
    await server?.close();
  });

  it('refuses and counts pushes without a valid platform key', async () => {
    expect(
      (
        await push(
          'room-1',
          undefined,
          comments(1, () => 'hi'),
        )
      ).status,
    ).toBe(401);
    expect(
      (
        await push(
          'room-1',
          'ldp_not-a-key',
          comments(1, () => 'hi'),
        )
      ).status,
    ).toBe(401);
    const staff = await push(
      'room-1',
      moderator,
      comments(1, () => 'hi'),
    );
    expect(staff.status).toBe(401);
    expect(await metric('livedesk_danmaku_refused_total', 'reason="unauthenticated",channel="http"')).toBe(3);
  });

  it('refuses and counts malformed batches, taking nothing of them', async () => {
    const before = await metric('livedesk_danmaku_items_total', '');
    const bad = [
      await push('room-1', keyA, { kind: 'comment', userId: 'u1', text: 'not an array' }),
      await push('room-1', keyA, [{ kind: 'comment', text: 'no user' }]),
      await push(
        'room-1',
        keyA,
        comments(501, () => 'too many'),
      ),
      await push('room-1', keyA, [...comments(3, () => 'fine'), { kind: 'gift', userId: 'u', value: -1 }]),
      await api('/api/platform/rooms/room-1/danmaku', { token: keyA, body: '{"not json' }),
      await push(
        'bad room id!',
        keyA,
        comments(1, () => 'hi'),
      ),
    ];
    expect(bad.map((response) => response.status)).toEqual([400, 400, 400, 400, 400, 400]);
    expect(await metric('livedesk_danmaku_refused_total', 'reason="malformed",channel="http"')).toBe(6);
    expect(await metric('livedesk_danmaku_items_total', '')).toBe(before);
  });

  it('raises an ad alert with its evidence, which a moderator reads', async () => {
    const accepted = await push('show-1', keyA, [
      { kind: 'comment', userId: 'spam-1', userName: '福利姐', text: '➕V看主页领福利', id: 'c-1' },
      { kind: 'comment', userId: 'fan-1', text: '主播好美' },
    ]);
    expect(accepted.status).toBe(202);
    expect(await accepted.json()).toEqual({ accepted: 2 });
    await expect
      .poll(async () => {
        const listed = await api('/api/room-alerts?roomId=show-1', { token: moderator });
        return ((await listed.json()) as { alerts: RoomAlert[] }).alerts;
      })
      .toEqual([
        expect.objectContaining({
          platformId: 'acme',
          roomId: 'show-1',
          kind: 'ad',
          status: 'open',
          evidence: [expect.objectContaining({ userId: 'spam-1', text: '➕V看主页领福利', itemId: 'c-1' })],
        }),
      ]);
    const rooms = (await (await api('/api/rooms', { token: moderator })).json()) as {
      rooms: { roomId: string }[];
    };
    expect(rooms.rooms.map((room) => room.roomId)).toContain('show-1');
  });

  it('turns an alert into a ticket and a support conversation queued for agents, and counts it in the stats', async () => {
    const listed = await api('/api/room-alerts?roomId=show-1', { token: moderator });
    const [alert] = ((await listed.json()) as { alerts: RoomAlert[] }).alerts;
    const ticket = await api(`/api/room-alerts/${alert!.id}/ticket`, {
      token: moderator,
      json: { userId: 'spam-1' },
    });
    expect(ticket.status).toBe(201);
    const { ticketId } = (await ticket.json()) as { ticketId: string };
    const supervisor = await tokenOf('supervisor');
    const stored = (await (await api(`/api/tickets/${ticketId}`, { token: supervisor })).json()) as {
      ticket: { tags: string[]; description: string; viewer?: { viewerId: string } };
    };
    expect(stored.ticket.tags).toEqual(['room-alert', 'ad']);
    expect(stored.ticket.description).toContain('➕V看主页领福利');
    expect(stored.ticket.viewer?.viewerId).toBe('pu:acme:spam-1');

    const opened = await api(`/api/room-alerts/${alert!.id}/conversation`, {
      token: moderator,
      json: { userId: 'spam-1' },
    });
    expect(opened.status).toBe(201);
    const { conversationId } = (await opened.json()) as { conversationId: string };
    await expect
      .poll(async () => JSON.stringify(await (await api('/api/desk/queue', { token: supervisor })).json()))
      .toContain(conversationId);
    expect(
      (
        await api(`/api/room-alerts/${alert!.id}/conversation`, {
          token: moderator,
          json: { userId: 'nobody' },
        })
      ).status,
    ).toBe(400);
    // Asked again (a double click, a second moderator, two at once): the same conversation, no new one.
    const again = await Promise.all(
      [moderator, supervisor, moderator].map((token) =>
        api(`/api/room-alerts/${alert!.id}/conversation`, { token, json: { userId: 'spam-1' } }),
      ),
    );
    expect(again.map((response) => response.status)).toEqual([200, 200, 200]);
    for (const response of again)
      expect(((await response.json()) as { conversationId: string }).conversationId).toBe(conversationId);

    const acknowledged = await api(`/api/room-alerts/${alert!.id}/acknowledge`, {
      token: moderator,
      json: {},
    });
    expect(acknowledged.status).toBe(200);
    const stats = (await (await api('/api/room-alerts/stats', { token: supervisor })).json()) as {
      byRoomAndKind: { roomId: string; kind: string; count: number }[];
      acknowledged: number;
      timeToAcknowledgeMs: { median: number | null };
      outcomes: Record<string, number>;
    };
    expect(stats.byRoomAndKind).toContainEqual({
      platformId: 'acme',
      roomId: 'show-1',
      kind: 'ad',
      count: 1,
    });
    expect(stats.acknowledged).toBe(1);
    expect(stats.timeToAcknowledgeMs.median).toEqual(expect.any(Number));
    expect(stats.outcomes).toEqual({ 'ticket-created': 1, 'conversation-opened': 1, acknowledged: 1 });
  });

  it('rate limits a flood to one room without affecting its other rooms or other platforms', async () => {
    const statuses: number[] = [];
    for (let batch = 0; batch < 4; batch += 1)
      statuses.push(
        (
          await push(
            'flooded',
            keyA,
            comments(100, (index) => `刷屏 ${batch}-${index}`),
          )
        ).status,
      );
    expect(statuses.slice(0, 2)).toEqual([202, 202]);
    expect(statuses.slice(2)).toContain(429);
    expect(
      await metric('livedesk_danmaku_refused_total', 'reason="rate_limited",channel="http"'),
    ).toBeGreaterThan(0);
    // The same key's other room, and another platform's room, are served as before.
    expect(
      (
        await push(
          'calm',
          keyA,
          comments(100, () => '晚上好'),
        )
      ).status,
    ).toBe(202);
    expect(
      (
        await push(
          'flooded',
          keyB,
          comments(100, () => '晚上好'),
        )
      ).status,
    ).toBe(202);
  });

  it('rate limits a key flooding many rooms, while another key is served', async () => {
    const statuses: number[] = [];
    for (let room = 0; room < 14; room += 1)
      statuses.push(
        (
          await push(
            `spread-${room}`,
            keyA,
            comments(190, (index) => `hello ${index}`),
          )
        ).status,
      );
    expect(statuses).toContain(429);
    expect(
      (
        await push(
          'beta-room',
          keyB,
          comments(150, () => 'hi'),
        )
      ).status,
    ).toBe(202);
  });

  it('takes batches over the WebSocket, refusing a socket without a key and counting malformed frames', async () => {
    const wsUrl = `${server.url.replace('http', 'ws')}/ws/platform/danmaku`;
    const refusedStatus = await new Promise<number>((resolve) => {
      const socket = new WebSocket(wsUrl);
      socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      socket.on('open', () => resolve(101));
      socket.on('error', () => undefined);
    });
    expect(refusedStatus).toBe(401);
    expect(await metric('livedesk_danmaku_refused_total', 'reason="unauthenticated",channel="ws"')).toBe(1);

    const socket = new WebSocket(wsUrl, { headers: { authorization: `Bearer ${keyB}` } });
    const replies: unknown[] = [];
    socket.on('message', (data) => replies.push(JSON.parse((data as Buffer).toString('utf8'))));
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    socket.send('{"type":"danmaku"');
    socket.send(
      JSON.stringify({ type: 'danmaku', roomId: 'ws-room', items: [{ kind: 'comment' }], ref: 'bad' }),
    );
    socket.send(
      JSON.stringify({
        type: 'danmaku',
        roomId: 'ws-room',
        ref: 'b1',
        items: [
          { kind: 'gift', userId: 'kid', giftName: '火箭', value: 50000 },
          { kind: 'comment', userId: 'kid', text: '我才13岁，用我妈的卡刷的' },
        ],
      }),
    );
    await expect.poll(() => replies.length).toBe(3);
    expect(replies[0]).toMatchObject({ type: 'error', error: 'malformed' });
    expect(replies[1]).toMatchObject({ type: 'error', error: 'malformed' });
    expect(replies[2]).toEqual({ type: 'ack', ref: 'b1', accepted: 2 });
    socket.close();
    expect(await metric('livedesk_danmaku_refused_total', 'reason="malformed",channel="ws"')).toBe(2);
    await expect
      .poll(async () => {
        const listed = await api('/api/room-alerts?roomId=ws-room&platformId=beta', { token: moderator });
        return ((await listed.json()) as { alerts: RoomAlert[] }).alerts.map((alert) => [
          alert.kind,
          alert.severity,
        ]);
      })
      .toEqual([['minor', 'critical']]);
  });

  it('gives moderators the room panel only, and staff room updates over /ws/rooms', async () => {
    expect((await api('/api/tickets', { token: moderator })).status).toBe(403);
    expect((await api('/api/rooms', { token: await tokenOf('agent') })).status).toBe(403);
    expect((await api('/api/rooms', { token: await tokenOf('supervisor') })).status).toBe(200);

    const socket = new WebSocket(`${server.url.replace('http', 'ws')}/ws/rooms`);
    const frames: { type: string; entries?: { item: { text?: string }; kinds: string[] }[] }[] = [];
    socket.on('message', (data) =>
      frames.push(JSON.parse((data as Buffer).toString('utf8')) as (typeof frames)[number]),
    );
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'auth', token: moderator }));
    await expect.poll(() => frames.some((frame) => frame.type === 'ready')).toBe(true);
    socket.send(JSON.stringify({ type: 'watch', platformId: 'acme', roomId: 'live-panel' }));
    await expect.poll(() => frames.some((frame) => frame.type === 'stream')).toBe(true);
    await push('live-panel', keyA, [{ kind: 'comment', userId: 'troll', text: '主播是个废物' }]);
    await expect
      .poll(
        () =>
          frames.flatMap((frame) => frame.entries ?? []).find((entry) => entry.item.text === '主播是个废物')
            ?.kinds,
      )
      .toEqual(['abuse']);
    await expect.poll(() => frames.some((frame) => frame.type === 'alert')).toBe(true);
    socket.close();
  });

  it('closes a danmaku socket with 4001 soon after its API key is revoked', async () => {
    const admin = await tokenOf('admin');
    const created = await api('/api/platform-keys/api-keys', { token: admin, json: { platformId: 'gamma' } });
    expect(created.status).toBe(201);
    const { key, secret } = (await created.json()) as { key: { id: string }; secret: string };
    const socket = new WebSocket(`${server.url.replace('http', 'ws')}/ws/platform/danmaku`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    const replies: { type: string; ref?: string }[] = [];
    socket.on('message', (data) => replies.push(JSON.parse((data as Buffer).toString('utf8')) as never));
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    const frame = (ref: string) =>
      JSON.stringify({ type: 'danmaku', roomId: 'gamma-room', ref, items: comments(1, () => 'hi') });
    socket.send(frame('before'));
    await expect
      .poll(() => replies.some((reply) => reply.type === 'ack' && reply.ref === 'before'))
      .toBe(true);
    const revoked = await api(`/api/platform-keys/api-keys/${key.id}`, { token: admin, method: 'DELETE' });
    expect(revoked.status).toBe(200);
    const code = await Promise.race([
      closed,
      new Promise<string>((resolve) => setTimeout(() => resolve('still open'), 4000)),
    ]);
    expect(code).toBe(4001);
    expect(replies.at(-1)).toMatchObject({ type: 'error', error: 'unauthenticated' });
  });

  it('closes a /ws/rooms socket soon after its moderator is demoted or disabled, with no more comments', async () => {
    const admin = await tokenOf('admin');
    async function watching(username: string) {
      const created = await api('/api/users', {
        token: admin,
        json: { username, name: username, role: 'moderator', password: DEMO_PASSWORD },
      });
      expect(created.status).toBe(201);
      const { user } = (await created.json()) as { user: { id: string } };
      const socket = new WebSocket(`${server.url.replace('http', 'ws')}/ws/rooms`);
      const frames: { type: string; entries?: { item: { text?: string } }[] }[] = [];
      socket.on('message', (data) =>
        frames.push(JSON.parse((data as Buffer).toString('utf8')) as (typeof frames)[number]),
      );
      const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
      await new Promise((resolve) => socket.once('open', resolve));
      socket.send(JSON.stringify({ type: 'auth', token: await tokenOf(username) }));
      await expect.poll(() => frames.some((frame) => frame.type === 'ready')).toBe(true);
      socket.send(JSON.stringify({ type: 'watch', platformId: 'acme', roomId: `room-of-${username}` }));
      await expect.poll(() => frames.some((frame) => frame.type === 'stream')).toBe(true);
      return { userId: user.id, frames, closed };
    }
    const texts = (frames: { entries?: { item: { text?: string } }[] }[]) =>
      frames.flatMap((frame) => frame.entries ?? []).map((entry) => entry.item.text);
    const within = (closed: Promise<number>) =>
      Promise.race([closed, new Promise<string>((resolve) => setTimeout(() => resolve('still open'), 2500))]);

    const demoted = await watching('mod-demoted');
    const disabled = await watching('mod-disabled');
    const change = (userId: string, patch: unknown) =>
      api(`/api/users/${userId}`, { token: admin, method: 'PATCH', json: patch });
    expect((await change(demoted.userId, { role: 'agent' })).status).toBe(200);
    expect((await change(disabled.userId, { disabled: true })).status).toBe(200);
    expect(await within(demoted.closed)).toBe(4003);
    expect(await within(disabled.closed)).toBe(4001);
    await push('room-of-mod-demoted', keyA, [{ kind: 'comment', userId: 'x', text: 'after demotion' }]);
    await push('room-of-mod-disabled', keyA, [{ kind: 'comment', userId: 'x', text: 'after disabling' }]);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(texts(demoted.frames)).not.toContain('after demotion');
    expect(texts(disabled.frames)).not.toContain('after disabling');
  });

  // Last: it empties this address's bucket for unauthenticated pushes.
  it('answers 429 to one address flooding pushes with bad keys', async () => {
    const statuses: number[] = [];
    // The per-address bucket holds 40 (20/s): a quick run of 120 must run it dry.
    for (let attempt = 0; attempt < 120 && statuses.at(-1) !== 429; attempt += 1)
      statuses.push(
        (
          await push(
            'room-1',
            `ldp_bad-${attempt}`,
            comments(1, () => 'hi'),
          )
        ).status,
      );
    expect(statuses[0]).toBe(401);
    expect(statuses.at(-1), statuses.join(',')).toBe(429);
  });
});
