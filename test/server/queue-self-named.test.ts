import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDeskServer, type DeskServer } from './desk-server.js';

describe('the queue snapshot says whose name the viewer chose', () => {
  let server: DeskServer;
  beforeAll(async () => {
    server = await startDeskServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('marks a client-chosen name as self-named in the waiting list, and a token name not', async () => {
    // No agent is online, so both wait in the queue.
    const unnamed = await server.viewerToken({ roomId: 'room-q', locale: 'zh' });
    const selfNamedViewer = await server.connectViewer();
    const chosen = await selfNamedViewer.join({
      token: unnamed.token,
      displayName: 'Livedesk Support (official)',
    });
    selfNamedViewer.send({ type: 'message', text: '我要人工', clientMessageId: 'v-1' });

    const admin = await server.login('admin');
    const response = await server.request('/api/viewer/tokens', {
      token: admin.token,
      json: { viewerId: 'named-viewer', roomId: 'room-q', tier: 'regular', displayName: 'Mia' },
    });
    expect(response.status).toBe(200);
    const namedViewer = await server.connectViewer();
    const named = await namedViewer.join({ token: ((await response.json()) as { token: string }).token });
    namedViewer.send({ type: 'message', text: '我要人工', clientMessageId: 'v-1' });

    // An anonymous session that asks for a name gets it in the token, but marked as the viewer's choice.
    const session = await server.request('/api/viewer/session', {
      json: { roomId: 'room-q', displayName: 'Livedesk Official', locale: 'zh' },
    });
    const sessionViewer = await server.connectViewer();
    const sessionNamed = await sessionViewer.join({
      token: ((await session.json()) as { token: string }).token,
    });
    sessionViewer.send({ type: 'message', text: '我要人工', clientMessageId: 'v-1' });

    const supervisor = await server.login('supervisor');
    const console = await server.connectAgent();
    await console.authenticate(supervisor.token);
    const queue = await console.waitForType('queue', {
      where: (frame) =>
        [chosen.conversationId, named.conversationId, sessionNamed.conversationId].every((id) =>
          [...frame.snapshot.waiting, ...frame.snapshot.held].some((entry) => entry.conversationId === id),
        ),
    });
    const entryOf = (id: string) =>
      [...queue.snapshot.waiting, ...queue.snapshot.held].find((entry) => entry.conversationId === id);
    expect(entryOf(chosen.conversationId)).toMatchObject({
      viewerName: 'Livedesk Support (official)',
      viewerSelfNamed: true,
    });
    expect(entryOf(named.conversationId)).toMatchObject({ viewerName: 'Mia', viewerSelfNamed: false });
    expect(entryOf(sessionNamed.conversationId)).toMatchObject({
      viewerName: 'Livedesk Official',
      viewerSelfNamed: true,
    });
  });
});
