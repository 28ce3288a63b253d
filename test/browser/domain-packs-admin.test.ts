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

describe.runIf(chromiumAvailable())('domain packs in the knowledge admin', () => {
  let server: WebTestServer;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    server = await startWebTestServer({ LIVEDESK_DOMAIN_PACKS: 'general,show' });
    browser = await newBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  });
  afterEach(async () => {
    await context.close();
  });

  it('switches a group off as a recorded edit and undoes it, in English', { timeout: 90_000 }, async () => {
    const { page, problems } = await openPage(context, `${server.url}/admin?lang=en&tab=packs`);
    await logIn(page, 'editor');
    await page.locator('#pack-group-rows tr[data-group="top-up"]').waitFor();
    expect(await page.locator('.tab[data-tab="packs"]').innerText()).toBe('Domain packs');
    await expect
      .poll(() => page.locator('#pack-choices button').allInnerTexts(), WAIT)
      .toEqual([
        expect.stringContaining('General support loaded'),
        expect.stringContaining('Show streaming loaded'),
        expect.stringContaining('Live e-commerce not loaded'),
        expect.stringContaining('1-on-1 social not loaded'),
      ]);
    const row = page.locator('#pack-group-rows tr[data-group="top-up"]');
    expect(await row.innerText()).toContain('充值 ← cz, 储值');

    await row.locator('input[type=checkbox]').uncheck();
    await expect
      .poll(() => page.locator('#status-line').innerText(), { timeout: 30_000 })
      .toBe('Saved “top-up”; the knowledge base is re-indexed.');
    await expect.poll(() => row.innerText(), WAIT).toContain('edited');
    expect(await row.locator('input[type=checkbox]').isChecked()).toBe(false);
    // The history list is fetched after the save's status line, so it is polled like the row.
    const latest = page.locator('#pack-history li').first();
    await expect.poll(() => latest.innerText(), { timeout: 30_000 }).toMatch(/editor saved top-up/);
    await screenshot(page, 'admin-domain-packs-en');

    await latest.locator('button').click();
    await expect.poll(() => page.locator('#status-line').innerText(), { timeout: 30_000 }).toBe('Reverted.');
    await expect.poll(() => row.locator('input[type=checkbox]').isChecked(), WAIT).toBe(true);
    expect(problems).toEqual([]);
  });

  it('reads in Chinese and adds a group of its own', { timeout: 90_000 }, async () => {
    const { page, problems } = await openPage(context, `${server.url}/admin?lang=zh&tab=packs`);
    await logIn(page, 'editor');
    await page.locator('#pack-group-rows tr[data-group="top-up"]').waitFor();
    expect(await page.locator('.tab[data-tab="packs"]').innerText()).toBe('领域词包');
    await page.locator('#pack-choices button[data-pack="show"]').click();
    await page.locator('#pack-group-rows tr[data-group="streamer"]').waitFor();
    await page.locator('#pack-group-id').fill('star-diamonds');
    await page.locator('#pack-zh-canonical').fill('星钻');
    await page.locator('#pack-zh-variants').fill('xz币，星钻石');
    await page.locator('#pack-en-canonical').fill('star diamonds');
    await page.locator('#pack-group-form button[type=submit]').click();
    await expect
      .poll(() => page.locator('#status-line').innerText(), { timeout: 30_000 })
      .toBe('已保存“star-diamonds”，知识库已重新索引。');
    const added = page.locator('#pack-group-rows tr[data-group="star-diamonds"]');
    await expect.poll(() => added.innerText(), WAIT).toContain('星钻 ← xz币, 星钻石');
    await expect.poll(() => added.innerText(), WAIT).toContain('新增');
    await added.scrollIntoViewIfNeeded();
    await screenshot(page, 'admin-domain-packs-zh');
    expect(problems).toEqual([]);
  });
});
