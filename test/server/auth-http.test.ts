import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthTestServer, type AuthTestServer } from './auth-test-server.js';

let server: AuthTestServer;
const tokens: Record<'agent' | 'supervisor' | 'editor' | 'admin' | 'viewer', string> = {
  agent: '',
  supervisor: '',
  editor: '',
  admin: '',
  viewer: '',
};

beforeAll(async () => {
  // The per-address limit is tested on its own (auth-rate-limit.test.ts); here it would get in the way.
  server = await startAuthTestServer({
    env: { LIVEDESK_HTTP_RATE_PER_SECOND: '10000', LIVEDESK_HTTP_RATE_BURST: '10000' },
  });
  for (const role of ['agent', 'supervisor', 'editor', 'admin'] as const)
    tokens[role] = await server.login(role);
  const session = await server.request('/api/viewer/session', { method: 'POST', json: { roomId: 'room-1' } });
  tokens.viewer = ((await session.json()) as { token: string }).token;
});

afterAll(async () => {
  await server.close();
});

const entry = (id: string) => ({
  id,
  locale: 'en',
  questions: [`where is the ${id} button`],
  answer: `Tap ${id}.`,
});

describe('login over HTTP', () => {
  it('returns a token, the profile and the expiry for the right password', async () => {
    const response = await server.request('/api/auth/login', {
      method: 'POST',
      json: { username: 'agent2', password: 'livedesk-demo' },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      token: string;
      user: Record<string, unknown>;
      expiresAt: string;
    };
    expect(body.token).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(body.user).toMatchObject({
      username: 'agent2',
      role: 'agent',
      teams: ['support', 'orders', 'trust-safety'],
      capacity: 3,
    });
    expect(Object.keys(body.user).sort()).toEqual([
      'capacity',
      'id',
      'name',
      'role',
      'skills',
      'teams',
      'username',
    ]);
    expect(Date.parse(body.expiresAt)).toBeGreaterThan(Date.now());
  });

  it('answers a wrong password, an unknown user and a disabled account with the same 401', async () => {
    const attempt = (username: string, password: string) =>
      server.request('/api/auth/login', { method: 'POST', json: { username, password } });
    const created = await server.request('/api/users', {
      method: 'POST',
      token: tokens.admin,
      json: { username: 'gone', name: 'Gone', role: 'agent', password: 'password-gone', disabled: true },
    });
    expect(created.status).toBe(201);
    const responses = await Promise.all([
      attempt('agent', 'not-the-password'),
      attempt('no-such-user', 'livedesk-demo'),
      attempt('gone', 'password-gone'),
    ]);
    const bodies = await Promise.all(responses.map((response) => response.json()));
    expect(responses.map((response) => response.status)).toEqual([401, 401, 401]);
    expect(new Set(bodies.map((body) => JSON.stringify(body))).size).toBe(1);
  });

  it('rejects a malformed login body as invalid input, not as a failed login', async () => {
    const response = await server.request('/api/auth/login', { method: 'POST', json: { username: 'agent' } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_input' });
  });

  it('tells a signed-in staff member who they are, and asks anyone else to sign in', async () => {
    const me = await server.request('/api/auth/me', { token: tokens.supervisor });
    expect(await me.json()).toMatchObject({ user: { username: 'supervisor', role: 'supervisor' } });
    const anonymous = await server.request('/api/auth/me');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
    expect((await server.request('/api/auth/me', { token: 'v1.e30.AAAA' })).status).toBe(401);
    expect((await server.request('/api/auth/me', { token: tokens.viewer })).status).toBe(403);
  });
});

describe('roles on knowledge routes', () => {
  const reads = [
    '/api/knowledge/entries',
    '/api/knowledge/entries/coins.top-up',
    '/api/knowledge/versions',
    '/api/knowledge/synonyms',
  ];

  it('lets agents, supervisors, editors and admins read knowledge', async () => {
    for (const role of ['agent', 'supervisor', 'editor', 'admin'] as const) {
      for (const route of reads) {
        const response = await server.request(route, { token: tokens[role] });
        expect(response.status, `${role} GET ${route}`).toBe(200);
      }
    }
  });

  it('refuses knowledge to anonymous callers (401) and to viewer tokens (403)', async () => {
    for (const route of reads) {
      expect((await server.request(route)).status).toBe(401);
      expect((await server.request(route, { token: tokens.viewer })).status).toBe(403);
    }
  });

  it('refuses every write, import, export and revert to agents and supervisors, changing nothing', async () => {
    const versionsBefore = await (
      await server.request('/api/knowledge/versions', { token: tokens.editor })
    ).text();
    const writes: [string, RequestInit & { json?: unknown }][] = [
      ['/api/knowledge/entries/agent.made', { method: 'PUT', json: entry('agent.made') }],
      ['/api/knowledge/entries/coins.top-up', { method: 'DELETE' }],
      ['/api/knowledge/versions/1/revert', { method: 'POST' }],
      ['/api/knowledge/synonyms', { method: 'PUT', json: { term: 'dosh', canonical: 'coins' } }],
      ['/api/knowledge/synonyms?term=dosh', { method: 'DELETE' }],
      ['/api/knowledge/import?format=jsonl', { method: 'POST', body: JSON.stringify(entry('imported')) }],
      ['/api/knowledge/export', { method: 'GET' }],
    ];
    for (const role of ['agent', 'supervisor'] as const) {
      for (const [route, init] of writes) {
        const response = await server.request(route, { ...init, token: tokens[role] });
        expect(response.status, `${role} ${init.method} ${route}`).toBe(403);
      }
    }
    expect((await server.request('/api/knowledge/entries/agent.made', { token: tokens.editor })).status).toBe(
      404,
    );
    expect(
      (await server.request('/api/knowledge/entries/coins.top-up', { token: tokens.editor })).status,
    ).toBe(200);
    expect(await (await server.request('/api/knowledge/versions', { token: tokens.editor })).text()).toBe(
      versionsBefore,
    );
  });

  it('lets an editor write, records the editor as the actor, and lets an admin revert', async () => {
    const put = await server.request('/api/knowledge/entries/editor.made', {
      method: 'PUT',
      token: tokens.editor,
      json: entry('editor.made'),
      headers: { 'x-livedesk-actor': 'someone-else' },
    });
    expect(put.status).toBe(200);
    const { version } = (await put.json()) as { version: { versionId: number; actor: string } };
    expect(version.actor).toBe('editor');
    const revert = await server.request(`/api/knowledge/versions/${version.versionId}/revert`, {
      method: 'POST',
      token: tokens.admin,
    });
    expect(await revert.json()).toMatchObject({ version: { actor: 'admin' } });
    expect((await server.request('/api/knowledge/entries/editor.made', { token: tokens.agent })).status).toBe(
      404,
    );
    expect((await server.request('/api/knowledge/export', { token: tokens.editor })).status).toBe(200);
  });

  it('keeps /api/ask public', async () => {
    const response = await server.request('/api/ask', { method: 'POST', json: { text: '金币在哪里充值' } });
    expect(response.status).toBe(200);
  });
});

describe('viewer tokens', () => {
  it('gives each anonymous session a fresh viewer id, bound to the room asked for', async () => {
    const open = async () => {
      const response = await server.request('/api/viewer/session', {
        method: 'POST',
        json: { roomId: 'room-7', displayName: 'Mia', locale: 'zh' },
      });
      expect(response.status).toBe(200);
      return (await response.json()) as { token: string; viewer: { viewerId: string } };
    };
    const [first, second] = [await open(), await open()];
    expect(first.viewer.viewerId).not.toBe(second.viewer.viewerId);
    expect(first.viewer).toMatchObject({
      roomId: 'room-7',
      tier: 'regular',
      displayName: 'Mia',
      selfNamed: true,
      locale: 'zh',
    });
    // Nobody vouches for an anonymous viewer's name: the token carries it marked as self-chosen.
    const principal = await server.auth.verify(first.token);
    expect(principal).toEqual({
      kind: 'viewer',
      viewerId: first.viewer.viewerId,
      roomId: 'room-7',
      tier: 'regular',
      displayName: 'Mia',
      selfNamed: true,
      locale: 'zh',
    });
  });

  it('cannot be made VIP by the viewer: extra fields are ignored', async () => {
    const response = await server.request('/api/viewer/session', {
      method: 'POST',
      json: { roomId: 'room-7', tier: 'vip', viewerId: 'chosen' },
    });
    const { token } = (await response.json()) as { token: string };
    expect(await server.auth.verify(token)).toMatchObject({ tier: 'regular' });
    expect(await server.auth.verify(token)).not.toMatchObject({ viewerId: 'chosen' });
  });

  it('lets only admins issue tokens for known viewers, such as a VIP', async () => {
    const request = { viewerId: 'platform-42', roomId: 'room-3', tier: 'vip', displayName: 'Big Fan' };
    expect((await server.request('/api/viewer/tokens', { method: 'POST', json: request })).status).toBe(401);
    const asAgent = await server.request('/api/viewer/tokens', {
      method: 'POST',
      json: request,
      token: tokens.agent,
    });
    expect(asAgent.status).toBe(403);
    const asAdmin = await server.request('/api/viewer/tokens', {
      method: 'POST',
      json: request,
      token: tokens.admin,
    });
    const { token } = (await asAdmin.json()) as { token: string };
    expect(await server.auth.verify(token)).toMatchObject({
      viewerId: 'platform-42',
      roomId: 'room-3',
      tier: 'vip',
    });
  });
});

describe('staff administration', () => {
  it('is for admins only', async () => {
    expect((await server.request('/api/users', { token: tokens.supervisor })).status).toBe(403);
    expect((await server.request('/api/users', { token: tokens.editor })).status).toBe(403);
    const response = await server.request('/api/users', { token: tokens.admin });
    const { users } = (await response.json()) as { users: Record<string, unknown>[] };
    expect(users.map((user) => user.username)).toContain('agent2');
    expect(JSON.stringify(users)).not.toContain('scrypt');
  });

  it('creates an account that can sign in, and refuses a taken username', async () => {
    const body = {
      username: 'Night.Shift',
      name: 'Night Shift',
      role: 'agent',
      password: 'night-password',
      skills: ['payments'],
      teams: ['general'],
      capacity: 4,
    };
    const created = await server.request('/api/users', { method: 'POST', token: tokens.admin, json: body });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({
      user: { username: 'night.shift', capacity: 4, disabled: false },
    });
    expect(await server.login('night.shift', 'night-password')).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
    const again = await server.request('/api/users', { method: 'POST', token: tokens.admin, json: body });
    expect(again.status).toBe(409);
  });

  it('refuses a bad account body and changes nothing', async () => {
    const before = server.accounts.list().length;
    const response = await server.request('/api/users', {
      method: 'POST',
      token: tokens.admin,
      json: { username: 'x', name: 'X', role: 'boss', password: 'short' },
    });
    expect(response.status).toBe(400);
    expect(server.accounts.list()).toHaveLength(before);
  });

  it('changes an account; disabling it ends its sessions at once', async () => {
    const created = await server.request('/api/users', {
      method: 'POST',
      token: tokens.admin,
      json: { username: 'temp', name: 'Temp', role: 'agent', password: 'temp-password' },
    });
    const { user } = (await created.json()) as { user: { id: string } };
    const token = await server.login('temp', 'temp-password');
    const patched = await server.request(`/api/users/${user.id}`, {
      method: 'PATCH',
      token: tokens.admin,
      json: { name: 'Temporary', capacity: 1, skills: ['refunds'] },
    });
    expect(await patched.json()).toMatchObject({
      user: { name: 'Temporary', capacity: 1, skills: ['refunds'] },
    });
    expect((await server.request('/api/auth/me', { token })).status).toBe(200);
    await server.request(`/api/users/${user.id}`, {
      method: 'PATCH',
      token: tokens.admin,
      json: { disabled: true },
    });
    expect((await server.request('/api/auth/me', { token })).status).toBe(401);
  });

  it('answers 404 for an unknown account and 400 for an empty change', async () => {
    const unknown = await server.request('/api/users/nope', {
      method: 'PATCH',
      token: tokens.admin,
      json: { capacity: 2 },
    });
    expect(unknown.status).toBe(404);
    const empty = await server.request(`/api/users/${server.users.findByUsername('agent')!.id}`, {
      method: 'PATCH',
      token: tokens.admin,
      json: {},
    });
    expect(empty.status).toBe(400);
  });
});
