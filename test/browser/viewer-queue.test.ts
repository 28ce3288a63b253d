import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../support/chromium.js';
import { AgentTestClient } from '../server/agent-test-client.js';
import {
  newBrowser,
  openPage,
  screenshot,
  startWebTestServer,
  type WebTestServer,
} from './web-test-server.js';

/** Generous: CI runs the suite on a loaded 2-core machine, where the server's updates come late. */
const WAIT = { timeout: 30_000 };

async function ask(page: Page, text: string): Promise<void> {
  await page.locator('#composer[data-joined=true]').waitFor();
  await page.locator('#message-input').fill(text);
  await page.locator('#send-button').click();
}

/** The viewer's side of a handoff: one line, one banner, the same facts in both, in their language. */
describe.runIf(chromiumAvailable())('the viewer in the queue, in Chromium', () => {
  let server: WebTestServer;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    server = await startWebTestServer({
      LIVEDESK_OFFER_TIMEOUT_MS: '60000',
      LIVEDESK_AGENT_OFFLINE_GRACE_MS: '0',
    });
    browser = await newBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  });
  afterEach(async () => {
    await context.close();
  });

  for (const { language, request, nobody, connecting } of [
    { language: 'zh', request: '转人工', nobody: '暂无可接待的客服在线', connecting: '正在为你接通客服' },
    {
      language: 'en',
      request: 'I want to talk to a human',
      nobody: 'No agent who can help is online',
      connecting: 'An agent is being connected now',
    },
  ] as const) {
    it(`gives a handoff one line and a banner that agree, and tells the truth about who is online (${language})`, async () => {
      const { page, problems } = await openPage(
        context,
        `${server.url}/viewer?room=queue-${language}&lang=${language}`,
      );
      await ask(page, request);
      const banner = page.locator('#queue-banner');
      await expect.poll(() => banner.isVisible(), WAIT).toBe(true);
      await expect.poll(() => banner.innerText(), WAIT).toContain(nobody);
      const welcome = page.locator('#messages .system.welcome');
      await expect.poll(() => welcome.count(), WAIT).toBe(1);
      await expect.poll(() => welcome.innerText(), WAIT).toContain(nobody);
      // No FAQ answer beside the handoff, and no second or third system line.
      expect(await page.locator('#messages .message.assistant').count()).toBe(0);
      expect(await page.locator('#messages .system').count()).toBe(1);
      await screenshot(page, `viewer-queue-nobody-${language}`);

      // An agent comes online: the banner says an agent is being connected.
      const agent = await AgentTestClient.connect(`${server.url.replace('http', 'ws')}/ws/agent`);
      const login = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'agent', password: 'livedesk-demo' }),
      });
      await agent.authenticate(((await login.json()) as { token: string }).token);
      await expect.poll(() => banner.innerText(), WAIT).toContain(connecting);
      expect(await page.locator('#messages .system').count()).toBe(1);
      await screenshot(page, `viewer-queue-connecting-${language}`);
      await agent.close();
      expect(problems).toEqual([]);
    });
  }

  it('offers the choices of a question back once, as buttons', async () => {
    const { page, problems } = await openPage(context, `${server.url}/viewer?room=queue-clarify&lang=zh`);
    await ask(page, '怎么退');
    const answer = page.locator('.message.assistant').last();
    await expect.poll(() => answer.locator('.options button').count(), WAIT).toBeGreaterThan(1);
    const buttons = await answer.locator('.options button').allInnerTexts();
    const body = await answer.locator('.body').innerText();
    for (const choice of buttons) expect(body).not.toContain(choice);
    expect(problems).toEqual([]);
  });
});
