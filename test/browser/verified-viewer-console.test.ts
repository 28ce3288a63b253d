import { SignJWT } from 'jose';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../support/chromium.js';
import { ViewerTestClient } from '../server/viewer-test-client.js';
import {
  DEMO_PASSWORD,
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
 * What an agent sees of a platform-verified viewer (issue 15): the profile panel says the platform vouches for
 * them, with VIP level and facts, and an event the platform posts shows in the transcript as an internal note.
 */
describe.runIf(chromiumAvailable())('a verified viewer in the agent console in Chromium', () => {
  let server: WebTestServer;
  let browser: Browser;
  let context: BrowserContext;
  const viewers: ViewerTestClient[] = [];

  const api = async (path: string, token: string, json?: unknown): Promise<Response> =>
    fetch(`${server.url}${path}`, {
      method: json === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(json === undefined ? {} : { body: JSON.stringify(json) }),
    });

  beforeAll(async () => {
    server = await startWebTestServer({ LIVEDESK_AGENT_OFFLINE_GRACE_MS: '0' });
    browser = await newBrowser();
    context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  });
  afterAll(async () => {
    for (const viewer of viewers) await viewer.close();
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it(
    'shows "verified by platform", the VIP level and facts, and the platform\'s note',
    { timeout: 90_000 },
    async () => {
      const login = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }),
      });
      const adminToken = ((await login.json()) as { token: string }).token;
      const signing = (await (
        await api('/api/platform-keys/signing-keys', adminToken, { platformId: 'shop', kind: 'hs256' })
      ).json()) as { key: { id: string }; secret: string };
      const apiKey = (
        (await (await api('/api/platform-keys/api-keys', adminToken, { platformId: 'shop' })).json()) as {
          secret: string;
        }
      ).secret;
      const identity = await new SignJWT({
        name: 'Wang Verified',
        tier: 'vip',
        vip_level: 5,
        attributes: { total_spend: 8800 },
      })
        .setProtectedHeader({ alg: 'HS256', kid: signing.key.id })
        .setIssuer('shop')
        .setAudience('livedesk')
        .setSubject('buyer-7')
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(Buffer.from(signing.secret, 'base64url'));
      const session = (await (
        await fetch(`${server.url}/api/viewer/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ roomId: 'demo-room', identity, locale: 'en' }),
        })
      ).json()) as { token: string };

      const agent = await openPage(context, `${server.url}/console?lang=en`);
      await logIn(agent.page, 'agent');
      await agent.page.locator('#connection-state[data-state=open]').waitFor();

      const viewer = await ViewerTestClient.connect(`${server.url.replace('http', 'ws')}/ws/viewer`);
      viewers.push(viewer);
      const joined = await viewer.join({ token: session.token, locale: 'en' });
      viewer.send({ type: 'message', text: 'I want to talk to a human', clientMessageId: 'm-1' });

      const offered = agent.page.locator('#my-conversations .conversation-item', {
        hasText: 'Wang Verified',
      });
      await offered.waitFor();
      await offered.click();
      await agent.page.locator('#accept').click();
      await expect.poll(() => agent.page.locator('#reply-text').isEnabled(), WAIT).toBe(true);

      const profile = agent.page.locator('#profile-fields');
      await expect
        .poll(() => profile.innerText(), WAIT)
        .toContain('Verified by platform shop (user buyer-7)');
      expect(await profile.innerText()).toContain('total_spend: 8800');
      expect(await profile.innerText()).not.toContain('self-named');

      const posted = await api(`/api/platform/conversations/${joined.conversationId}/events`, apiKey, {
        type: 'refund.completed',
        text: 'Refund of 199 for order 8812 done',
      });
      expect(posted.status).toBe(200);
      await expect
        .poll(() => agent.page.locator('#transcript').innerText(), WAIT)
        .toContain('Platform shop (refund.completed, internal): Refund of 199 for order 8812 done');
      const contextUpdate = await api(
        `/api/platform/conversations/${joined.conversationId}/context`,
        apiKey,
        {
          productInView: 'SKU-XL-42 Hoodie',
          streamState: 'live',
        },
      );
      expect(contextUpdate.status).toBe(200);
      await expect.poll(() => profile.innerText(), WAIT).toContain('SKU-XL-42 Hoodie');
      await expect
        .poll(() => agent.page.locator('#transcript').innerText(), WAIT)
        .toContain('Platform context: product SKU-XL-42 Hoodie, stream live');
      await screenshot(agent.page, 'console-verified-viewer-en');
      expect(agent.problems).toEqual([]);
    },
  );
});
