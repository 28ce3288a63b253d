import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../support/chromium.js';
import { verifyWebhookSignature } from '../../server/webhooks/verify-webhook-signature.js';
import { startWebhookReceiver } from '../support/webhook-receiver.js';
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

describe.runIf(chromiumAvailable())('the webhooks tab of the admin page in Chromium', () => {
  let server: WebTestServer;
  let browser: Browser;
  let context: BrowserContext;
  let hooks: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let receiverUp = false;

  beforeAll(async () => {
    hooks = await startWebhookReceiver(() => (receiverUp ? { status: 200 } : { status: 500 }));
    server = await startWebTestServer({
      LIVEDESK_WEBHOOK_ALLOW_PRIVATE: 'true',
      LIVEDESK_WEBHOOK_POLL_MS: '50',
      LIVEDESK_WEBHOOK_RETRY_BASE_MS: '50',
      LIVEDESK_WEBHOOK_MAX_ATTEMPTS: '2',
    });
    browser = await newBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await hooks?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 1100 } });
  });
  afterEach(async () => {
    await context.close();
  });

  async function adminToken(): Promise<string> {
    const response = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }),
    });
    return ((await response.json()) as { token: string }).token;
  }

  it('adds a webhook, shows its secret once, lists a dead letter with its error and retries it', async () => {
    const { page, problems } = await openPage(context, `${server.url}/admin?lang=en`);
    await logIn(page, 'admin');
    await page.locator('.tab[data-tab=webhooks]', { hasText: 'Webhooks' }).click();
    await page.locator('#webhook-rows td.muted', { hasText: 'No webhooks yet' }).waitFor();
    await page.locator('#webhook-url').fill(hooks.url);
    await page.locator('#webhook-description').fill('Platform order service');
    await page.locator('input[data-event="ticket.created"]').check();
    await page.locator('input[data-event="conversation.escalated"]').check();
    await page.locator('#webhook-add').click();
    const secret = page.locator('#webhook-secret');
    await secret.waitFor();
    expect(await secret.textContent()).toMatch(/^whsec_[A-Za-z0-9_-]{40,}$/);
    const row = page.locator('#webhook-rows tr[data-webhook]');
    await row.waitFor();
    expect(await row.textContent()).toContain(hooks.url);
    expect(await row.textContent()).toContain('Ticket created');
    await screenshot(page, 'admin-webhooks-secret-en');

    // The receiver fails every attempt: the delivery becomes a dead letter with the last error.
    const token = await adminToken();
    const ticket = await fetch(`${server.url}/api/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ title: 'Parcel lost', description: 'never arrived' }),
    });
    expect(ticket.status).toBe(201);
    await hooks.waitFor(2);
    await expect
      .poll(async () => {
        const response = await fetch(`${server.url}/api/webhooks/dead-letters`, {
          headers: { authorization: `Bearer ${token}` },
        });
        return ((await response.json()) as { deadLetters: unknown[] }).deadLetters.length;
      }, WAIT)
      .toBe(1);
    await page.locator('#webhook-secret-box button').click();
    await page.locator('.tab[data-tab=entries]').click();
    await page.locator('.tab[data-tab=webhooks]').click();
    const dead = page.locator('#webhook-dead-rows tr[data-dead-letter]');
    await dead.waitFor();
    expect(await dead.textContent()).toContain('HTTP 500');
    expect(await dead.textContent()).toContain('Ticket created');
    await screenshot(page, 'admin-webhooks-dead-letter-en');

    receiverUp = true;
    await dead.locator('button', { hasText: 'Retry now' }).click();
    await page.locator('#webhook-dead-rows td.muted', { hasText: 'No dead letters' }).waitFor();
    await hooks.waitFor(3);
    expect(hooks.received.at(-1)!.body).toContain('ticket.created');
    expect(problems).toEqual([]);
  });

  it('rotates the secret: the new one shown once, the old one signing beside it for the grace period', async () => {
    const { page, problems } = await openPage(context, `${server.url}/admin?lang=en`);
    await logIn(page, 'admin');
    await page.locator('.tab[data-tab=webhooks]').click();
    const row = page.locator('#webhook-rows tr[data-webhook]').first();
    await row.waitFor();
    page.once('dialog', (dialog) => void dialog.accept());
    await row.locator('button', { hasText: 'Rotate secret' }).click();
    const secret = page.locator('#webhook-secret');
    await secret.waitFor();
    const rotated = (await secret.textContent()) ?? '';
    expect(rotated).toMatch(/^whsec_/);
    await row.locator('.webhook-grace', { hasText: 'Old secret also signs until' }).waitFor();
    await screenshot(page, 'admin-webhooks-rotated-en');

    // A delivery now carries two signatures, and the new secret verifies it.
    const before = hooks.received.length;
    const token = await adminToken();
    await fetch(`${server.url}/api/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ title: 'Wrong size', description: 'XL, not L' }),
    });
    const [delivered] = (await hooks.waitFor(before + 1)).slice(before);
    const signature = String(delivered!.headers['livedesk-signature']);
    expect(signature.split(',')).toHaveLength(2);
    expect(
      verifyWebhookSignature({
        secret: rotated,
        body: delivered!.body,
        timestamp: String(delivered!.headers['livedesk-timestamp']),
        signature,
      }).ok,
    ).toBe(true);
    expect(problems).toEqual([]);
  });

  it('reads in Chinese for a Chinese admin', async () => {
    const { page, problems } = await openPage(context, `${server.url}/admin?lang=zh`);
    await logIn(page, 'admin');
    await page.locator('.tab[data-tab=webhooks]', { hasText: 'Webhook' }).click();
    const row = page.locator('#webhook-rows tr[data-webhook]');
    await row.first().waitFor();
    expect(await row.first().textContent()).toContain('工单已创建');
    expect(await page.locator('#tab-webhooks').textContent()).toContain('死信');
    expect(await row.first().textContent()).toContain('旧密钥签名保留至');
    await screenshot(page, 'admin-webhooks-zh');
    expect(problems).toEqual([]);
  });

  it('is not offered to an editor', async () => {
    const { page } = await openPage(context, `${server.url}/admin?lang=en&tab=webhooks`);
    await logIn(page, 'editor');
    await page.locator('#tab-entries').waitFor();
    expect(await page.locator('.tab[data-tab=webhooks]').isHidden()).toBe(true);
    expect(await page.locator('#tab-webhooks').isHidden()).toBe(true);
  });
});
