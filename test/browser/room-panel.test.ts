import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
 * Issue 16's danmaku watch in Chromium: a simulated platform pushes a live room's comments; the moderator's
 * room panel shows the stream and an abuse alert with its evidence; the moderator acknowledges it and suggests
 * a mute, which reaches the platform's webhook endpoint signed, as a suggestion.
 */
const PLATFORM = 'story-live';
const ROOM = 'show-88';
const WAIT = { timeout: 20_000 };
const CHATTER = [
  '主播晚上好',
  '666',
  '这首歌叫什么',
  '来了来了',
  'hello from Spain',
  '主播唱得真好听',
  '哈哈哈哈',
];

type Receiver = Awaited<ReturnType<typeof startWebhookReceiver>>;
const bodyOf = (request: ReceivedWebhook) =>
  JSON.parse(request.body) as { type: string; data: Record<string, unknown> };

describe.runIf(chromiumAvailable())('the moderator room panel in Chromium (issue 16)', () => {
  let server: WebTestServer;
  let hooks: Receiver;
  let browser: Browser;
  let stream: NodeJS.Timeout | undefined;
  const contexts: BrowserContext[] = [];

  async function api(path: string, init: { token?: string; json?: unknown } = {}) {
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
    hooks = await startWebhookReceiver();
    server = await startWebTestServer({
      LIVEDESK_WEBHOOK_ALLOW_PRIVATE: 'true',
      LIVEDESK_WEBHOOK_POLL_MS: '50',
      LIVEDESK_WEBHOOK_RETRY_BASE_MS: '50',
      LIVEDESK_HTTP_RATE_BURST: '10000',
    });
    browser = await newBrowser();
  }, 90_000);

  afterAll(async () => {
    clearInterval(stream);
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.close();
    await hooks?.close();
  });

  it(
    'shows the live stream and an alert; acknowledging and suggesting a mute reach the platform, signed',
    { timeout: 120_000 },
    async () => {
      const login = await api('/api/auth/login', { json: { username: 'admin', password: DEMO_PASSWORD } });
      const adminToken = ((await login.json()) as { token: string }).token;
      const created = await api('/api/platform-keys/api-keys', {
        token: adminToken,
        json: { platformId: PLATFORM },
      });
      const platformKey = ((await created.json()) as { secret: string }).secret;
      const subscription = await api('/api/webhooks', {
        token: adminToken,
        json: {
          url: hooks.url,
          events: ['room.alert.raised', 'room.action.suggested'],
          description: 'live platform',
        },
      });
      expect(subscription.status).toBe(201);
      const { secret: webhookSecret } = (await subscription.json()) as { secret: string };

      // The platform's danmaku feed: ordinary chatter, five comments a tick.
      let tick = 0;
      const push = (items: unknown[]) =>
        api(`/api/platform/rooms/${ROOM}/danmaku`, { token: platformKey, json: items }).then((response) =>
          expect(response.status).toBe(202),
        );
      stream = setInterval(() => {
        tick += 1;
        void push(
          Array.from({ length: 5 }, (_, index) => ({
            kind: 'comment',
            userId: `fan-${(tick * 5 + index) % 40}`,
            userName: `观众${(tick * 5 + index) % 40}`,
            text: CHATTER[(tick + index) % CHATTER.length],
          })),
        );
      }, 250);
      await push([{ kind: 'comment', userId: 'fan-1', userName: '观众1', text: '主播晚上好' }]);

      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      contexts.push(context);
      const panel = await openPage(context, `${server.url}/rooms?lang=en`);
      await logIn(panel.page, 'moderator');
      await panel.page.locator('#connection-state[data-state=open]').waitFor(WAIT);
      await panel.page.locator(`.room-button[data-room="${ROOM}"][aria-current="true"]`).waitFor(WAIT);
      await expect.poll(() => panel.page.locator('#stream li').count(), WAIT).toBeGreaterThan(5);

      // A troll insults the streamer in the middle of the chatter.
      await push([
        {
          kind: 'comment',
          userId: 'troll-7',
          userName: '路人甲',
          text: '主播是个废物，滚吧你',
          id: 'c-troll-1',
        },
      ]);
      const card = panel.page.locator('.alert-card[data-kind="abuse"]');
      await card.waitFor(WAIT);
      expect(await card.locator('.evidence').innerText()).toContain('主播是个废物');
      await panel.page.locator('#stream li.flagged', { hasText: '主播是个废物' }).waitFor(WAIT);
      const [raised] = await hooks.waitFor(
        1,
        (request) => bodyOf(request).type === 'room.alert.raised',
        20_000,
      );
      expect(bodyOf(raised!).data).toMatchObject({ platform: PLATFORM, roomId: ROOM, kind: 'abuse' });
      await screenshot(panel.page, 'room-panel-en');

      await card.locator('button.acknowledge').click();
      await card.locator('.acknowledged').waitFor(WAIT);
      await card.locator('button.suggest-mute').click();
      const result = card.locator('.action-result');
      await expect.poll(() => result.innerText(), WAIT).toContain('suggested to the platform');
      expect(await result.innerText()).not.toMatch(/\bmuted\b/i);
      const [suggestion] = await hooks.waitFor(
        1,
        (request) => bodyOf(request).type === 'room.action.suggested',
        20_000,
      );
      expect(
        verifyWebhookSignature({
          secret: webhookSecret,
          body: suggestion!.body,
          timestamp: String(suggestion!.headers['livedesk-timestamp']),
          signature: String(suggestion!.headers['livedesk-signature']),
        }),
      ).toEqual({ ok: true });
      const suggested = bodyOf(suggestion!).data;
      expect(suggested).toMatchObject({
        platform: PLATFORM,
        roomId: ROOM,
        userId: 'troll-7',
        action: 'mute',
        alertId: await card.getAttribute('data-alert-id'),
      });
      expect(typeof suggested.suggestedBy).toBe('string');
      await screenshot(panel.page, 'room-panel-en-suggested');

      // The Chinese panel, with an ad alert from a spam account.
      const zhContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      contexts.push(zhContext);
      const zh = await openPage(zhContext, `${server.url}/rooms?lang=zh`);
      await logIn(zh.page, 'moderator');
      await zh.page.locator('#connection-state[data-state=open]').waitFor(WAIT);
      await push([
        { kind: 'comment', userId: 'spam-3', userName: '福利姐姐', text: '➕V：fuli8888 看主页领福利' },
      ]);
      const adCard = zh.page.locator('.alert-card[data-kind="ad"]');
      await adCard.waitFor(WAIT);
      expect(await adCard.innerText()).toContain('广告引流');
      expect(await zh.page.locator('button.suggest-mute').first().innerText()).toBe('建议禁言');
      await screenshot(zh.page, 'room-panel-zh');

      // The supervisor's dashboard counts the room's alerts and the time to acknowledge.
      const board = await openPage(context, `${server.url}/dashboard?lang=en`);
      await logIn(board.page, 'supervisor');
      const roomAlerts = board.page.locator('#room-alerts-card');
      await expect.poll(() => roomAlerts.locator('#room-alert-rows').innerText(), WAIT).toContain(ROOM);
      await expect.poll(() => roomAlerts.locator('#room-alert-rows').innerText(), WAIT).toContain('Abuse');
      await expect
        .poll(() => roomAlerts.locator('#room-alerts-summary').innerText(), WAIT)
        .toMatch(/1 acknowledged; time to acknowledge median \S/);
      await roomAlerts.scrollIntoViewIfNeeded();
      await screenshot(board.page, 'room-alerts-dashboard-en');

      expect(panel.problems).toEqual([]);
      expect(zh.problems).toEqual([]);
      expect(board.problems).toEqual([]);
    },
  );
});
