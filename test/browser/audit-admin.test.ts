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

describe.runIf(chromiumAvailable())('the audit log tab of the admin page in Chromium', () => {
  let server: WebTestServer;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    server = await startWebTestServer();
    browser = await newBrowser();
    // A failed sign-in, so the log holds something no page action made.
    await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'agent', password: 'not-the-password' }),
    });
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

  it('shows an admin who signed in and failed, in their language, and filters by area', async () => {
    const { page, problems } = await openPage(context, `${server.url}/admin?lang=en`);
    await logIn(page, 'admin');
    await page.locator('.tab[data-tab=audit]').click();
    const failed = page.locator('#audit-rows tr', { hasText: 'failed' });
    await failed.first().waitFor();
    expect(await failed.first().textContent()).toContain('auth.login');
    expect(await failed.first().textContent()).toContain('agent');
    await screenshot(page, 'admin-audit-en');
    await page.locator('#audit-action').fill('knowledge');
    await page.locator('#audit-form button[type=submit]').click();
    await page.locator('#audit-rows td.muted', { hasText: 'Nothing recorded' }).waitFor();
    expect(problems).toEqual([]);
  });

  it('reads in Chinese for a Chinese admin', async () => {
    const { page, problems } = await openPage(context, `${server.url}/admin?lang=zh`);
    await logIn(page, 'admin');
    await page.locator('.tab[data-tab=audit]', { hasText: '审计日志' }).click();
    const failed = page.locator('#audit-rows tr', { hasText: '失败' });
    await failed.first().waitFor();
    expect(await failed.first().textContent()).toContain('auth.login');
    await screenshot(page, 'admin-audit-zh');
    expect(problems).toEqual([]);
  });

  it('is not offered to an editor', async () => {
    const { page } = await openPage(context, `${server.url}/admin?lang=zh&tab=audit`);
    await logIn(page, 'editor');
    await page.locator('#tab-entries').waitFor();
    expect(await page.locator('.tab[data-tab=audit]').isHidden()).toBe(true);
    expect(await page.locator('#tab-audit').isHidden()).toBe(true);
  });
});
