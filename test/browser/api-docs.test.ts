import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from '../support/chromium.js';
import { startAuthTestServer, type AuthTestServer } from '../server/auth-test-server.js';

describe.runIf(chromiumAvailable())('API docs page in Chromium', () => {
  let server: AuthTestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startAuthTestServer({ env: { LIVEDESK_SEED_DEMO: 'false' } });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('renders every operation from /openapi.json with no request leaving the server', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    const requested: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('request', (request) => requested.push(request.url()));

    await page.goto(`${server.baseUrl}/docs`);
    await page.locator('.opblock').first().waitFor({ timeout: 15_000 });

    const paths = await page.locator('.opblock-summary-path').allInnerTexts();
    const normalized = paths.map((text) => text.replace(/\u200b/g, '').trim());
    expect(normalized).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/knowledge/entries', '/api/users/{id}']),
    );
    const documented = Object.values(
      ((await (await server.request('/openapi.json')).json()) as { paths: Record<string, object> }).paths,
    ).reduce((count, item) => count + Object.keys(item).length, 0);
    expect(await page.locator('.opblock').count()).toBe(documented);
    await expect(page.locator('.info .title').innerText()).resolves.toContain('Livedesk API');
    // Protected operations show the lock that opens the bearer token dialog.
    expect(await page.locator('.authorization__btn').count()).toBeGreaterThan(0);

    const screenshots = path.join('reports', 'screenshots');
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: path.join(screenshots, 'api-docs.png'), fullPage: false });

    expect(requested.filter((url) => !url.startsWith(server.baseUrl) && !url.startsWith('data:'))).toEqual(
      [],
    );
    expect(problems).toEqual([]);
    await page.close();
  });
});
