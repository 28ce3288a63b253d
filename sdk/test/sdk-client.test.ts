import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebTestServer, type WebTestServer } from '../../test/browser/web-test-server.js';
import { createTcpProxy, type TcpProxy } from '../../test/support/tcp-proxy.js';
import { connect, LivedeskError, type ConnectOptions, type LivedeskClient } from '../src/index.js';
import { EventRecorder, NodeWebSocket } from './sdk-test-helpers.js';

const TOP_UP_ANSWER_ZH = '打开 App，进入 我的 > 钱包 > 充值';
const FAST_RECONNECT = { initialDelayMs: 50, maxDelayMs: 200 };

let server: WebTestServer;
let proxy: TcpProxy;
/** The server through a loopback relay the tests can cut: every socket through it drops at once. */
let proxiedUrl: string;
const clients: LivedeskClient[] = [];

beforeAll(async () => {
  server = await startWebTestServer();
  const { port } = new URL(server.url);
  proxy = await createTcpProxy({ host: '127.0.0.1', port: Number(port) });
  proxiedUrl = `http://127.0.0.1:${proxy.port}`;
});

afterAll(async () => {
  for (const client of clients) client.close();
  await proxy?.close();
  await server?.close();
});

async function open(options: Partial<ConnectOptions> & { roomId: string }): Promise<LivedeskClient> {
  const client = await connect({
    baseUrl: server.url,
    WebSocket: NodeWebSocket,
    locale: 'zh-CN',
    reconnect: FAST_RECONNECT,
    ...options,
  });
  clients.push(client);
  return client;
}

/** Every viewer message the conversation's log holds, read through a fresh client that replays it all. */
async function storedViewerMessages(client: LivedeskClient): Promise<{ text: string; sequence: number }[]> {
  const reader = await open({ roomId: client.session.roomId, session: { ...client.session } });
  const recorder = new EventRecorder(reader);
  // The replay is sent right after `joined`: wait until it has reached the writer's last event.
  const last = client.lastSequence;
  await recorder.waitFor((event) => event.type === 'event' && (event.sequence ?? 0) >= last);
  reader.close();
  return recorder.seen.flatMap((event) =>
    event.type === 'event' && event.event.type === 'viewer-message' && event.sequence !== undefined
      ? [{ text: event.event.text, sequence: event.sequence }]
      : [],
  );
}

describe('the SDK against a real server', () => {
  it('joins a room, sends with a generated id and streams the answer', async () => {
    const client = await open({ roomId: 'sdk-room' });
    const recorder = new EventRecorder(client);
    expect(client.state).toBe('open');
    expect(client.conversationId).toMatch(/.+/);

    const from = recorder.mark();
    const sent = await client.send('怎么充值金币');
    expect(sent.clientMessageId).toMatch(/^sdk-/);
    expect(sent.sequence).toBeGreaterThan(0);
    expect(await recorder.finalAnswer(from)).toContain(TOP_UP_ANSWER_ZH);

    const kinds = recorder.seen.slice(from).map((event) => event.type);
    expect(kinds).toContain('ack');
    expect(kinds).toContain('typing');
    // Streamed pieces first, then the whole answer.
    expect(recorder.seen.some((event) => event.type === 'answer' && !event.final)).toBe(true);
    expect(recorder.seen.find((event) => event.type === 'joined')).toMatchObject({ resumed: false });
  });

  it('surfaces a refused identity as a typed error and carries on as an anonymous viewer', async () => {
    const client = await open({ roomId: 'sdk-identity', identity: 'not.a.jwt' });
    const recorder = new EventRecorder(client);
    expect(client.identityError).toBeInstanceOf(LivedeskError);
    expect(client.identityError?.code).toMatch(/^identity_(invalid|expired|unknown_key)$/);
    const reported = await recorder.waitFor((event) => event.type === 'error');
    expect(reported).toMatchObject({ error: { code: client.identityError?.code } });
    const from = recorder.mark();
    await client.send('怎么充值金币');
    expect(await recorder.finalAnswer(from)).toContain(TOP_UP_ANSWER_ZH);
  });

  it('refuses empty and oversized text before sending anything', async () => {
    const client = await open({ roomId: 'sdk-room-bad-input' });
    await expect(client.send('   ')).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(client.send('x'.repeat(1001))).rejects.toBeInstanceOf(LivedeskError);
    expect(await storedViewerMessages(client)).toEqual([]);
  });

  it('after a drop, reconnects and replays exactly the stored events it missed', async () => {
    const client = await open({ roomId: 'sdk-replay', baseUrl: proxiedUrl });
    const recorder = new EventRecorder(client);
    const before = recorder.mark();
    await client.send('怎么充值金币');
    await recorder.finalAnswer(before);

    await proxy.stop();
    await recorder.waitFor((event) => event.type === 'connection' && event.state === 'reconnecting');
    const seenBeforeDrop = client.lastSequence;

    // While it is away, the same viewer asks again from another device (straight to the server).
    const other = await open({ roomId: 'sdk-replay', session: { ...client.session } });
    const otherRecorder = new EventRecorder(other);
    const otherFrom = otherRecorder.mark();
    await other.send('忘记密码了怎么办');
    await otherRecorder.finalAnswer(otherFrom);
    const missed = otherRecorder.sequencesSince(0).filter((sequence) => sequence > seenBeforeDrop);
    expect({ missed, seen: otherRecorder.seen }).toMatchObject({
      missed: [expect.any(Number), expect.any(Number)],
    });
    other.close();

    const afterDrop = recorder.mark();
    await proxy.start();
    const rejoined = await recorder.waitFor((event) => event.type === 'joined', afterDrop);
    expect(rejoined).toMatchObject({ resumed: true, conversationId: client.conversationId });
    await recorder.waitFor((event) => event.type === 'event' && event.sequence === missed.at(-1), afterDrop);
    // Each missed event once, in order, and nothing seen before the drop again.
    expect(recorder.sequencesSince(afterDrop)).toEqual(missed);
    const replayedMessage = recorder.seen
      .slice(afterDrop)
      .find((event) => event.type === 'event' && event.event.type === 'viewer-message');
    expect(replayedMessage).toMatchObject({ event: { text: '忘记密码了怎么办' } });
  });

  it('resends an unacknowledged message after a reconnect, and the server stores it once', async () => {
    const client = await open({ roomId: 'sdk-resend', baseUrl: proxiedUrl });
    const recorder = new EventRecorder(client);

    // Cut the connection as the message leaves: its ack (if it was stored) is lost with the socket.
    const first = client.send('怎么充值金币', { clientMessageId: 'resend-1' });
    await proxy.stop();
    // Sent while away: held until the SDK is back in the conversation.
    const queued = client.send('忘记密码了', { clientMessageId: 'resend-2' });
    // The application retries the first with the same id: still one message.
    const retried = client.send('怎么充值金币', { clientMessageId: 'resend-1' });
    await proxy.start();

    const [firstAck, queuedAck, retriedAck] = await Promise.all([first, queued, retried]);
    expect(retriedAck.sequence).toBe(firstAck.sequence);
    // Once more after its ack: the server answers with the same sequence and stores nothing.
    expect((await client.send('怎么充值金币', { clientMessageId: 'resend-1' })).sequence).toBe(
      firstAck.sequence,
    );

    const stored = await storedViewerMessages(client);
    expect(stored).toEqual([
      { text: '怎么充值金币', sequence: firstAck.sequence },
      { text: '忘记密码了', sequence: queuedAck.sequence },
    ]);
    expect(recorder.seen.filter((event) => event.type === 'joined').length).toBeGreaterThanOrEqual(2);
  });

  it('rejects connect with a typed error when the server cannot be reached', async () => {
    await proxy.stop();
    try {
      await expect(
        connect({ baseUrl: proxiedUrl, roomId: 'nowhere', WebSocket: NodeWebSocket }),
      ).rejects.toMatchObject({ name: 'LivedeskError', code: 'unavailable' });
    } finally {
      await proxy.start();
    }
  });

  it('rejects connect with rate_limited when the server refuses more sessions', async () => {
    // A fresh server (its start-up is most of this test's time, hence the longer limit): its per-address
    // session budget (a burst of 10) is this test's alone.
    const limited = await startWebTestServer();
    try {
      const attempt = () => connect({ baseUrl: limited.url, roomId: 'limited', WebSocket: NodeWebSocket });
      const results = await Promise.allSettled(Array.from({ length: 14 }, attempt));
      for (const result of results) if (result.status === 'fulfilled') result.value.close();
      const refused = results.flatMap((result) =>
        result.status === 'rejected' ? [result.reason as unknown] : [],
      );
      expect(refused.length).toBeGreaterThan(0);
      for (const error of refused)
        expect(error).toMatchObject({ name: 'LivedeskError', code: 'rate_limited' });
    } finally {
      await limited.close();
    }
  }, 90_000);

  it('ends events() and rejects pending sends on close', async () => {
    const client = await open({ roomId: 'sdk-close', baseUrl: proxiedUrl });
    await proxy.stop();
    const pending = client.send('怎么充值金币');
    client.close();
    await proxy.start();
    await expect(pending).rejects.toMatchObject({ code: 'closed' });
    const after: unknown[] = [];
    for await (const event of client.events()) after.push(event);
    expect(after.at(-1)).toEqual({ type: 'connection', state: 'closed' });
  });
});
