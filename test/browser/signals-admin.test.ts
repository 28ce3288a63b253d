import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../support/chromium.js';
import {
  DEMO_PASSWORD,
  SCREENSHOT_FOLDER,
  logIn,
  newBrowser,
  openPage,
  screenshot,
  startWebTestServer,
  type WatchedPage,
  type WebTestServer,
} from './web-test-server.js';

/** Generous: CI runs the suite on a loaded 2-core machine, where the server's updates come late. */
const WAIT = { timeout: 30_000 };

/** What the server says, through the API, as the given demo account. */
async function apiAs<T>(server: WebTestServer, username: string, path: string): Promise<T> {
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  const { token } = (await login.json()) as { token: string };
  const response = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return (await response.json()) as T;
}

/** The whole tab, versions included, which runs past one screen. */
async function screenshotWhole(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOT_FOLDER, `${name}.png`), fullPage: true });
}

async function openSignalsTab(
  context: BrowserContext,
  url: string,
  language: 'en' | 'zh',
): Promise<WatchedPage> {
  const admin = await openPage(context, `${url}/admin?lang=${language}`);
  if (await admin.page.locator('#login-form').isVisible()) await logIn(admin.page, 'editor');
  await admin.page.locator('.tab[data-tab=signals]').click();
  await admin.page.locator('#signals-labels tbody tr').first().waitFor();
  return admin;
}

describe.runIf(chromiumAvailable())('the learning loop for escalation in Chromium', () => {
  let server: WebTestServer;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    // Twelve examples of each class: harassment has ten in the suite, so the tab shows one it cannot train.
    server = await startWebTestServer({
      LIVEDESK_AGENT_OFFLINE_GRACE_MS: '0',
      LIVEDESK_SIGNALS_MIN_EXAMPLES: '12',
    });
    browser = await newBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  });
  afterEach(async () => {
    await context.close();
  });

  it(
    'retrains in the admin, shows the new version beside the one in use, activates it and rolls back',
    { timeout: 120_000 },
    async () => {
      const { page, problems } = await openSignalsTab(context, server.url, 'en');
      await expect.poll(() => page.locator('#signals-active').innerText(), WAIT).toContain('No model');
      // The suite's anger lines are enough to train; harassment's are not, and say so.
      expect(await page.locator('#signals-labels tr[data-signal=anger] input').isChecked()).toBe(true);
      const harassment = page.locator('#signals-labels tr[data-signal="sensitive:harassment"]');
      expect(await harassment.locator('input').isChecked()).toBe(false);
      expect(await harassment.innerText()).toContain('too few');

      await page.locator('#signals-retrain').click();
      const compare = page.locator('#signals-compare');
      await compare.waitFor({ state: 'visible', timeout: 90_000 });
      await expect
        .poll(() => page.locator('#signals-training').innerText(), WAIT)
        .toContain('Stored as version 1, not active yet');
      await expect.poll(() => compare.innerText(), WAIT).toMatch(/in use: lists alone/i);
      await expect
        .poll(() => compare.locator('tr[data-signal=anger]').innerText(), WAIT)
        .toMatch(/Anger\s+–\s+\d+\.\d% \/ \d+\.\d%/);
      await screenshot(page, 'admin-signals-compare-en');

      await page.locator('#signals-compare-activate').click();
      await expect
        .poll(() => page.locator('#signals-active').innerText(), WAIT)
        .toContain('Version 1, trained here, by editor');
      await expect
        .poll(() => page.locator('#signals-active .signals-figures').innerText(), WAIT)
        .toContain('cross-validation');
      await expect
        .poll(() => page.locator('#signals-versions tr[data-version="1"]').innerText(), WAIT)
        .toContain('In use');
      expect(
        (await apiAs<{ activeVersion: number }>(server, 'editor', '/api/signals/models')).activeVersion,
      ).toBe(1);

      // A broken file is refused with what is wrong, and nothing changes.
      await page.locator('#signals-file').setInputFiles({
        name: 'broken.json',
        mimeType: 'application/json',
        buffer: Buffer.from('{"format":'),
      });
      await page.locator('#signals-upload-button').click();
      await expect
        .poll(() => page.locator('#signals-upload-result').innerText(), WAIT)
        .toContain('signal model file "broken.json" is not JSON');
      expect(await page.locator('#signals-versions tbody tr').count()).toBe(2);
      await screenshotWhole(page, 'admin-signals-en');
      expect(problems.filter((problem) => !problem.includes('400'))).toEqual([]);

      // In Chinese, then back to the lists alone.
      const zh = await openSignalsTab(context, server.url, 'zh');
      expect(await zh.page.locator('.tab[data-tab=signals]').innerText()).toBe('信号');
      await expect
        .poll(() => zh.page.locator('#signals-active').innerText(), WAIT)
        .toContain('第 1 版，在此训练');
      await expect
        .poll(() => zh.page.locator('#signals-active .signals-figures thead').innerText(), WAIT)
        .toMatch(/仅词表 F1/i);
      expect(await zh.page.locator('#signals-labels-title').innerText()).toBe('重新训练所用的标注');
      await screenshotWhole(zh.page, 'admin-signals-zh');
      await zh.page.locator('#signals-versions tr[data-version=none] button').click();
      await expect.poll(() => zh.page.locator('#signals-active').innerText(), WAIT).toContain('未使用模型');
      await expect
        .poll(() => zh.page.locator('#signals-activated').innerText(), WAIT)
        .toContain('已停用模型');
      expect(
        (await apiAs<{ activeVersion: number | null }>(server, 'editor', '/api/signals/models'))
          .activeVersion,
      ).toBeNull();
      expect(zh.problems).toEqual([]);
    },
  );

  it(
    'lets an agent mark an escalation "should not have been escalated" and take it back',
    { timeout: 90_000 },
    async () => {
      const viewer = await openPage(
        context,
        `${server.url}/viewer?room=demo-room&lang=zh&name=${encodeURIComponent('小满')}`,
      );
      await viewer.page.locator('#composer[data-joined=true]').waitFor();
      await viewer.page.locator('#message-input').fill('我要人工');
      await viewer.page.locator('#send-button').click();

      const agent = await openPage(context, `${server.url}/console?lang=zh`);
      await logIn(agent.page, 'agent');
      await agent.page.locator('#connection-state[data-state=open]').waitFor();
      const offered = agent.page.locator('#my-conversations .conversation-item', { hasText: '小满' });
      await offered.waitFor();
      await offered.click();
      // Offered, not yet taken: nothing to judge.
      await expect.poll(() => agent.page.locator('#handoff-summary').innerText(), WAIT).toContain('我要人工');
      expect(await agent.page.locator('#escalation-mark').isVisible()).toBe(false);
      await agent.page.locator('#accept').click();

      const open = agent.page.locator('#escalation-mark-open');
      await open.waitFor();
      expect(await open.innerText()).toBe('不该转人工');
      await open.click();
      await agent.page.locator('#escalation-mark-note').fill('只是想看看有没有人');
      await screenshot(agent.page, 'console-escalation-mark-form-zh');
      await agent.page.locator('#escalation-mark-confirm').click();
      await expect
        .poll(() => agent.page.locator('#escalation-mark .mark-state').innerText(), WAIT)
        .toBe('你已标记：不该转人工（“只是想看看有没有人”）。');
      await screenshot(agent.page, 'console-escalation-mark-zh');
      type Counts = { desk: { labels: number; marked: number } };
      expect((await apiAs<Counts>(server, 'editor', '/api/signals/labels')).desk).toEqual({
        labels: 1,
        marked: 1,
      });

      await agent.page.locator('#escalation-mark-undo').click();
      await open.waitFor();
      expect((await apiAs<Counts>(server, 'editor', '/api/signals/labels')).desk).toEqual({
        labels: 1,
        marked: 0,
      });
      expect(agent.problems).toEqual([]);
    },
  );
});
