import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentTestClient } from './agent-test-client.js';
import { startDeskServer, type DeskServer, type StaffMember } from './desk-server.js';
import type { ViewerTestClient } from './viewer-test-client.js';

describe('who may do what on the agent channel', () => {
  let server: DeskServer;
  let owner: StaffMember;
  let other: StaffMember;
  let ownerConsole: AgentTestClient;
  let viewer: ViewerTestClient;
  let conversationId: string;
  beforeAll(async () => {
    server = await startDeskServer();
    owner = await server.createStaff({ username: 'owner', role: 'agent', teams: ['support'], capacity: 1 });
    other = await server.createStaff({ username: 'other', role: 'agent', teams: ['support'], capacity: 1 });
    ownerConsole = await server.connectAgent();
    await ownerConsole.authenticate(owner.token);
    viewer = await server.connectViewer();
    ({ conversationId } = await viewer.join({
      token: (await server.viewerToken({ roomId: 'room-a' })).token,
    }));
    viewer.send({ type: 'message', text: '我要人工' });
    await ownerConsole.waitForType('assignment', {
      where: (frame) => frame.conversationId === conversationId,
    });
    expect(await ownerConsole.command({ type: 'accept', conversationId })).toMatchObject({ type: 'ack' });
    await viewer.waitForEvent('state-change', { where: (event) => event.to === 'human' });
  });
  afterAll(async () => {
    await server.close();
  });

  it('refuses every frame but auth and ping before signing in', async () => {
    const console = await server.connectAgent();
    console.send({ type: 'reply', conversationId, text: 'hello', clientMessageId: 'x' });
    expect(await console.waitForType('error')).toMatchObject({ code: 'unauthenticated' });
    await console.roundTrip();
    expect(console.frames.some((frame) => frame.type === 'queue')).toBe(false);
  });

  it.each([
    ['a forged token', (token: string) => `${token.slice(0, -2)}xx`, 'unauthenticated'],
    ['nonsense', () => 'not-a-token', 'unauthenticated'],
  ])('refuses %s and closes the socket', async (_, forge, code) => {
    const console = await server.connectAgent();
    console.send({ type: 'auth', token: forge(owner.token) });
    expect(await console.waitForType('error')).toMatchObject({ code });
    expect((await console.closed).code).toBe(1008);
  });

  it('refuses a viewer token and an editor', async () => {
    const withViewer = await server.connectAgent();
    withViewer.send({ type: 'auth', token: (await server.viewerToken({ roomId: 'room-a' })).token });
    expect(await withViewer.waitForType('error')).toMatchObject({ code: 'unauthenticated' });
    const editor = await server.login('editor');
    const withEditor = await server.connectAgent();
    withEditor.send({ type: 'auth', token: editor.token });
    expect(await withEditor.waitForType('error')).toMatchObject({ code: 'forbidden' });
    expect((await withEditor.closed).code).toBe(1008);
  });

  it('does not let an agent reply to, close, move or watch a conversation that is not theirs', async () => {
    const console = await server.connectAgent();
    await console.authenticate(other.token);
    const from = viewer.mark();
    for (const frame of [
      { type: 'reply', conversationId, text: '我来接管' },
      { type: 'close', conversationId },
      { type: 'hand-back', conversationId },
      { type: 'transfer', conversationId, to: { team: 'support' }, note: '' },
      { type: 'escalate', conversationId, note: '' },
      { type: 'accept', conversationId },
      { type: 'requeue', conversationId },
    ]) {
      expect(await console.command(frame)).toMatchObject({ type: 'error', code: 'forbidden' });
    }
    console.send({ type: 'watch', conversationId, lastSequence: 0 });
    await console.roundTrip();
    expect(console.frames.some((frame) => frame.type === 'event')).toBe(false);
    // Nothing changed: the viewer saw nothing new, and the owner still holds it.
    await viewer.roundTrip();
    expect(viewer.events(from)).toEqual([]);
    const reply = await ownerConsole.command({ type: 'reply', conversationId, text: '还在的，请说' });
    expect(reply.type).toBe('ack');
  });

  it('lets a supervisor watch any conversation but not reply for the agent who holds it', async () => {
    const supervisor = await server.login('supervisor');
    const console = await server.connectAgent();
    await console.authenticate(supervisor.token);
    console.send({ type: 'watch', conversationId, lastSequence: 0 });
    const opened = await console.waitForConversationEvent(conversationId, 'conversation-opened');
    expect(opened.sequence).toBe(1);
    await console.waitForConversationEvent(conversationId, 'handoff');
    expect(await console.command({ type: 'reply', conversationId, text: '主管插话' })).toMatchObject({
      type: 'error',
      code: 'forbidden',
    });
  });

  it('answers malformed and unknown frames with an error and changes nothing', async () => {
    const console = await server.connectAgent();
    await console.authenticate(other.token);
    for (const [frame, code] of [
      ['{"type":', 'invalid_json'],
      [{ type: 'dance' }, 'unknown_type'],
      [{ type: 'reply', conversationId }, 'invalid_frame'],
      [{ type: 'transfer', conversationId, to: { nobody: true } }, 'invalid_frame'],
      [{ type: 'presence', presence: 'asleep' }, 'invalid_frame'],
    ] as const) {
      const from = console.mark();
      console.send(frame);
      expect(await console.waitForType('error', { from })).toMatchObject({ code });
    }
  });

  it('closes a socket that sends a frame over the size limit', async () => {
    const console = await server.connectAgent();
    await console.authenticate(other.token);
    console.send({ type: 'reply', conversationId, text: 'x'.repeat(70 * 1024) });
    expect((await console.closed).code).toBe(1009);
  });
});
