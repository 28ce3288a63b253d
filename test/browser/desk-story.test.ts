import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../support/chromium.js';
import {
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

const OFFER_TIMEOUT_MS = 3000;
const VIEWER = '小美';

async function openConsole(browser: Browser, url: string, username: string): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const agent = await openPage(context, `${url}/console?lang=zh`);
  await logIn(agent.page, username);
  await agent.page.locator('#connection-state[data-state=open]').waitFor();
  await expect.poll(() => agent.page.locator('#presence').inputValue(), WAIT).toBe('online');
  return agent;
}

function mine(page: Page) {
  return page.locator('#my-conversations .conversation-item', { hasText: VIEWER });
}

/** Waits for `check` and returns when it first held (ms since `since`). */
async function timeUntil(since: number, check: () => Promise<boolean>): Promise<number> {
  await expect.poll(check, { timeout: 15_000, interval: 50 }).toBe(true);
  return Date.now() - since;
}

async function say(viewer: WatchedPage, text: string): Promise<void> {
  await viewer.page.locator('#message-input').fill(text);
  await viewer.page.locator('#send-button').click();
  await expect.poll(() => viewer.page.locator('.message.viewer.pending').count(), WAIT).toBe(0);
}

async function switchLanguage(page: Page, containerId: string, language: '中文' | 'English'): Promise<void> {
  await page.locator(`#${containerId} button`, { hasText: language }).click();
  await page.waitForLoadState('load');
}

/**
 * The desk's whole story as its users live it, in Chinese: a viewer asks for a person; Ada lets the
 * offer lapse, Ben is offered it and declines, Ada accepts, answers with a knowledge entry and a quick
 * reply, and hands back; the AI answers the question the viewer sent meanwhile; the viewer asks for a
 * person again and the supervisor takes it, routes a ticket to finance, closes; the viewer rates; the
 * dashboard shows it. Then every page once more in English.
 */
describe.runIf(chromiumAvailable())('the desk story, in Chromium', () => {
  let server: WebTestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startWebTestServer({
      LIVEDESK_OFFER_TIMEOUT_MS: String(OFFER_TIMEOUT_MS),
      LIVEDESK_MAX_MISSED_OFFERS: '5',
      LIVEDESK_AGENT_OFFLINE_GRACE_MS: '0',
    });
    browser = await newBrowser();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.close();
  });

  it(
    'runs from "我要人工" to a rating, through a lapsed offer, a decline, a hand-back and a ticket',
    { timeout: 180_000 },
    async () => {
      const timings: Record<string, number> = {};
      const ada = await openConsole(browser, server.url, 'agent');
      contexts.push(ada.page.context());
      expect(await ada.page.locator('html').getAttribute('lang')).toBe('zh-CN');

      // The viewer asks for a person: one welcome line, the banner, no FAQ answer.
      const viewerContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      contexts.push(viewerContext);
      const viewer = await openPage(
        viewerContext,
        `${server.url}/viewer?room=story-room&lang=zh&name=${encodeURIComponent(VIEWER)}`,
      );
      await viewer.page.locator('#composer[data-joined=true]').waitFor();
      const asked = Date.now();
      await say(viewer, '我要人工');

      // Ada is offered it, with the offer's countdown.
      timings.handoffToOfferMs = await timeUntil(asked, () => mine(ada.page).isVisible());
      const firstOfferAt = Date.now();
      await expect.poll(() => mine(ada.page).innerText(), WAIT).toContain('新会话：请接入');
      await expect.poll(() => mine(ada.page).locator('.countdown-offer').innerText(), WAIT).toMatch(/\d/);
      await expect
        .poll(() => viewer.page.locator('#queue-banner').innerText(), WAIT)
        .toContain('正在为你接通客服');
      await expect.poll(() => viewer.page.locator('#messages .system.welcome').count(), WAIT).toBe(1);
      expect(await viewer.page.locator('#messages .message.assistant').count()).toBe(0);
      await screenshot(ada.page, 'story-1-ada-offered-zh');

      // Ben comes online; Ada lets the offer lapse: it moves to Ben, and Ada is told.
      const ben = await openConsole(browser, server.url, 'agent2');
      contexts.push(ben.page.context());
      timings.lapseToReofferMs = await timeUntil(firstOfferAt, () => mine(ben.page).isVisible());
      await expect.poll(() => ada.page.locator('#notice').isVisible(), WAIT).toBe(true);
      await expect.poll(() => ada.page.locator('#notice-text').innerText(), WAIT).toContain('未及时接入');
      await screenshot(ada.page, 'story-2-ada-lapsed-zh');

      // Ben declines: Ada is offered it again at once, and Ben's list says he declined (not "ended").
      await mine(ben.page).click();
      const declinedAt = Date.now();
      await ben.page.locator('#decline').click();
      timings.declineToReofferMs = await timeUntil(declinedAt, async () =>
        (await mine(ada.page).innerText()).includes('新会话：请接入'),
      );
      await expect.poll(() => mine(ben.page).innerText(), WAIT).toContain('已拒绝');
      await screenshot(ben.page, 'story-3-ben-declined-zh');

      // Ada accepts.
      await mine(ada.page).click();
      const offeredAgainAt = Date.now();
      await ada.page.locator('#accept').click();
      await expect.poll(() => ada.page.locator('#reply-text').isEnabled(), WAIT).toBe(true);
      timings.offerToAcceptMs = Date.now() - offeredAgainAt;
      timings.askToAcceptMs = Date.now() - asked;
      await expect
        .poll(() => viewer.page.locator('#conversation-state').innerText(), WAIT)
        .toBe('人工服务中');
      expect(await ada.page.locator('#conversation-why').innerText()).toBeDefined();

      // A knowledge search result (the matcher viewers get, with its confidence), then a quick reply.
      await ada.page.locator('#knowledge-query').fill('充值没到账');
      await ada.page.locator('#knowledge-search button').click();
      const best = ada.page.locator('#knowledge-results .knowledge-result').first();
      await best.waitFor();
      expect(await best.locator('.badge.confidence').innerText()).toMatch(/\d{1,3}%/);
      await best.locator('button').click();
      await ada.page.locator('#reply-send').click();
      await expect.poll(() => viewer.page.locator('.message.agent').count(), WAIT).toBe(1);
      const reply = ada.page.locator('#reply-text');
      await reply.pressSequentially('/hi');
      await reply.press('Tab');
      await expect.poll(() => reply.inputValue(), WAIT).toContain(VIEWER);
      await ada.page.locator('#reply-send').click();
      await expect.poll(() => viewer.page.locator('.message.agent').count(), WAIT).toBe(2);

      // The viewer asks something while Ada has it; Ada hands back without answering it.
      await say(viewer, '忘记密码了怎么办');
      await expect
        .poll(() => ada.page.locator('#transcript').innerText(), WAIT)
        .toContain('忘记密码了怎么办');
      await screenshot(ada.page, 'story-4-ada-answering-zh');
      await ada.page.locator('#hand-back').click();
      await expect.poll(() => viewer.page.locator('#conversation-state').innerText(), WAIT).toBe('智能助手');
      await expect
        .poll(() => viewer.page.locator('#messages .system.notice').last().innerText(), WAIT)
        .toContain('AI 助手');
      const pendingAnswer = viewer.page.locator('.message.assistant').last();
      await expect
        .poll(() => pendingAnswer.getAttribute('data-entry-ids'), WAIT)
        .toBe('account.password-reset');
      await expect.poll(() => ada.page.locator('#transcript').innerText(), WAIT).toContain('已交还 AI');
      await screenshot(viewer.page, 'story-5-viewer-handed-back-zh');

      // Ada and Ben step away; the viewer asks for a person again; the supervisor takes it.
      await ada.page.locator('#presence').selectOption('away');
      await ben.page.locator('#presence').selectOption('away');
      await say(viewer, '还是不行，转人工');
      const sam = await openConsole(browser, server.url, 'supervisor');
      contexts.push(sam.page.context());
      await mine(sam.page).waitFor();
      await mine(sam.page).click();
      await sam.page.locator('#accept').click();
      await expect.poll(() => sam.page.locator('#reply-text').isEnabled(), WAIT).toBe(true);
      // The handoff card: one confidence, reasons in words, a summary in the viewer's language.
      await expect.poll(() => sam.page.locator('#handoff-summary').innerText(), WAIT).toContain('首个问题');

      // A ticket from the conversation, routed to finance with a note.
      await sam.page.locator('#create-ticket').click();
      await expect.poll(() => sam.page.locator('#ticket-department').isVisible(), WAIT).toBe(true);
      await sam.page.locator('#ticket-department').selectOption('finance');
      await sam.page.locator('#ticket-note').fill('用户反复充值未到账，请财务核实');
      await sam.page.locator('#ticket-save').click();
      await expect.poll(() => sam.page.locator('#ticket-history').innerText(), WAIT).toContain('请财务核实');
      await expect.poll(() => sam.page.locator('#ticket').innerText(), WAIT).toMatch(/财务/);
      await screenshot(sam.page, 'story-6-supervisor-ticket-zh');

      // Closed; the viewer rates.
      await sam.page.locator('#close').click();
      const rating = viewer.page.locator('#rating-panel');
      await rating.waitFor({ state: 'visible' });
      await rating.locator('label', { hasText: '5' }).click();
      await rating.locator('textarea').fill('主管处理得很快');
      await rating.locator('button[type=submit]').click();
      await rating.waitFor({ state: 'hidden' });
      await screenshot(viewer.page, 'story-7-viewer-rated-zh');

      // The dashboard shows it: two handoffs, the rating, the agents by name.
      const dashboard = await openPage(sam.page.context(), `${server.url}/dashboard`);
      await logIn(dashboard.page, 'supervisor');
      await dashboard.page.locator('#agent-rows tr').first().waitFor();
      await expect
        .poll(() => dashboard.page.locator('#comments').innerText(), WAIT)
        .toContain('主管处理得很快');
      const agents = await dashboard.page.locator('#agent-rows').innerText();
      expect(agents).toContain('Ada Agent');
      expect(agents).toContain('Sam Supervisor');
      await screenshot(dashboard.page, 'story-8-dashboard-zh');

      // Every page once more, in English.
      await switchLanguage(dashboard.page, 'topbar-language', 'English');
      await dashboard.page.locator('#agent-rows tr').first().waitFor();
      await screenshot(dashboard.page, 'story-8-dashboard-en');
      await switchLanguage(sam.page, 'topbar-language', 'English');
      await sam.page.locator('#connection-state[data-state=open]').waitFor();
      await screenshot(sam.page, 'story-6-supervisor-en');
      await switchLanguage(viewer.page, 'language-switch', 'English');
      await viewer.page.locator('#composer[data-joined=true]').waitFor();
      await screenshot(viewer.page, 'story-7-viewer-en');

      for (const page of [ada, ben, sam, viewer, dashboard]) expect(page.problems).toEqual([]);
      mkdirSync(path.resolve('reports'), { recursive: true });
      writeFileSync(path.resolve('reports/desk-story-timings.json'), `${JSON.stringify(timings, null, 2)}\n`);
      // Behaviour, not speed (the figures are reported, not gated): the lapse does move the offer on,
      // and a decline re-offers without waiting for an offer to lapse.
      expect(timings.lapseToReofferMs).toBeLessThan(OFFER_TIMEOUT_MS + 10_000);
      expect(timings.declineToReofferMs).toBeLessThan(OFFER_TIMEOUT_MS);
    },
  );
});
