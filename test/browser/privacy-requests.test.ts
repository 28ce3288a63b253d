import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../support/chromium.js';
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

const LANGUAGES = [
  {
    language: 'en',
    sent: 'Report sent',
    exported: 'Exported 1 conversations',
    erased: 'Anonymised 1 conversations',
  },
  { language: 'zh', sent: '举报已提交', exported: '已导出：1 个会话', erased: '已匿名化：1 个会话' },
] as const;

/**
 * Issue 16 part 3 in Chromium: a viewer reports the other party from the viewer page, and an admin exports
 * and erases that viewer's data from the Privacy tab; both languages.
 */
describe.runIf(chromiumAvailable())('viewer reports and data requests in Chromium', () => {
  let server: WebTestServer;
  let browser: Browser;
  let adminToken = '';

  beforeAll(async () => {
    server = await startWebTestServer();
    browser = await newBrowser();
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }),
    });
    adminToken = ((await login.json()) as { token: string }).token;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it.each(LANGUAGES)('reports, exports and erases ($language)', { timeout: 120_000 }, async (texts) => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 860 },
      acceptDownloads: true,
    });
    try {
      const room = `privacy-room-${texts.language}`;
      const viewer = await openPage(context, `${server.url}/viewer?lang=${texts.language}&room=${room}`);
      await viewer.page.locator('#composer[data-joined=true]').waitFor();
      await viewer.page
        .locator('#message-input')
        .fill('he keeps sending me messages, my number is 13812345678');
      await viewer.page.locator('#send-button').click();
      await viewer.page.locator('.message.assistant').first().waitFor();
      await viewer.page.locator('#report-open').click();
      await viewer.page.locator('#report-user').fill('u-stalker-7');
      await viewer.page.locator('#report-reason').selectOption('harassment');
      await viewer.page.locator('#report-note').fill('private messages all night');
      await viewer.page.locator('#report-submit').click();
      await expect.poll(() => viewer.page.locator('#report-status').innerText(), WAIT).toContain(texts.sent);
      await screenshot(viewer.page, `viewer-report-${texts.language}`);
      expect(viewer.problems).toEqual([]);
      // The viewer leaves: a conversation still joined is refused erasure (memory would write to it again).
      await viewer.page.close();

      const listed = (await (
        await fetch(`${server.url}/api/conversations?roomId=${room}`, {
          headers: { authorization: `Bearer ${adminToken}` },
        })
      ).json()) as { conversations: { viewer: { viewerId: string } }[] };
      const viewerId = listed.conversations[0]!.viewer.viewerId;

      const admin = await openPage(context, `${server.url}/admin?lang=${texts.language}`);
      await logIn(admin.page, 'admin');
      await admin.page.locator('.tab[data-tab=privacy]').click();
      await admin.page.locator('#privacy-viewer-id').fill(viewerId);
      const download = admin.page.waitForEvent('download');
      await admin.page.locator('#privacy-export').click();
      const file = await (await download).path();
      const exported = JSON.parse(await readFile(file, 'utf8')) as {
        viewerId: string;
        tickets: { ticket: { tags: string[] } }[];
      };
      expect(exported.viewerId).toBe(viewerId);
      expect(exported.tickets.map((record) => record.ticket.tags)).toEqual([
        expect.arrayContaining(['viewer-report']),
      ]);
      await expect
        .poll(() => admin.page.locator('#privacy-result').innerText(), WAIT)
        .toContain(texts.exported);

      admin.page.once('dialog', (dialog) => void dialog.accept(viewerId));
      await admin.page.locator('#privacy-erase').click();
      await expect
        .poll(() => admin.page.locator('#privacy-result').innerText(), WAIT)
        .toContain(texts.erased);
      await screenshot(admin.page, `admin-privacy-${texts.language}`);
      expect(admin.problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
