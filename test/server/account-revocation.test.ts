import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTokenSecret } from '../../server/auth/token-secret.js';
import { signToken } from '../../server/auth/signed-token.js';
import { signingKeyFor } from '../../server/auth/token-keys.js';
import { loadConfig } from '../../server/config.js';
import { databasePath } from '../../server/knowledge-runtime.js';
import type { AgentTestClient } from './agent-test-client.js';
import { startDeskServer, type DeskServer, type StaffMember } from './desk-server.js';
import type { ViewerTestClient } from './viewer-test-client.js';

/**
 * Issue 12: an account change reaches the sockets already signed in with it, at once, without waiting for
 * the console to send anything; and the HTTP tokens issued before it stop working.
 */
describe('revocation that reaches open agent sockets', () => {
  let dataDir: string;
  let server: DeskServer;
  let admin: string;
  let owner: StaffMember;
  let viewer: ViewerTestClient;
  let conversationId: string;
  let created = 0;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'livedesk-revocation-'));
    server = await startDeskServer({ LIVEDESK_DATA_DIR: dataDir });
    admin = (await server.login('admin')).token;
    owner = await server.createStaff({ username: 'owner', role: 'agent', teams: ['support'], capacity: 1 });
    const ownerConsole = await server.connectAgent();
    await ownerConsole.authenticate(owner.token);
    viewer = await server.connectViewer();
    ({ conversationId } = await viewer.join({
      token: (await server.viewerToken({ roomId: 'room-r' })).token,
    }));
    viewer.send({ type: 'message', text: '我要人工' });
    await ownerConsole.waitForType('assignment', {
      where: (frame) => frame.conversationId === conversationId,
    });
    expect(await ownerConsole.command({ type: 'accept', conversationId })).toMatchObject({ type: 'ack' });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** A fresh supervisor, signed in on a console that watches the owner's conversation. */
  async function watchingSupervisor(): Promise<{
    member: StaffMember;
    username: string;
    console: AgentTestClient;
  }> {
    created += 1;
    const username = `sup-${created}`;
    const member = await server.createStaff({ username, role: 'supervisor', capacity: 0 });
    const console = await server.connectAgent();
    await console.authenticate(member.token);
    console.send({ type: 'watch', conversationId, lastSequence: 0 });
    await console.waitForConversationEvent(conversationId, 'conversation-opened');
    return { member, username, console };
  }

  const change = (userId: string, json: Record<string, unknown>) =>
    server.request(`/api/users/${userId}`, { method: 'PATCH', token: admin, json });
  const me = async (token: string) => (await server.request('/api/auth/me', { token })).status;

  it.each([
    ['disabling the account', (id: string) => change(id, { disabled: true }), 'disabled'],
    ['a new password', (id: string) => change(id, { password: 'brand-new-password' }), 'password'],
    [
      'deleting the account',
      (id: string) => server.request(`/api/users/${id}`, { method: 'DELETE', token: admin }),
      'deleted',
    ],
  ])('%s closes the open socket at once (4001) and refuses the token over HTTP', async (_, act, reason) => {
    const { member, console } = await watchingSupervisor();
    expect(await me(member.token)).toBe(200);
    const from = console.mark();
    expect((await act(member.userId)).status).toBe(200);
    // Nothing is sent by the console: the server closes it on the change itself.
    expect(await console.closed).toEqual({ code: 4001, reason: `session revoked: ${reason}` });
    expect(await console.waitForType('error', { from })).toMatchObject({ code: 'unauthenticated' });
    expect(await me(member.token)).toBe(401);
  });

  it('closes a socket when the token it signed in with expires, without waiting for a frame', async () => {
    created += 1;
    const member = await server.createStaff({
      username: `short-${created}`,
      role: 'supervisor',
      capacity: 0,
    });
    // A token as the server would sign it, living two seconds.
    const secret = await loadTokenSecret({ dataDir });
    const database = new Database(databasePath({ dataDir }), { readonly: true });
    const { token_version: version } = database
      .prepare('SELECT token_version FROM staff_users WHERE id = ?')
      .get(member.userId) as { token_version: number };
    database.close();
    const now = Math.floor(Date.now() / 1000);
    const token = await signToken(
      { kind: 'staff', sub: member.userId, role: 'supervisor', ver: version, iat: now, exp: now + 2 },
      await signingKeyFor('staff', secret),
    );
    const console = await server.connectAgent();
    await console.authenticate(token);
    expect(await console.closed).toEqual({ code: 4001, reason: 'session expired' });
  });

  it('a demotion to editor closes the socket (4003): editors have no agent console', async () => {
    const { member, console } = await watchingSupervisor();
    expect((await change(member.userId, { role: 'editor' })).status).toBe(200);
    expect((await console.closed).code).toBe(4003);
    expect(await me(member.token)).toBe(401);
  });

  it('a demotion to agent downgrades the open socket at once: no more watching or closing others’ conversations', async () => {
    const { member, username, console } = await watchingSupervisor();
    const from = console.mark();
    expect((await change(member.userId, { role: 'agent' })).status).toBe(200);
    expect(await console.waitForType('error', { from })).toMatchObject({ code: 'forbidden' });
    // The viewer writes on; the demoted console no longer receives the conversation.
    const afterDemotion = console.mark();
    viewer.send({ type: 'message', text: '还有人吗' });
    await viewer.waitForEvent('viewer-message', { where: (event) => event.text === '还有人吗' });
    await console.roundTrip();
    expect(
      console.frames
        .slice(afterDemotion)
        .some((frame) => frame.type === 'event' && frame.conversationId === conversationId),
    ).toBe(false);
    expect(await console.command({ type: 'close', conversationId })).toMatchObject({ code: 'forbidden' });
    const beforeWatch = console.mark();
    console.send({ type: 'watch', conversationId, lastSequence: 0 });
    expect(await console.waitForType('error', { from: beforeWatch })).toMatchObject({ code: 'forbidden' });
    // Still signed in as an agent on the socket; over HTTP the old token is gone and a new one says agent.
    await console.roundTrip();
    expect(await me(member.token)).toBe(401);
    const again = await server.login(username, 'desk-test-password');
    const profile = await server.request('/api/auth/me', { token: again.token });
    expect(await profile.json()).toMatchObject({ user: { role: 'agent' } });
  });

  it('checks every frame against the account as stored, even when the change came from elsewhere', async () => {
    const { member, console } = await watchingSupervisor();
    // Another process sharing the file bumps the version: no in-process notice, so the next frame finds out.
    const database = new Database(databasePath(loadConfig({ LIVEDESK_DATA_DIR: dataDir })));
    database
      .prepare('UPDATE staff_users SET token_version = token_version + 1 WHERE id = ?')
      .run(member.userId);
    database.close();
    console.send({ type: 'ping' });
    expect((await console.closed).code).toBe(4001);
    expect(console.frames.some((frame) => frame.type === 'pong')).toBe(false);
  });

  it('refuses a token issued just before a password change, in the same second', async () => {
    created += 1;
    const member = await server.createStaff({ username: `quick-${created}`, role: 'agent', capacity: 1 });
    expect((await change(member.userId, { password: 'changed-at-once' })).status).toBe(200);
    expect(await me(member.token)).toBe(401);
    const console = await server.connectAgent();
    console.send({ type: 'auth', token: member.token });
    expect(await console.waitForType('error')).toMatchObject({ code: 'unauthenticated' });
  });
});
