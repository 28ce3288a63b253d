import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../support/chromium.js';
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

describe.runIf(chromiumAvailable())('the platform keys tab of the admin page in Chromium', () => {
  let server: WebTestServer;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    server = await startWebTestServer();
    browser = await newBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext();
  });
  afterEach(async () => {
    await context.close();
  });

  it('creates an HS256 key, shows its secret once, and revokes it (English)', async () => {
    const { page, problems } = await openPage(context, `${server.url}/admin?lang=en`);
    // The revoke button asks first.
    page.on('dialog', (dialog) => void dialog.accept());
    await logIn(page, 'admin');
    await page.locator('.tab[data-tab=platform]', { hasText: 'Platform keys' }).click();
    await page.locator('#signing-key-rows td.muted', { hasText: 'No signing keys yet' }).waitFor();
    await page.locator('#signing-platform').fill('acme');
    await page.locator('#signing-key-add').click();
    const secret = page.locator('#platform-secret');
    await secret.waitFor();
    const shown = (await secret.textContent()) ?? '';
    expect(shown).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = page.locator('#signing-key-rows tr[data-signing-key]');
    await row.waitFor();
    expect(await row.textContent()).toContain('acme');
    expect(await row.textContent()).toContain('active');
    // The API key form, and its secret replacing the first one.
    await page.locator('#api-key-platform').fill('acme');
    await page.locator('#api-key-label').fill('order service');
    await page.locator('#api-key-add').click();
    await page.locator('#platform-secret', { hasText: 'ldp_' }).waitFor();
    await page.locator('#api-key-rows tr[data-api-key]', { hasText: 'order service' }).waitFor();
    await screenshot(page, 'admin-platform-keys-en');
    // A reload lists the keys but no secret.
    await page.reload();
    await page.locator('.tab[data-tab=platform]').click();
    await row.waitFor();
    expect(await page.locator('#tab-platform').textContent()).not.toContain(shown);
    await row.locator('button', { hasText: 'Revoke' }).click();
    await page.locator('#signing-key-rows tr[data-signing-key]', { hasText: 'revoked' }).waitFor();
    expect(problems).toEqual([]);
  });

  it('reads in Chinese, shows a JWKS key, and names the limit of two active keys', async () => {
    const { page, problems } = await openPage(context, `${server.url}/admin?lang=zh`);
    await logIn(page, 'admin');
    await page.locator('.tab[data-tab=platform]', { hasText: '平台密钥' }).click();
    await page.locator('#tab-platform', { hasText: '身份签名密钥' }).waitFor();
    await page.locator('#signing-platform').fill('stream');
    await page.locator('#signing-kind').selectOption('jwks');
    await page.locator('#signing-jwks-url').fill('https://keys.example.com/.well-known/jwks.json');
    for (let count = 0; count < 2; count += 1) {
      await page.locator('#signing-key-add').click();
      await page
        .locator('#signing-key-rows tr[data-signing-key]', { hasText: 'stream' })
        .nth(count)
        .waitFor();
    }
    expect(await page.locator('#platform-secret').count()).toBe(0);
    await page.locator('#signing-key-add').click();
    await page.locator('#status-line', { hasText: '平台密钥' }).waitFor();
    await expect
      .poll(() => page.locator('#status-line').textContent(), WAIT)
      .toContain('该平台已有两个启用中的签名密钥');
    expect(await page.locator('#signing-key-rows').textContent()).toContain('JWKS 地址');
    await screenshot(page, 'admin-platform-keys-zh');
    expect(problems.filter((problem) => !problem.includes('409'))).toEqual([]);
  });

  it('is not offered to an editor', async () => {
    const { page } = await openPage(context, `${server.url}/admin?lang=en&tab=platform`);
    await logIn(page, 'editor');
    await page.locator('#tab-entries').waitFor();
    expect(await page.locator('.tab[data-tab=platform]').isHidden()).toBe(true);
    expect(await page.locator('#tab-platform').isHidden()).toBe(true);
  });
});
