import { SignJWT } from 'jose';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoOrdersOf } from '../../server/demo-shop/demo-shop-data.js';
import { ViewerTestClient } from '../server/viewer-test-client.js';
import {
  logIn,
  newBrowser,
  openPage,
  screenshot,
  startWebTestServer,
  type WebTestServer,
} from './web-test-server.js';

/** Generous: CI runs the suite on a loaded 2-core machine, where the server's updates come late. */
const WAIT = { timeout: 30_000 };

/**
 * The console's commerce panel (issue 15) in Chromium, in both languages: an identified viewer watching the
 * hoodie asks for a person; the agent who takes the conversation sees their orders, the latest shipment's
 * events and the hoodie's stock by size, looked up in the demo shop.
 */
const PLATFORM = 'demo-platform';
let server: WebTestServer;
let browser: Browser;
let adminToken = '';
let signingSecret = '';
let apiKey = '';
const viewers: ViewerTestClient[] = [];

async function api(path: string, init: { token?: string; json?: unknown } = {}): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: init.json === undefined ? 'GET' : 'POST',
    headers: {
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...(init.json === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
  });
}

beforeAll(async () => {
  server = await startWebTestServer({ LIVEDESK_DEMO_SHOP: 'true', LIVEDESK_HTTP_RATE_BURST: '10000' });
  browser = await newBrowser();
  const login = await api('/api/auth/login', { json: { username: 'admin', password: 'livedesk-demo' } });
  adminToken = ((await login.json()) as { token: string }).token;
  const key = await api('/api/platform-keys/signing-keys', {
    token: adminToken,
    json: { kind: 'hs256', platformId: PLATFORM },
  });
  expect(key.status).toBe(201);
  signingSecret = ((await key.json()) as { secret: string }).secret;
  apiKey = (
    (await (
      await api('/api/platform-keys/api-keys', { token: adminToken, json: { platformId: PLATFORM } })
    ).json()) as { secret: string }
  ).secret;
}, 90_000);

afterAll(async () => {
  await Promise.all(viewers.map((viewer) => viewer.close()));
  await browser?.close();
  await server?.close();
});

/** An identified viewer watching the hoodie who asks for a person. */
async function viewerAsksForPerson(userId: string, name: string): Promise<void> {
  const identity = await new SignJWT({ name, tier: 'vip', vip_level: 2 })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(PLATFORM)
    .setAudience('livedesk')
    .setSubject(userId)
    .setExpirationTime('10m')
    .sign(Buffer.from(signingSecret, 'base64url'));
  const session = (await (
    await api('/api/viewer/session', { json: { roomId: 'room-shop', identity } })
  ).json()) as {
    token: string;
  };
  const viewer = await ViewerTestClient.connect(`${server.url.replace('http', 'ws')}/ws/viewer`);
  viewers.push(viewer);
  const { conversationId } = await viewer.join({ token: session.token });
  const context = await api(`/api/platform/conversations/${conversationId}/context`, {
    token: apiKey,
    json: { productInView: 'p-hoodie' },
  });
  expect(context.status).toBe(200);
  viewer.send({ type: 'message', text: '我要人工', clientMessageId: 'person' });
}

async function consoleIn(context: BrowserContext, language: 'zh' | 'en') {
  const agent = await openPage(context, `${server.url}/console?lang=${language}`);
  await logIn(agent.page, 'agent');
  await agent.page.locator('#connection-state[data-state=open]').waitFor();
  return agent;
}

describe('the commerce panel in the agent console', () => {
  for (const [language, userId, name, expected] of [
    ['zh', 'u2001', '小美', { heading: '商城信息', soldOut: '售罄', left: '余 3 件' }],
    ['en', 'u2002', 'Mia', { heading: 'Shop', soldOut: 'sold out', left: '3 left' }],
  ] as const) {
    it(`shows the held viewer's orders, shipment and stock (${language})`, { timeout: 90_000 }, async () => {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      try {
        const agent = await consoleIn(context, language);
        await viewerAsksForPerson(userId, name);
        const offered = agent.page.locator('#my-conversations .conversation-item', { hasText: name });
        await offered.waitFor();
        await offered.click();
        await agent.page.locator('#accept').click();
        const panel = agent.page.locator('#commerce');
        const { orders, shipments } = demoOrdersOf(userId, new Date());
        // The orders, the shipment and the stock may be drawn one after another: each is waited for.
        await expect.poll(() => panel.innerText(), WAIT).toContain(orders[0]!.id);
        for (const order of orders) await expect.poll(() => panel.innerText(), WAIT).toContain(order.id);
        await expect
          .poll(() => panel.innerText(), WAIT)
          .toContain(language === 'zh' ? shipments[0]!.carrier : shipments[0]!.carrierEn);
        await expect
          .poll(() => panel.innerText(), WAIT)
          .toContain(
            language === 'zh' ? shipments[0]!.events[0]!.description : shipments[0]!.events[0]!.descriptionEn,
          );
        await expect.poll(() => panel.innerText(), WAIT).toContain(expected.left);
        await expect.poll(() => panel.innerText(), WAIT).toContain(expected.soldOut);
        // Headings are set in capitals by the console's style.
        expect((await panel.innerText()).toLowerCase()).toContain(expected.heading.toLowerCase());
        await panel.scrollIntoViewIfNeeded();
        await screenshot(agent.page, `console-commerce-${language}`);
        expect(agent.problems).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});

describe('the commerce tools tab in the admin', () => {
  for (const [language, label] of [
    ['zh', '配置文件'],
    ['en', 'tools file'],
  ] as const) {
    it(`lists the demo tools and tries one (${language})`, { timeout: 60_000 }, async () => {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      try {
        const admin = await openPage(context, `${server.url}/admin?lang=${language}&tab=tools`);
        await logIn(admin.page, 'admin');
        const order = admin.page.locator('#tools-list li[data-tool="order"]');
        await order.waitFor();
        expect(await order.innerText()).toContain(label);
        await admin.page.locator('#tool-try-name').selectOption('shipment');
        await admin.page.locator('#tool-try-user').fill('u3001');
        await admin.page.locator('#tool-try button[type=submit]').click();
        const { shipments } = demoOrdersOf('u3001', new Date());
        await expect
          .poll(() => admin.page.locator('#tool-try-output').innerText(), WAIT)
          .toContain(shipments[0]!.carrier);
        await screenshot(admin.page, `admin-tools-${language}`);
        expect(admin.problems).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});
