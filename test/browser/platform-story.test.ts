import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT } from 'jose';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoOrdersOf } from '../../server/demo-shop/demo-shop-data.js';
import { verifyWebhookSignature } from '../../server/webhooks/verify-webhook-signature.js';
import { chromiumAvailable } from '../support/chromium.js';
import { startWebhookReceiver, type ReceivedWebhook } from '../support/webhook-receiver.js';
import {
  DEMO_PASSWORD,
  logIn,
  newBrowser,
  openPage,
  screenshot,
  startWebTestServer,
  type WebTestServer,
} from './web-test-server.js';

/**
 * Issue 15's story end to end, every part real: a platform's shop page on its own loopback origin embeds the
 * widget with a VIP identity its backend signed (HS256, a key the admin created); the viewer asks where
 * their order is and gets the template answer filled from the demo shop; they press "talk to a person"; an
 * agent in the console accepts, sees the commerce panel, opens a ticket and hands it to after-sales; the
 * platform's webhook endpoint gets the signed events, and the ticket carries the order.
 */
const PLATFORM = 'story-shop';
const USER_ID = 'vip-story-8848';
const VIEWER_NAME = '林晓雨';
const ROOM = 'shop-live-1';
const WAIT = { timeout: 20_000 };

type Receiver = Awaited<ReturnType<typeof startWebhookReceiver>>;
interface WebhookData {
  conversationId?: string;
  agentId?: string;
  ticketId?: string;
  department?: string;
  orderId?: string;
  changed?: string[];
}
const typeOf = (request: ReceivedWebhook) => (JSON.parse(request.body) as { type: string }).type;
const dataOf = (request: ReceivedWebhook) => (JSON.parse(request.body) as { data: WebhookData }).data;

describe.runIf(chromiumAvailable())('the platform story in Chromium (issue 15)', () => {
  let server: WebTestServer;
  let hooks: Receiver;
  let host: Server;
  let hostUrl = '';
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  async function api(path: string, init: { token?: string; json?: unknown; method?: string } = {}) {
    return fetch(`${server.url}${path}`, {
      method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
      headers: {
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        ...(init.json === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
    });
  }

  async function tokenOf(username: string): Promise<string> {
    const login = await api('/api/auth/login', { json: { username, password: DEMO_PASSWORD } });
    expect(login.status).toBe(200);
    return ((await login.json()) as { token: string }).token;
  }

  beforeAll(async () => {
    hooks = await startWebhookReceiver();
    server = await startWebTestServer({
      LIVEDESK_DEMO_SHOP: 'true',
      LIVEDESK_WIDGET_HUMAN_BUTTON: 'true',
      LIVEDESK_WEBHOOK_ALLOW_PRIVATE: 'true',
      LIVEDESK_WEBHOOK_POLL_MS: '50',
      LIVEDESK_WEBHOOK_RETRY_BASE_MS: '50',
      // A loaded machine must not let the offer lapse before the agent clicks.
      LIVEDESK_OFFER_TIMEOUT_MS: '600000',
      LIVEDESK_HTTP_RATE_BURST: '10000',
    });
    browser = await newBrowser();
  }, 90_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    if (host) await new Promise((resolve) => host.close(resolve));
    await server?.close();
    await hooks?.close();
  });

  it(
    'a verified VIP asks for their order, gets a person, and the platform hears of it, signed',
    { timeout: 120_000 },
    async () => {
      // The admin sets the platform up: a signing key for identities and a webhook subscription.
      const adminToken = await tokenOf('admin');
      const key = await api('/api/platform-keys/signing-keys', {
        token: adminToken,
        json: { kind: 'hs256', platformId: PLATFORM },
      });
      expect(key.status).toBe(201);
      const signing = (await key.json()) as { key: { id: string }; secret: string };
      const subscription = await api('/api/webhooks', {
        token: adminToken,
        json: {
          url: hooks.url,
          events: ['conversation.escalated', 'conversation.assigned', 'ticket.created', 'ticket.updated'],
          description: 'story shop',
        },
      });
      expect(subscription.status).toBe(201);
      const { secret: webhookSecret } = (await subscription.json()) as { secret: string };
      const signed = (request: ReceivedWebhook) =>
        verifyWebhookSignature({
          secret: webhookSecret,
          body: request.body,
          timestamp: String(request.headers['livedesk-timestamp']),
          signature: String(request.headers['livedesk-signature']),
        });

      // The platform's backend signs who the viewer is; its page embeds the widget with that identity.
      const identity = await new SignJWT({ name: VIEWER_NAME, tier: 'vip', vip_level: 4, locale: 'zh-CN' })
        .setProtectedHeader({ alg: 'HS256', kid: signing.key.id })
        .setIssuer(PLATFORM)
        .setAudience('livedesk')
        .setSubject(USER_ID)
        .setIssuedAt()
        .setExpirationTime('15m')
        .sign(Buffer.from(signing.secret, 'base64url'));
      const shopPage = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>直播商城</title></head>
        <body><h1>直播商城 · 今晚上新</h1><p>连帽卫衣 ¥199</p>
        <script src="${server.url}/widget.js" data-room="${ROOM}" data-locale="zh-CN"
          data-identity="${identity}"></script></body></html>`;
      host = createServer((_request, response) => {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        response.end(shopPage);
      });
      await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
      hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}/`;
      expect(new URL(hostUrl).origin).not.toBe(new URL(server.url).origin);

      // The agent is on duty first, in English.
      const agentContext = await browser.newContext({ viewport: { width: 1440, height: 1100 } });
      contexts.push(agentContext);
      const agent = await openPage(agentContext, `${server.url}/console?lang=en`);
      await logIn(agent.page, 'agent');
      await agent.page.locator('#connection-state[data-state=open]').waitFor(WAIT);

      // The viewer, on the shop's page, in Chinese.
      const viewerContext = await browser.newContext({
        viewport: { width: 1280, height: 860 },
        locale: 'zh-CN',
      });
      contexts.push(viewerContext);
      const shop = await openPage(viewerContext, hostUrl);
      const widget = shop.page.locator('livedesk-widget');
      await widget.locator('.launcher').click();
      await expect.poll(() => widget.locator('.status').getAttribute('data-state'), WAIT).toBe('open');
      await widget.locator('.send:not([disabled])').waitFor(WAIT);
      await widget.locator('.input').fill('我的订单到哪了');
      await widget.locator('.send').click();

      // The template answer, filled with this user's latest order and its shipment from the demo shop.
      const { orders, shipments } = demoOrdersOf(USER_ID, new Date());
      const order = orders[0]!;
      const shipment = shipments[0]!;
      const answer = widget.locator('.message.assistant').last();
      await expect.poll(() => answer.innerText(), WAIT).toContain(order.id);
      const answerText = await answer.innerText();
      expect(answerText).toContain(`您的订单 ${order.id}`);
      expect(answerText).toContain(`由 ${shipment.carrier} 配送`);
      expect(answerText).toContain(`目的地 ${shipment.city}`);
      expect(answerText).toContain(`${order.productName} ${order.size} 码`);
      expect(answerText).not.toContain('{{');
      await screenshot(shop.page, 'platform-story-widget-zh-order');

      // "转人工", the button the operator turned on.
      const person = widget.locator('.person');
      await expect.poll(() => person.isVisible(), WAIT).toBe(true);
      expect(await person.innerText()).toBe('转人工');
      await person.click();
      await expect.poll(() => widget.locator('.message.viewer').last().innerText(), WAIT).toBe('转人工');
      const [escalated] = await hooks.waitFor(
        1,
        (request) => typeOf(request) === 'conversation.escalated',
        20_000,
      );
      expect(signed(escalated!)).toEqual({ ok: true });
      const conversationId = dataOf(escalated!).conversationId!;
      expect(conversationId).toEqual(expect.any(String));

      // The agent gets the offer under the verified name, accepts, and sees the shop's view of the viewer.
      const offered = agent.page.locator('#my-conversations .conversation-item', { hasText: VIEWER_NAME });
      await offered.waitFor(WAIT);
      await offered.click();
      await agent.page.locator('#accept').click();
      await expect.poll(() => agent.page.locator('#reply-text').isEnabled(), WAIT).toBe(true);
      const [assigned] = await hooks.waitFor(
        1,
        (request) => typeOf(request) === 'conversation.assigned',
        20_000,
      );
      expect(signed(assigned!)).toEqual({ ok: true });
      expect(dataOf(assigned!).conversationId).toBe(conversationId);
      await expect
        .poll(() => agent.page.locator('#profile-fields').innerText(), WAIT)
        .toContain(`Verified by platform ${PLATFORM} (user ${USER_ID})`);
      const panel = agent.page.locator('#commerce');
      await expect.poll(() => panel.innerText(), WAIT).toContain(order.id);
      const panelText = await panel.innerText();
      expect(panelText).toContain(shipment.carrierEn);
      expect(panelText).toContain(shipment.events[0]!.descriptionEn);

      // The viewer now talks to a person.
      await agent.page.locator('#reply-text').fill('Hi, I am checking your order now.');
      await agent.page.locator('#reply-send').click();
      await expect
        .poll(() => widget.locator('.message.agent').last().innerText(), WAIT)
        .toContain('I am checking your order now');

      // A ticket from the conversation (the console's button): the commerce hints route a where-is-my-order
      // matter to logistics with the order; the agent hands it to after-sales with a note, in the console.
      await agent.page.locator('#create-ticket').click();
      const ticketBox = agent.page.locator('#ticket');
      await expect.poll(() => ticketBox.getAttribute('data-ticket-id'), WAIT).toMatch(/.+/);
      const ticketId = (await ticketBox.getAttribute('data-ticket-id'))!;
      await expect.poll(() => ticketBox.locator('.department').innerText(), WAIT).toBe('Logistics');
      await agent.page.locator('#ticket-department').selectOption('after-sales');
      await agent.page.locator('#ticket-note').fill('VIP wants the parcel re-sent; please handle the return');
      await agent.page.locator('#ticket-save').click();
      await expect.poll(() => ticketBox.locator('.department').innerText(), WAIT).toBe('After-sales');
      await expect
        .poll(() => agent.page.locator('#ticket-history').innerText(), WAIT)
        .toContain('from Logistics to After-sales');
      await panel.scrollIntoViewIfNeeded();
      await screenshot(agent.page, 'platform-story-console-en');

      // What the ticket says through the API, read with the agent's own token.
      const agentToken = await tokenOf('agent');
      const read = await api(`/api/tickets/${ticketId}`, { token: agentToken });
      expect(read.status).toBe(200);
      const { ticket } = (await read.json()) as {
        ticket: { orderId?: string; department: string; conversationId?: string };
      };
      expect(ticket).toMatchObject({ orderId: order.id, department: 'after-sales', conversationId });

      // The platform heard of the ticket, signed: created (with the order) and handed to after-sales.
      const [created] = await hooks.waitFor(1, (request) => typeOf(request) === 'ticket.created', 20_000);
      expect(signed(created!)).toEqual({ ok: true });
      expect(dataOf(created!)).toMatchObject({
        ticketId,
        conversationId,
        department: 'logistics',
        orderId: order.id,
      });
      const [updated] = await hooks.waitFor(1, (request) => typeOf(request) === 'ticket.updated', 20_000);
      expect(signed(updated!)).toEqual({ ok: true });
      expect(dataOf(updated!)).toMatchObject({ ticketId, department: 'after-sales' });
      expect(dataOf(updated!).changed).toContain('department');
      // A tampered body would not pass: the check is real.
      expect(signed({ ...created!, body: created!.body.replace(ticketId, `${ticketId}x`) })).toEqual({
        ok: false,
        reason: 'bad_signature',
      });
      // Each event once (deliveries run in parallel, so arrival order is not promised).
      expect(hooks.received.map(typeOf).sort()).toEqual([
        'conversation.assigned',
        'conversation.escalated',
        'ticket.created',
        'ticket.updated',
      ]);

      await screenshot(shop.page, 'platform-story-widget-zh-agent');
      expect(shop.problems).toEqual([]);
      expect(agent.problems).toEqual([]);
    },
  );
});
