import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuickReply } from '../../engine/desk/quick-reply.js';
import { startDeskContentTestServer, type DeskContentTestServer } from './desk-content-test-server.js';

let server: DeskContentTestServer;
let agent: string;
let supervisor: string;
let editor: string;

beforeAll(async () => {
  server = await startDeskContentTestServer();
  [agent, supervisor, editor] = await Promise.all([
    server.login('agent'),
    server.login('supervisor'),
    server.login('editor'),
  ]);
});

afterAll(async () => {
  await server.close();
});

const list = async (token: string, search = '') => {
  const response = await server.request(`/api/quick-replies${search}`, { token });
  expect(response.status).toBe(200);
  return ((await response.json()) as { quickReplies: QuickReply[] }).quickReplies;
};

describe('quick replies over HTTP', () => {
  it('comes with the demo set in Chinese and English', async () => {
    const replies = await list(agent);
    const shortcuts = (locale: string) =>
      replies
        .filter((reply) => reply.locale === locale)
        .map((reply) => reply.shortcut)
        .sort();
    expect(shortcuts('zh')).toEqual(['/bye', '/hi', '/refund', '/topup', '/wait']);
    expect(shortcuts('en')).toEqual(['/bye', '/hi', '/refund', '/topup', '/wait']);
  });

  it('filters by language, team and text', async () => {
    const created = await server.request('/api/quick-replies', {
      method: 'POST',
      token: editor,
      json: {
        shortcut: '/invoice',
        locale: 'en',
        team: 'finance',
        title: 'Invoice',
        text: 'Your invoice is on its way, {viewerName}.',
      },
    });
    expect(created.status).toBe(201);
    expect((await list(agent, '?locale=zh-TW')).every((reply) => reply.locale === 'zh')).toBe(true);
    expect((await list(agent, '?team=finance')).map((reply) => reply.shortcut)).toContain('/invoice');
    expect((await list(agent, '?team=tech')).map((reply) => reply.shortcut)).not.toContain('/invoice');
    expect((await list(agent, '?text=INVOICE')).map((reply) => reply.shortcut)).toEqual(['/invoice']);
    expect((await server.request('/api/quick-replies?locale=!!', { token: agent })).status).toBe(400);
  });

  it('renders with the conversation values, the agent name by default, and reports what is missing', async () => {
    const wait = (await list(agent, '?locale=en&text=/wait'))[0]!;
    const partial = await server.request(`/api/quick-replies/${wait.id}/render`, {
      method: 'POST',
      token: agent,
      json: { variables: { viewerName: 'Lin' } },
    });
    expect(await partial.json()).toEqual({
      text: "Sorry for the wait, Lin! We're busy right now; it should take about {waitMinutes} more minutes.",
      missing: ['waitMinutes'],
      complete: false,
    });
    const hi = (await list(agent, '?locale=en&text=/hi'))[0]!;
    const full = await server.request(`/api/quick-replies/${hi.id}/render`, {
      method: 'POST',
      token: agent,
      json: { variables: { viewerName: '<script>x</script>' } },
    });
    expect(await full.json()).toEqual({
      text: "Hi <script>x</script>, I'm Ada Agent from support. How can I help you today?",
      missing: [],
      complete: true,
    });
    const missing = await server.request('/api/quick-replies/qr-none/render', {
      method: 'POST',
      token: agent,
      json: {},
    });
    expect(missing.status).toBe(404);
  });

  it('lists the replies agents use most first: every render counts one use', async () => {
    for (const shortcut of ['/ack', '/bye', '/cheers']) {
      const created = await server.request('/api/quick-replies', {
        method: 'POST',
        token: editor,
        json: { shortcut, locale: 'ja', title: shortcut, text: `${shortcut} {agentName}` },
      });
      expect(created.status).toBe(201);
    }
    const byShortcut = new Map((await list(agent, '?locale=ja')).map((reply) => [reply.shortcut, reply.id]));
    expect([...byShortcut.keys()]).toEqual(['/ack', '/bye', '/cheers']);
    const render = (shortcut: string, token: string) =>
      server.request(`/api/quick-replies/${byShortcut.get(shortcut)}/render`, {
        method: 'POST',
        token,
        json: {},
      });
    expect((await render('/cheers', agent)).status).toBe(200);
    expect((await render('/cheers', supervisor)).status).toBe(200);
    expect((await render('/bye', agent)).status).toBe(200);
    const bad = await server.request(`/api/quick-replies/${byShortcut.get('/ack')}/render`, {
      method: 'POST',
      token: agent,
      json: { variables: { 'not a name': 'x' } },
    });
    expect(bad.status).toBe(400);
    expect((await render('/ack', editor)).status).toBe(200);
    const listed = (await list(agent, '?locale=ja')) as (QuickReply & { uses: number })[];
    expect(listed.map((reply) => [reply.shortcut, reply.uses])).toEqual([
      ['/cheers', 2],
      ['/ack', 1],
      ['/bye', 1],
    ]);
  });

  it('fills the viewer, room and ticket from a stored conversation', async () => {
    const { conversation } = server.openConversation(
      { viewerId: 'v-7', tier: 'regular', locale: 'en', displayName: 'Lin' },
      { roomId: 'room-9', streamerName: 'Mia' },
    );
    await server.hub.flushed();
    const ticket = await server.request(`/api/conversations/${conversation.id}/ticket`, {
      method: 'POST',
      token: supervisor,
    });
    const { ticket: made } = (await ticket.json()) as { ticket: { id: string } };
    const created = await server.request('/api/quick-replies', {
      method: 'POST',
      token: editor,
      json: {
        shortcut: '/ticket',
        locale: 'en',
        title: 'Ticket made',
        text: '{viewerName}, ticket {ticketId} is open for room {roomId} ({streamerName}); wait {waitMinutes} min.',
      },
    });
    const { quickReply } = (await created.json()) as { quickReply: QuickReply };
    const renderAs = (token: string, json: unknown) =>
      server.request(`/api/quick-replies/${quickReply.id}/render`, { method: 'POST', token, json });
    const render = (json: unknown) => renderAs(supervisor, json);
    // The values name the viewer: an agent who never held the conversation, or an editor, gets nothing.
    for (const outsider of [agent, editor]) {
      const refused = await renderAs(outsider, { conversationId: conversation.id });
      expect(refused.status).toBe(403);
      expect(await refused.text()).not.toContain('Lin');
    }
    expect(await (await render({ conversationId: conversation.id })).json()).toEqual({
      text: `Lin, ticket ${made.id} is open for room room-9 (Mia); wait {waitMinutes} min.`,
      missing: ['waitMinutes'],
      complete: false,
    });
    expect(
      await (
        await render({ conversationId: conversation.id, variables: { viewerName: 'Mr Lin', waitMinutes: 4 } })
      ).json(),
    ).toMatchObject({
      text: `Mr Lin, ticket ${made.id} is open for room room-9 (Mia); wait 4 min.`,
      complete: true,
    });
    expect((await render({ conversationId: 'never-stored' })).status).toBe(404);
  });

  it('lets supervisors and editors write, agents only read', async () => {
    const body = { shortcut: '/thanks', locale: 'en', title: 'Thanks', text: 'Thank you, {viewerName}!' };
    expect(
      (await server.request('/api/quick-replies', { method: 'POST', token: agent, json: body })).status,
    ).toBe(403);
    expect((await server.request('/api/quick-replies', { method: 'POST', json: body })).status).toBe(401);
    const created = await server.request('/api/quick-replies', {
      method: 'POST',
      token: supervisor,
      json: body,
    });
    expect(created.status).toBe(201);
    const { quickReply } = (await created.json()) as { quickReply: QuickReply };
    expect(quickReply).toMatchObject({ ...body, team: null, updatedBy: 'supervisor' });

    const changed = await server.request(`/api/quick-replies/${quickReply.id}`, {
      method: 'PUT',
      token: editor,
      json: { ...body, text: 'Thanks a lot, {viewerName}!' },
    });
    expect(changed.status).toBe(200);
    expect(
      await (await server.request(`/api/quick-replies/${quickReply.id}`, { token: agent })).json(),
    ).toMatchObject({
      quickReply: { text: 'Thanks a lot, {viewerName}!', updatedBy: 'editor' },
    });
    expect(
      (await server.request(`/api/quick-replies/${quickReply.id}`, { method: 'DELETE', token: agent }))
        .status,
    ).toBe(403);
    expect(
      (await server.request(`/api/quick-replies/${quickReply.id}`, { method: 'DELETE', token: editor }))
        .status,
    ).toBe(200);
    expect(
      (await server.request(`/api/quick-replies/${quickReply.id}`, { method: 'DELETE', token: editor }))
        .status,
    ).toBe(404);
  });

  it('refuses a shortcut already used in the same language and team, and unknown variables', async () => {
    const duplicate = await server.request('/api/quick-replies', {
      method: 'POST',
      token: editor,
      json: { shortcut: '/topup', locale: 'zh', title: '又一个', text: '重复' },
    });
    expect(duplicate.status).toBe(409);
    expect(await duplicate.json()).toMatchObject({
      message: 'the shortcut /topup is already used for locale zh and every team',
    });
    const otherTeam = await server.request('/api/quick-replies', {
      method: 'POST',
      token: editor,
      json: { shortcut: '/topup', locale: 'zh', team: 'finance', title: '财务版', text: '财务充值说明' },
    });
    expect(otherTeam.status).toBe(201);
    const typo = await server.request('/api/quick-replies', {
      method: 'POST',
      token: editor,
      json: { shortcut: '/typo', locale: 'en', title: 'Typo', text: 'Hi {viewer_name}, {viewerNme}' },
    });
    expect(typo.status).toBe(400);
    expect(JSON.stringify(await typo.json())).toContain('unknown variables {viewerNme}');
    expect(await list(agent, '?text=/typo')).toEqual([]);
  });
});
