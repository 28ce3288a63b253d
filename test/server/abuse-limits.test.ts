import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDeskServer, type DeskServer } from './desk-server.js';

/**
 * Issue 12, finding 5: sockets that never say who they are, slow request bodies and a flood of new
 * conversations, against the product as `npm start` runs it, with the limits lowered by configuration.
 */
describe('limits on what one client may hold', () => {
  let server: DeskServer;
  beforeAll(async () => {
    server = await startDeskServer({
      LIVEDESK_SOCKET_ADMISSION_MS: '1500',
      LIVEDESK_HTTP_REQUEST_TIMEOUT_MS: '1000',
      LIVEDESK_HTTP_HEADERS_TIMEOUT_MS: '1000',
      // Bursts are ten minutes' worth: 12 an hour is 2 at once; 30 an hour from one address is 5.
      LIVEDESK_VIEWER_NEW_CONVERSATIONS_PER_HOUR: '12',
      LIVEDESK_ADDRESS_NEW_CONVERSATIONS_PER_HOUR: '30',
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it('closes a viewer socket that never joins, and keeps one that did', async () => {
    // The token first: a socket that waits for it may miss the short deadline.
    const { token } = await server.viewerToken({ roomId: 'room-1' });
    const idle = await server.connectViewer();
    const joined = await server.connectViewer();
    await joined.join({ token });
    const closed = await idle.closed;
    expect(closed).toEqual({ code: 1008, reason: 'join or authenticate first' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    joined.send({ type: 'ping' });
    await joined.waitForType('pong');
    await joined.close();
  });

  it('closes an agent socket that never authenticates, and keeps one that did', async () => {
    const { token } = await server.login('supervisor');
    const idle = await server.connectAgent();
    const signedIn = await server.connectAgent();
    await signedIn.authenticate(token);
    expect(await idle.closed).toEqual({ code: 1008, reason: 'join or authenticate first' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const from = signedIn.mark();
    signedIn.send({ type: 'ping' });
    await signedIn.waitForType('pong', { from });
    await signedIn.close();
  });

  it('gives up on a request whose body never finishes, instead of holding it for minutes', async () => {
    const url = new URL(server.baseUrl);
    const socket = connect(Number(url.port), url.hostname);
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('utf8')));
    socket.write(
      'POST /api/viewer/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"roomId":',
    );
    const started = performance.now();
    await new Promise((resolve) => socket.once('close', resolve));
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    // The timeout is 1 s, checked every second: well under Node's 300 s default.
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('limits new conversations per viewer token, with a clear refusal; resuming one is always allowed', async () => {
    const { token } = await server.viewerToken({ roomId: 'room-2' });
    const opened: string[] = [];
    for (let index = 0; index < 2; index += 1) {
      const viewer = await server.connectViewer();
      opened.push((await viewer.join({ token })).conversationId);
      await viewer.close();
    }
    const refused = await server.connectViewer();
    refused.send({ type: 'join', token });
    const error = await refused.waitForError('rate_limited');
    expect(error.message).toMatch(/too many new conversations/);
    await refused.close();
    const resumed = await server.connectViewer();
    expect((await resumed.join({ token, conversationId: opened[0] })).conversationId).toBe(opened[0]);
    await resumed.close();
  });

  it('limits new conversations per address across viewer tokens', async () => {
    // Each token may open two; the address five in all (this file has opened some already). One
    // conversation per fresh token, so only the address's limit can refuse.
    let refusal: { code: string; message: string } | undefined;
    for (let attempt = 0; attempt < 6 && !refusal; attempt += 1) {
      const { token } = await server.viewerToken({ roomId: 'room-3' });
      const viewer = await server.connectViewer();
      const from = viewer.mark();
      viewer.send({ type: 'join', token });
      const answer = await viewer.waitFor((frame) => frame.type === 'joined' || frame.type === 'error', from);
      if (answer.type === 'error') refusal = answer;
      await viewer.close();
    }
    expect(refusal?.code).toBe('rate_limited');
    expect(refusal?.message).toMatch(/too many new conversations/);
  });
});

describe('a matching budget per viewer', () => {
  let server: DeskServer;
  beforeAll(async () => {
    // 100 characters a second, a burst of five seconds' worth: one long message, then "slow down".
    server = await startDeskServer({ LIVEDESK_VIEWER_MATCH_CHARS_PER_SECOND: '100' });
  });
  afterAll(async () => {
    await server.close();
  });

  it('refuses a viewer who sends more text than can be read with a polite slow down, and lets others through', async () => {
    const greedy = await server.connectViewer();
    await greedy.join({ token: (await server.viewerToken({ roomId: 'room-1' })).token });
    // A long question the AI answers (one that escalated would be a person's, and cost no matching).
    const long = 'how do I top up coins? '.repeat(26);
    greedy.send({ type: 'message', text: long, clientMessageId: 'long-1' });
    await greedy.waitFor((frame) => frame.type === 'ack' && frame.clientMessageId === 'long-1');
    await greedy.waitForEvent('turn-end');
    expect(greedy.events().some((frame) => frame.event.type === 'handoff')).toBe(false);
    const from = greedy.mark();
    greedy.send({ type: 'message', text: long, clientMessageId: 'long-2' });
    const refused = await greedy.waitFor(
      (frame) => frame.type === 'error' && frame.clientMessageId === 'long-2',
      from,
    );
    expect(refused).toMatchObject({ type: 'error', code: 'rate_limited' });
    expect(refused.type === 'error' && refused.message).toMatch(/slow down/);

    const other = await server.connectViewer();
    await other.join({ token: (await server.viewerToken({ roomId: 'room-1' })).token });
    other.send({ type: 'message', text: '怎么充值金币', clientMessageId: 'short-1' });
    await other.waitFor((frame) => frame.type === 'ack' && frame.clientMessageId === 'short-1');
    await greedy.close();
    await other.close();
  });
});
