import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  startOpenAICompatibleServer,
  type OpenAICompatibleServer,
} from '../support/openai-compatible-server.js';
import { toViewerEvent } from '../../server/realtime/viewer-event.js';
import type { ViewerTestClient } from './viewer-test-client.js';
import { startViewerTestServer, type ViewerTestServer } from './viewer-test-server.js';

/** Joins as a fresh viewer (a new token) and resolves to the `joined` frame and the viewer's token. */
async function join(
  server: ViewerTestServer,
  client: ViewerTestClient,
  extra: Record<string, unknown> = {},
): Promise<{ conversationId: string; state: string; token: string; viewerId: string }> {
  const { token, viewerId } = await server.viewerToken();
  const joined = await client.join({ token, locale: 'zh', ...extra });
  return { ...joined, token, viewerId };
}

describe('viewer WebSocket channel', () => {
  let server: ViewerTestServer;
  beforeAll(async () => {
    server = await startViewerTestServer({ gateway: { maxConnectionsPerIp: 1000 } });
  });
  afterAll(async () => {
    await server.close();
  });

  it('streams the answer to a joined viewer and ends the turn with what was delivered', async () => {
    const viewer = await server.connect();
    const joined = await join(server, viewer);
    expect(joined.state).toBe('ai');
    viewer.send({ type: 'message', text: '怎么充值金币' });
    const end = await viewer.waitForEvent('turn-end');
    expect(end.event.reason).toBe('done');
    const deltas = viewer.events().filter((frame) => frame.event.type === 'text-delta');
    expect(deltas.length).toBeGreaterThan(0);
    expect(deltas.every((frame) => frame.sequence === undefined)).toBe(true);
    expect(
      deltas.map((frame) => (frame.event.type === 'text-delta' ? frame.event.text : '')).join(''),
    ).toContain(end.event.delivered);
    expect(end.event.delivered).toContain('充值');
    const source = await viewer.waitForEvent('answer-source');
    expect(source.event.entryIds).toEqual(['coins.top-up']);
    await server.hub.flushed(joined.conversationId);
    const stored = await server.events.log.read(joined.conversationId);
    const visible = stored.filter((item) => toViewerEvent(item.event) !== undefined);
    expect(
      viewer.events().flatMap((frame) => (frame.sequence === undefined ? [] : [frame.sequence])),
    ).toEqual(visible.map((item) => item.sequence));
    // Record-only events (the policy's memory of the turn) never reach the viewer.
    expect(stored.some((item) => item.event.type === 'turn-outcome')).toBe(true);
    expect(viewer.events().some((frame) => (frame.event.type as string) === 'turn-outcome')).toBe(false);
  });

  it.each([
    ['broken JSON', '{"type":', 'invalid_json'],
    ['an unknown frame type', { type: 'dance' }, 'unknown_type'],
    ['a frame without a type', { text: 'hi' }, 'unknown_type'],
    ['a message without text', { type: 'message' }, 'invalid_frame'],
    ['a message of the wrong type', { type: 'message', text: 42 }, 'invalid_frame'],
    ['an over-long message', { type: 'message', text: '长'.repeat(1001) }, 'invalid_frame'],
    ['a playback frame with an unknown state', { type: 'playback', state: 'paused' }, 'invalid_frame'],
    ['a second join', { type: 'join', token: 'anything' }, 'already_joined'],
    ['a rating nobody asked for', { type: 'rate', score: 5 }, 'conflict'],
    ['a rating out of range', { type: 'rate', score: 6 }, 'invalid_frame'],
  ])('answers %s with an error frame and changes nothing', async (_, frame, code) => {
    const viewer = await server.connect();
    const { conversationId } = await join(server, viewer);
    const from = viewer.mark();
    viewer.send(frame);
    const error = await viewer.waitForError(code, from);
    expect(error.message).not.toContain('长长');
    await viewer.roundTrip();
    expect(viewer.events(from)).toEqual([]);
    expect(server.hub.get(conversationId)?.transcript).toEqual([]);
    viewer.send({ type: 'message', text: '怎么充值金币' });
    expect((await viewer.waitForEvent('turn-end', { from })).event.reason).toBe('done');
  });

  it('asks for a join before anything else', async () => {
    const viewer = await server.connect();
    viewer.send({ type: 'message', text: '怎么充值金币' });
    await viewer.waitForError('not_joined');
    await join(server, viewer);
    expect(viewer.readyState).toBe(WebSocket.OPEN);
  });

  it('refuses a join without a valid viewer token', async () => {
    const viewer = await server.connect();
    viewer.send({ type: 'join', locale: 'zh' });
    expect((await viewer.waitForError('invalid_frame')).message).toContain('token');
    const from = viewer.mark();
    viewer.send({ type: 'join', token: `${(await server.viewerToken()).token}x` });
    await viewer.waitForError('unauthenticated', from);
    viewer.send({ type: 'message', text: '怎么充值金币' });
    await viewer.waitForError('not_joined', from);
  });

  it('takes who the viewer is from the token: a client cannot make itself a VIP or pick its id', async () => {
    const viewer = await server.connect();
    const { token, viewerId } = await server.viewerToken({ tier: 'regular' });
    const joined = await viewer.join({ token, viewer: { id: 'someone-else', tier: 'vip' }, tier: 'vip' });
    const opened = await viewer.waitForEvent('conversation-opened');
    expect(opened.event.profile).toMatchObject({ viewerId, tier: 'regular' });
    expect(server.hub.get(joined.conversationId)?.profile).toMatchObject({ viewerId, tier: 'regular' });

    const vip = await server.connect();
    await vip.join({ token: (await server.viewerToken({ tier: 'vip' })).token });
    expect((await vip.waitForEvent('conversation-opened')).event.profile.tier).toBe('vip');
  });

  it('acknowledges a message only once it is committed, with its place in the log', async () => {
    const viewer = await server.connect();
    const { conversationId } = await join(server, viewer);
    const from = viewer.mark();
    viewer.send({ type: 'message', text: '怎么充值金币', clientMessageId: 'c-1' });
    const ackIndex = await viewer.waitForIndex(
      (frame) => frame.type === 'ack' && frame.clientMessageId === 'c-1',
      from,
    );
    const ack = viewer.frames[ackIndex] as { sequence?: number };
    const message = await viewer.waitForEvent('viewer-message', { from });
    expect(message.index).toBeLessThan(ackIndex);
    expect(ack.sequence).toBe(message.sequence);
    const stored = await server.events.log.read(conversationId, {
      afterSequence: ack.sequence! - 1,
      limit: 1,
    });
    expect(stored[0]?.event).toMatchObject({ type: 'viewer-message', text: '怎么充值金币' });
    await viewer.waitForEvent('turn-end', { from });
  });

  it('closes a socket that sends a frame over the size limit', async () => {
    const viewer = await server.connect();
    await join(server, viewer);
    viewer.send({ type: 'message', text: 'x'.repeat(17 * 1024) });
    expect((await viewer.closed).code).toBe(1009);
  });

  it('closes a socket that keeps sending invalid frames', async () => {
    const viewer = await server.connect();
    for (let count = 0; count < 25; count++) viewer.send('nonsense');
    expect((await viewer.closed).code).toBe(1008);
    expect(viewer.frames.filter((frame) => frame.type === 'error').length).toBeGreaterThanOrEqual(20);
  });

  it('hands an angry viewer to people: the queue welcomes them, and nothing internal reaches them', async () => {
    const viewer = await server.connect();
    const { conversationId, token } = await join(server, viewer);
    viewer.send({ type: 'message', text: '你们这什么垃圾平台！！！充值了金币不到账，气死我了！退钱！' });
    const handoff = await viewer.waitForEvent('handoff');
    expect(handoff.sequence).toBeGreaterThan(0);
    expect(Object.keys(handoff.event).sort()).toEqual(['turnId', 'type']);
    expect(server.hub.get(conversationId)?.handoffPacket?.reasons).toContain('anger');
    const change = await viewer.waitForEvent('state-change', {
      where: (event) => event.to === 'pending_human',
    });
    expect(change.event).toEqual({
      type: 'state-change',
      from: 'ai',
      to: 'pending_human',
      at: change.event.at,
    });
    const welcome = await viewer.waitForEvent('system-message', {
      where: (event) => event.kind === 'welcome',
    });
    expect(welcome.event.text).toContain('人工客服');
    const status = await viewer.waitForEvent('queue-status');
    expect(status.sequence).toBeUndefined();
    expect(status.event).toMatchObject({ position: 1, estimatedWaitMs: null });
    expect(server.live.desk.conversation(conversationId)?.status).toBe('queued');

    // The desk's record is stored with the conversation, but reaches the viewer neither live nor on replay.
    await server.hub.flushed(conversationId);
    const stored = await server.events.log.read(conversationId);
    expect(stored.some((item) => item.event.type === 'desk')).toBe(true);
    const again = await server.connect();
    await again.join({ token, conversationId, lastSequence: 0 });
    await again.roundTrip();
    const replayed = again.events().map((frame) => frame.event);
    expect(replayed.map((event) => event.type)).toContain('handoff');
    expect(replayed.some((event) => (event.type as string) === 'desk')).toBe(false);
    // A reconnecting viewer who waits learns their place at once.
    expect(replayed.some((event) => event.type === 'queue-status')).toBe(true);
    for (const frames of [replayed, viewer.events().map((frame) => frame.event)]) {
      expect(JSON.stringify(frames)).not.toContain('anger');
      expect(JSON.stringify(frames)).not.toContain('summary');
    }
  });

  it('sends a reconnecting viewer exactly the stored events it missed, then live ones, on the same conversation', async () => {
    const first = await server.connect();
    const { conversationId, token } = await join(server, first);
    first.send({ type: 'message', text: '怎么充值金币' });
    const seen = await first.waitForEvent('turn-end');
    const lastSequence = seen.sequence!;
    // The viewer asks again and drops off at once: the answer is written while nobody listens.
    first.send({ type: 'message', text: '礼物怎么送' });
    await first.close();
    const conversation = server.hub.get(conversationId)!;
    await conversation.idle();
    await server.hub.flushed();
    const missed = (await server.events.log.read(conversationId, { afterSequence: lastSequence })).filter(
      (stored) => toViewerEvent(stored.event) !== undefined,
    );
    expect(missed.map((stored) => stored.event.type)).toContain('turn-end');

    const second = await server.connect();
    const from = second.mark();
    second.send({ type: 'join', token, conversationId, lastSequence });
    const joined = await second.waitFor((frame) => frame.type === 'joined', from);
    expect(joined).toMatchObject({ conversationId, state: 'ai' });
    const pong = await second.roundTrip();
    expect(second.events(from, pong)).toEqual(
      missed.map((stored) => ({ type: 'event', sequence: stored.sequence, event: stored.event })),
    );
    expect(server.hub.get(conversationId)).toBe(conversation);

    const live = second.mark();
    second.send({ type: 'message', text: '怎么充值金币' });
    const next = await second.waitForEvent('viewer-message', { from: live });
    expect(next.sequence).toBe(missed.at(-1)!.sequence + 1);
    await second.waitForEvent('turn-end', { from: live });
  });

  it('refuses someone else’s conversation, and the owner’s id in another room', async () => {
    const owner = await server.connect();
    const { conversationId, viewerId } = await join(server, owner);
    const intruder = await server.connect();
    intruder.send({
      type: 'join',
      token: (await server.viewerToken()).token,
      conversationId,
      lastSequence: 0,
    });
    await intruder.waitForError('forbidden');
    const elsewhere = await server.connect();
    const otherRoom = (await server.viewerToken({ viewerId, roomId: 'room-2' })).token;
    elsewhere.send({ type: 'join', token: otherRoom, conversationId, lastSequence: 0 });
    await elsewhere.waitForError('forbidden');
    await elsewhere.roundTrip();
    expect(elsewhere.events()).toEqual([]);
  });

  it('tells the client to stop speaking when the viewer talks over the answer', async () => {
    const viewer = await server.connect();
    await join(server, viewer);
    viewer.send({ type: 'voice-transcript', text: '怎么充值金币', final: true, durationMs: 1200 });
    const end = await viewer.waitForEvent('turn-end');
    expect(end.event.reason).toBe('done');
    const from = viewer.mark();
    viewer.send({ type: 'playback', state: 'speaking', playedChars: 3 });
    viewer.send({ type: 'voice-transcript', text: '等一下我想问别的', final: false, durationMs: 800 });
    const stop = await viewer.waitForEvent('speech-stop', { from });
    expect(stop.event.turnId).toBe(end.event.turnId);
    expect(stop.sequence).toBeGreaterThan(end.sequence!);
    viewer.send({ type: 'playback', state: 'done' });
    await viewer.roundTrip();
  });
});

describe('viewer channel limits', () => {
  let server: ViewerTestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('drops messages over the viewer’s rate with a rate_limited error', async () => {
    // A clock that never moves: the bucket holds 3 and never refills.
    server = await startViewerTestServer({
      gateway: { messageRate: { perSecond: 5, burst: 3 }, nowMs: () => 0 },
    });
    const viewer = await server.connect();
    const { conversationId } = await join(server, viewer);
    for (let count = 0; count < 5; count++)
      viewer.send({ type: 'message', text: `第${count}个问题：怎么充值金币` });
    await viewer.roundTrip();
    expect(
      viewer.frames.filter((frame) => frame.type === 'error' && frame.code === 'rate_limited'),
    ).toHaveLength(2);
    const said = server.hub.get(conversationId)!.transcript.filter((line) => line.speaker === 'viewer');
    expect(said.map((line) => line.text)).toEqual([
      '第0个问题：怎么充值金币',
      '第1个问题：怎么充值金币',
      '第2个问题：怎么充值金币',
    ]);
    await server.hub.get(conversationId)!.idle();
  });

  it('limits sockets per address and closes them all with 1001 on shutdown', async () => {
    server = await startViewerTestServer({ gateway: { maxConnectionsPerIp: 2 } });
    const first = await server.connect();
    const second = await server.connect();
    await expect(server.connect()).rejects.toThrow('429');
    expect(server.live.viewers.connectionCount).toBe(2);
    await server.live.viewers.close();
    expect((await first.closed).code).toBe(1001);
    expect((await second.closed).code).toBe(1001);
  });
});

describe('viewer channel with a streaming LLM', () => {
  let llm: OpenAICompatibleServer;
  let server: ViewerTestServer;
  beforeAll(async () => {
    llm = await startOpenAICompatibleServer();
    server = await startViewerTestServer({
      env: {
        LIVEDESK_LLM_BASE_URL: llm.baseURL,
        LIVEDESK_LLM_MODEL: 'test-model',
        LIVEDESK_LLM_MAX_RETRIES: '0',
      },
    });
  });
  afterAll(async () => {
    await server.close();
    await llm.close();
  });

  it('lets a second message interrupt the first answer: its stream is closed and none of it arrives afterwards', async () => {
    const tokens = [
      '进入',
      '我的',
      ' > ',
      '钱包',
      ' > ',
      '充值',
      '，',
      '选择',
      '金额',
      '付款',
      '即可',
      '。',
      '[[sources: coins.top-up]]',
    ];
    llm.chat.enqueue(
      { tokens, tokenDelayMs: 60 },
      { content: '在登录页点“忘记密码”重置。[[sources: account.password]]' },
    );
    const requestsBefore = llm.chat.requests.length;
    const viewer = await server.connect();
    await join(server, viewer);
    viewer.send({ type: 'message', text: '怎么充值金币' });
    const firstDelta = await viewer.waitForEvent('text-delta');
    viewer.send({ type: 'message', text: '算了，我忘记密码了怎么办' });
    const firstEnd = await viewer.waitForEvent('turn-end', {
      where: (event) => event.turnId === firstDelta.event.turnId,
    });
    expect(firstEnd.event.reason).toBe('interrupted');
    expect((await llm.chat.closed(requestsBefore)).clientClosedEarly).toBe(true);

    const secondEnd = await viewer.waitForEvent('turn-end', {
      where: (event) => event.turnId !== firstDelta.event.turnId,
    });
    expect(secondEnd.event.reason).toBe('done');
    expect(secondEnd.event.delivered).toBe('在登录页点“忘记密码”重置。');
    const lateDeltas = viewer
      .events(firstEnd.index)
      .filter((frame) => frame.event.type === 'text-delta' && frame.event.turnId === firstDelta.event.turnId);
    expect(lateDeltas).toEqual([]);
    expect('进入我的 > 钱包 > 充值，选择金额付款即可。'.startsWith(firstEnd.event.delivered)).toBe(true);
  });
});
