import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ViewerTestClient } from './viewer-test-client.js';
import { startViewerTestServer, type ViewerTestServer } from './viewer-test-server.js';

const servers: ViewerTestServer[] = [];
const folders: string[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

async function start(dataDir?: string): Promise<ViewerTestServer> {
  const server = await startViewerTestServer({
    gateway: { maxConnectionsPerIp: 1000 },
    ...(dataDir ? { dataDir } : {}),
  });
  servers.push(server);
  return server;
}

/** Sends a message with this id and resolves to its ack's sequence. */
async function send(
  viewer: ViewerTestClient,
  text: string,
  clientMessageId: string,
): Promise<number | undefined> {
  const from = viewer.mark();
  viewer.send({ type: 'message', text, clientMessageId });
  const ack = await viewer.waitFor(
    (frame) => (frame.type === 'ack' || frame.type === 'error') && frame.clientMessageId === clientMessageId,
    from,
  );
  if (ack.type !== 'ack') throw new Error(`not acknowledged: ${JSON.stringify(ack)}`);
  return ack.sequence;
}

/** The viewer messages the log holds for a conversation. */
async function storedMessages(server: ViewerTestServer, conversationId: string): Promise<string[]> {
  await server.hub.flushed();
  const stored = await server.live.directory.read(conversationId, 0);
  return stored.flatMap(({ event }) => (event.type === 'viewer-message' ? [event.text] : []));
}

describe('a resent message is stored once', () => {
  it('answers the same id twice with the same ack, and stores the message once', async () => {
    const server = await start();
    const viewer = await server.connect();
    const { token } = await server.viewerToken();
    const { conversationId } = await viewer.join({ token });
    const first = await send(viewer, '怎么充值金币', 'm-1');
    const again = await send(viewer, '怎么充值金币', 'm-1');
    expect(first).toBeGreaterThan(0);
    expect(again).toBe(first);
    // Sent twice back to back, before the first ack: still one.
    viewer.send({ type: 'message', text: '忘记密码了', clientMessageId: 'm-2' });
    const twice = await send(viewer, '忘记密码了', 'm-2');
    expect(await send(viewer, '忘记密码了', 'm-2')).toBe(twice);
    expect(await storedMessages(server, conversationId)).toEqual(['怎么充值金币', '忘记密码了']);
  });

  it('recognises a resend on a new socket after a reconnect', async () => {
    const server = await start();
    const { token } = await server.viewerToken();
    const first = await server.connect();
    const { conversationId } = await first.join({ token });
    const sequence = await send(first, '怎么充值金币', 'again-1');
    await first.close();
    const second = await server.connect();
    await second.join({ token, conversationId });
    expect(await send(second, '怎么充值金币', 'again-1')).toBe(sequence);
    expect(await storedMessages(server, conversationId)).toEqual(['怎么充值金币']);
  });

  it('recognises a resend after the server restarts on the same SQLite file', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'livedesk-idempotent-'));
    folders.push(dataDir);
    const before = await start(dataDir);
    const { token } = await before.viewerToken({ viewerId: 'restart-viewer' });
    const viewer = await before.connect();
    const { conversationId } = await viewer.join({ token });
    const sequence = await send(viewer, '怎么充值金币', 'restart-1');
    await before.close();
    servers.splice(servers.indexOf(before), 1);

    const after = await start(dataDir);
    const again = await after.connect();
    await again.join({ token, conversationId });
    expect(await send(again, '怎么充值金币', 'restart-1')).toBe(sequence);
    // A new id is a new message.
    const next = await send(again, '忘记密码了', 'restart-2');
    expect(next).toBeGreaterThan(sequence ?? 0);
    expect(await storedMessages(after, conversationId)).toEqual(['怎么充值金币', '忘记密码了']);
  });
});

describe('viewer names come from the token', () => {
  it('keeps the token’s name whatever the join frame says', async () => {
    const server = await start();
    const { token } = await server.viewerToken({ displayName: 'Mia' });
    const viewer = await server.connect();
    const { conversationId } = await viewer.join({ token, displayName: 'Livedesk Support (official)' });
    expect(server.hub.get(conversationId)?.profile).toMatchObject({ displayName: 'Mia' });
    expect(server.hub.get(conversationId)?.profile.selfNamed).toBeUndefined();
  });

  it('keeps a name the client chose when the token has none, marked as self-named', async () => {
    const server = await start();
    const { token } = await server.viewerToken();
    const viewer = await server.connect();
    const { conversationId } = await viewer.join({ token, displayName: 'Livedesk Support (official)' });
    expect(server.hub.get(conversationId)?.profile).toMatchObject({
      displayName: 'Livedesk Support (official)',
      selfNamed: true,
    });
    // And it stays marked in the log, for the agents' views rebuilt from it.
    await server.hub.flushed();
    const [opened] = await server.live.directory.read(conversationId, 0);
    expect(opened?.event).toMatchObject({ type: 'conversation-opened', profile: { selfNamed: true } });
  });
});
