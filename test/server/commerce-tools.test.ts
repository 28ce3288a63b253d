import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoOrdersOf } from '../../server/demo-shop/demo-shop-data.js';
import type { AgentTestClient } from './agent-test-client.js';
import { startDeskServer, type DeskServer } from './desk-server.js';
import type { ViewerTestClient } from './viewer-test-client.js';

/**
 * The commerce look-ups through the real server (issue 15): the demo shop on loopback, a viewer identity
 * signed by the platform, the platform posting the product in view, template answers without an LLM, the
 * admin's tool routes and the console's commerce panel.
 */
let server: DeskServer;
let adminToken = '';
let signingSecret = '';
let platformApiKey = '';
const PLATFORM = 'demo-platform';

type Row = Record<string, string | number | boolean>;
interface Panel {
  viewer: unknown;
  productInView?: string;
  orders: { status: string; reason?: string; fields: { orders: Row[] } };
  shipment: { status: string; fields: { carrier: string; events: Row[] } };
  product: { status: string; reason?: string; fields: { stock: Row[] } };
}

beforeAll(async () => {
  server = await startDeskServer({ LIVEDESK_DEMO_SHOP: 'true', LIVEDESK_OFFER_TIMEOUT_MS: '600000' });
  adminToken = (await server.login('admin')).token;
}, 60_000);
afterAll(async () => {
  await server?.close();
});

async function identity(userId: string): Promise<string> {
  return new SignJWT({ name: 'Mia', tier: 'vip', vip_level: 3 })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(PLATFORM)
    .setAudience('livedesk')
    .setSubject(userId)
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(Buffer.from(signingSecret, 'base64url'));
}

async function verifiedViewer(userId: string): Promise<{ viewer: ViewerTestClient; conversationId: string }> {
  const session = await server.request('/api/viewer/session', {
    json: { roomId: 'room-shop', identity: await identity(userId) },
  });
  const body = (await session.json()) as { token: string; identityError?: unknown };
  expect(body.identityError).toBeUndefined();
  const viewer = await server.connectViewer();
  const { conversationId } = await viewer.join({ token: body.token });
  return { viewer, conversationId };
}

async function answerTo(viewer: ViewerTestClient, text: string, id: string): Promise<string> {
  const from = viewer.mark();
  viewer.send({ type: 'message', text, clientMessageId: id });
  const end = await viewer.waitForEvent('turn-end', { from });
  return end.event.delivered;
}

describe('commerce tools through the server', () => {
  it('answers an identified viewer with their order, the product in view with its stock, and shows the agent the panel', async () => {
    // Needs the platform keys (server/platform/): the platform signs the viewer's identity.
    const key = await server.request('/api/platform-keys/signing-keys', {
      token: adminToken,
      json: { kind: 'hs256', platformId: PLATFORM },
    });
    expect(key.status).toBe(201);
    signingSecret = ((await key.json()) as { secret: string }).secret;
    const apiKey = await server.request('/api/platform-keys/api-keys', {
      token: adminToken,
      json: { platformId: PLATFORM },
    });
    platformApiKey = ((await apiKey.json()) as { secret: string }).secret;
    const { viewer, conversationId } = await verifiedViewer('u1001');
    const { orders, shipments } = demoOrdersOf('u1001', new Date());
    const whereIs = await answerTo(viewer, '我的订单到哪了', 'q1');
    expect(whereIs).toContain(`您的订单 ${orders[0]!.id}`);
    expect(whereIs).toContain(shipments[0]!.carrier);

    // Before the platform says what is on screen, the stock entry has only its general lines.
    expect(await answerTo(viewer, '有没有 XL 码', 'q2')).toBe(
      '尺码建议可以点商品详情页的「尺码表」查看，库存以下单页为准。',
    );
    const context = await server.request(`/api/platform/conversations/${conversationId}/context`, {
      token: platformApiKey,
      json: { productInView: 'p-hoodie' },
    });
    expect(context.status).toBe(200);
    // Asked again in other words (the same words twice read as a repetition, which escalates).
    expect(await answerTo(viewer, 'XL 码还有吗', 'q3')).toContain('XL 余 3 件');

    const agent: AgentTestClient = await server.connectAgent();
    await agent.authenticate(adminToken);
    viewer.send({ type: 'message', text: '我要人工', clientMessageId: 'q4' });
    await viewer.waitForEvent('state-change', { where: (event) => event.to === 'pending_human' });
    const panel = await server.request(`/api/conversations/${conversationId}/commerce`, {
      token: adminToken,
    });
    expect(panel.status).toBe(200);
    const body = (await panel.json()) as Panel;
    expect(body.viewer).toEqual({ verified: true, platformId: PLATFORM, userId: 'u1001', vipLevel: 3 });
    expect(body.productInView).toBe('p-hoodie');
    expect(body.orders.status).toBe('ok');
    expect(body.orders.fields.orders.map((order) => order.id)).toEqual(orders.map((order) => order.id));
    expect(body.shipment).toMatchObject({ status: 'ok', fields: { carrier: shipments[0]!.carrier } });
    expect(body.shipment.fields.events[0]?.description).toBe(shipments[0]!.events[0]!.description);
    expect(body.product.fields.stock).toContainEqual({ size: 'XL', count: 3 });

    // The ticket carries the order, and the stock question routes it to the warehouse with its targets.
    const made = await server.request(`/api/conversations/${conversationId}/ticket`, {
      method: 'POST',
      token: adminToken,
    });
    expect(made.status).toBe(201);
    const { ticket } = (await made.json()) as { ticket: Record<string, unknown> };
    expect(ticket).toMatchObject({ orderId: orders[0]!.id, department: 'warehouse', conversationId });
    expect(ticket.dueAt).toEqual(expect.any(String));
  }, 60_000);

  it('gives an anonymous viewer the fallback lines, and the panel says the viewer is not identified', async () => {
    const session = (await (
      await server.request('/api/viewer/session', { json: { roomId: 'room-shop' } })
    ).json()) as { token: string };
    const viewer = await server.connectViewer();
    const { conversationId } = await viewer.join({ token: session.token });
    const text = await answerTo(viewer, '我的订单到哪了', 'a1');
    expect(text).toBe('也可以在 我的 > 订单 > 待收货 里随时查看物流详情，需要帮忙请回复“转人工”。');
    const panel = (await (
      await server.request(`/api/conversations/${conversationId}/commerce`, { token: adminToken })
    ).json()) as Panel;
    expect(panel.viewer).toEqual({ verified: false });
    expect(panel.orders).toEqual({ status: 'unavailable', reason: 'not_verified' });
    expect(panel.product).toEqual({ status: 'unavailable', reason: 'missing_argument' });
  }, 60_000);

  it('lists the demo tools read-only, validates a new tool before saving it, tries and removes it', async () => {
    const list = (await (await server.request('/api/tools', { token: adminToken })).json()) as {
      tools: { definition: { name: string }; source: string }[];
    };
    expect(list.tools.map((tool) => [tool.definition.name, tool.source])).toEqual([
      ['order', 'file'],
      ['orders', 'file'],
      ['product', 'file'],
      ['shipment', 'file'],
    ]);
    const fileTool = await server.request('/api/tools/order', {
      method: 'PUT',
      token: adminToken,
      json: {
        description: 'x',
        url: 'https://shop.example/x',
        allowedHosts: ['shop.example'],
        response: { id: { pointer: '/id', type: 'string' } },
      },
    });
    expect(fileTool.status).toBe(409);
    const bad = await server.request('/api/tools/coupons', {
      method: 'PUT',
      token: adminToken,
      json: {
        description: 'coupons',
        url: 'http://169.254.169.254/latest/{{viewer.userId}}',
        allowedHosts: ['shop.example'],
        response: {},
      },
    });
    expect(bad.status).toBe(400);
    const issues = ((await bad.json()) as { issues: { path: string }[] }).issues.map((issue) => issue.path);
    expect(issues).toEqual(expect.arrayContaining(['allowedHosts', 'response']));
    const unchanged: unknown = await (await server.request('/api/tools', { token: adminToken })).json();
    expect(unchanged).toEqual(list);

    // The metadata address is refused after resolution even with its host on the allow-list.
    const metadata = {
      description: 'metadata',
      url: 'http://169.254.169.254/latest/{{viewer.userId}}',
      allowedHosts: ['169.254.169.254'],
      timeoutMs: 500,
      response: { id: { pointer: '/id', type: 'string' } },
    };
    expect(
      (await server.request('/api/tools/metadata', { method: 'PUT', token: adminToken, json: metadata }))
        .status,
    ).toBe(201);
    const tried = (await (
      await server.request('/api/tools/metadata/try', { token: adminToken, json: { userId: 'u1' } })
    ).json()) as { results: { ok: boolean; code?: string }[] };
    expect(tried.results).toEqual([expect.objectContaining({ ok: false, code: 'address_refused' })]);
    const shipment = (await (
      await server.request('/api/tools/shipment/try', { token: adminToken, json: { userId: 'u1002' } })
    ).json()) as { results: { tool: string; ok: boolean }[] };
    expect(shipment.results.map((result) => [result.tool, result.ok])).toEqual([
      ['order', true],
      ['shipment', true],
    ]);
    expect(
      (await server.request('/api/tools/metadata', { method: 'DELETE', token: adminToken })).status,
    ).toBe(204);
    expect(
      (await server.request('/api/tools/metadata', { method: 'DELETE', token: adminToken })).status,
    ).toBe(404);
  }, 60_000);
});
