import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AutoReplyRule } from '../../engine/desk/auto-reply.js';
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

const rules = async (token: string) => {
  const response = await server.request('/api/auto-replies', { token });
  expect(response.status).toBe(200);
  return ((await response.json()) as { rules: AutoReplyRule[] }).rules;
};

describe('auto-reply rules over HTTP', () => {
  it('comes with the demo rules: 充值 answers with the top-up steps', async () => {
    const demo = await rules(agent);
    const topUp = demo.find((rule) => rule.keywords.includes('充值'));
    expect(topUp).toMatchObject({ locale: 'zh', enabled: true });
    expect(topUp?.text).toContain('我的 > 钱包 > 充值');
    expect(demo.some((rule) => rule.keywords.includes('refund'))).toBe(true);
  });

  it('lets supervisors and editors write rules, which the auto-replier sees at once', async () => {
    const body = { name: 'Shipping', keywords: ['发货', 'shipping'], text: '订单一般 48 小时内发货。' };
    expect(
      (await server.request('/api/auto-replies', { method: 'POST', token: agent, json: body })).status,
    ).toBe(403);
    const created = await server.request('/api/auto-replies', { method: 'POST', token: editor, json: body });
    expect(created.status).toBe(201);
    const { rule } = (await created.json()) as { rule: AutoReplyRule };
    expect(rule).toMatchObject({ ...body, locale: null, enabled: true, updatedBy: 'editor' });
    expect(server.deskContent.autoReplyRules.current().map((stored) => stored.id)).toContain(rule.id);

    const disabled = await server.request(`/api/auto-replies/${rule.id}`, {
      method: 'PUT',
      token: supervisor,
      json: { ...body, enabled: false },
    });
    expect(disabled.status).toBe(200);
    expect(server.deskContent.autoReplyRules.current().find((stored) => stored.id === rule.id)?.enabled).toBe(
      false,
    );
    // A replaced rule keeps its place in the order.
    expect((await rules(agent)).at(-1)?.id).toBe(rule.id);

    expect(
      (await server.request(`/api/auto-replies/${rule.id}`, { method: 'DELETE', token: agent })).status,
    ).toBe(403);
    expect(
      (await server.request(`/api/auto-replies/${rule.id}`, { method: 'DELETE', token: supervisor })).status,
    ).toBe(200);
    expect((await server.request(`/api/auto-replies/${rule.id}`, { token: agent })).status).toBe(404);
  });

  it('rejects a rule without keywords and stores nothing', async () => {
    const before = (await rules(agent)).length;
    for (const json of [
      { name: 'Empty', keywords: [], text: 'x' },
      { name: 'Blank', keywords: [' '], text: 'x' },
      { name: 'No text', keywords: ['a'] },
      { name: 'Bad locale', keywords: ['a'], text: 'x', locale: 'Chinese' },
    ]) {
      const response = await server.request('/api/auto-replies', { method: 'POST', token: editor, json });
      expect(response.status).toBe(400);
    }
    expect((await rules(agent)).length).toBe(before);
  });

  it('is closed to viewers and strangers', async () => {
    const { token: viewer } = await server.auth.issueViewerToken({
      viewerId: 'v1',
      roomId: 'r1',
      tier: 'regular',
    });
    expect((await server.request('/api/auto-replies')).status).toBe(401);
    expect((await server.request('/api/auto-replies', { token: viewer })).status).toBe(403);
  });
});
