import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentTestClient } from '../server/agent-test-client.js';
import { ViewerTestClient } from '../server/viewer-test-client.js';
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

const VIEWER_NAME = 'Mia Chen';
const AGENT_NAME = 'Ada Agent';

interface Kpi {
  label: string;
  value: string;
  detail: string;
  missing: boolean;
  title: string;
}

/** The key figures as shown: label, value, the line under it, and whether the value is "–". */
function kpis(page: Page): Promise<Kpi[]> {
  return page.locator('#kpis .kpi').evaluateAll((cards) => {
    // The test's own types know no DOM: the elements as far as this read needs them.
    type Shown = {
      textContent: string | null;
      title: string;
      classList: { contains(name: string): boolean };
    };
    type Card = { querySelector(selector: string): Shown | null };
    return (cards as unknown as Card[]).map((card) => {
      const value = card.querySelector('.value');
      return {
        label: card.querySelector('.label')?.textContent ?? '',
        value: value?.textContent ?? '',
        detail: card.querySelector('.detail')?.textContent ?? '',
        missing: value?.classList.contains('missing') ?? false,
        title: value?.title ?? '',
      };
    });
  });
}

/** Every element of the operator panel that shows a bare "–", with the reason it carries (its title). */
function dashes(page: Page): Promise<{ title: string; why: string }[]> {
  return page.locator('#operator-panel *').evaluateAll((elements) => {
    type Shown = {
      textContent: string | null;
      title: string;
      children: { length: number };
      parentElement: { querySelector(selector: string): { textContent: string | null } | null } | null;
    };
    return (elements as unknown as Shown[])
      .filter((element) => element.children.length === 0 && element.textContent?.trim() === '–')
      .map((element) => ({
        title: element.title,
        why: element.parentElement?.querySelector('.why')?.textContent ?? '',
      }));
  });
}

describe.runIf(chromiumAvailable())('the dashboard of a fresh install in Chromium', () => {
  let server: WebTestServer;
  let browser: Browser;
  let agentId: string;

  beforeAll(async () => {
    server = await startWebTestServer();
    browser = await newBrowser();
    // One conversation on a fresh install: a named viewer asks for a person, the agent answers and
    // closes, the viewer rates with a comment. Nothing has had a day to settle yet.
    const socketUrl = server.url.replace(/^http/, 'ws');
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'agent', password: DEMO_PASSWORD }),
    });
    const staff = (await login.json()) as { token: string; user: { id: string } };
    agentId = staff.user.id;
    const session = await fetch(`${server.url}/api/viewer/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ roomId: 'demo-room', displayName: VIEWER_NAME, locale: 'zh' }),
    });
    const { token } = (await session.json()) as { token: string };
    const agent = await AgentTestClient.connect(`${socketUrl}/ws/agent`);
    const viewer = await ViewerTestClient.connect(`${socketUrl}/ws/viewer`);
    try {
      await agent.authenticate(staff.token);
      const { conversationId } = await viewer.join({ token, displayName: VIEWER_NAME, locale: 'zh' });
      viewer.send({ type: 'message', text: '我要人工', clientMessageId: 'ask' });
      await agent.waitForType('assignment', { where: (frame) => frame.conversationId === conversationId });
      expect(await agent.command({ type: 'accept', conversationId })).toMatchObject({ type: 'ack' });
      expect(
        await agent.command({ type: 'reply', conversationId, text: '您好，我来帮您处理。' }),
      ).toMatchObject({ type: 'ack' });
      expect(await agent.command({ type: 'close', conversationId })).toMatchObject({ type: 'ack' });
      await viewer.waitForEvent('satisfaction-request');
      viewer.send({ type: 'rate', score: 5, comment: '客服很耐心', clientMessageId: 'rate' });
      await viewer.waitForType('ack', { where: (frame) => frame.clientMessageId === 'rate' });
    } finally {
      await viewer.close();
      await agent.close();
    }
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it(
    'says why each "–" has no figure yet, and shows names where it showed ids, in English and Chinese',
    { timeout: 60_000 },
    async () => {
      const context = await browser.newContext({ viewport: { width: 1440, height: 1900 } });
      const { page, problems } = await openPage(context, `${server.url}/dashboard`);
      await logIn(page, 'admin');
      await page.locator('#agent-rows tr').first().waitFor();
      await expect.poll(async () => (await kpis(page)).length, WAIT).toBe(9);

      const english = await kpis(page);
      // The conversation closed minutes ago: resolution waits for the 24-hour reopen window to pass.
      expect(english.find((kpi) => kpi.label === 'AI resolution')).toMatchObject({
        value: '–',
        missing: true,
        detail: expect.stringContaining('closed and 24 hours pass without a reopen') as unknown,
      });
      expect(english.find((kpi) => kpi.label === 'AI resolution')?.detail).toContain(
        'Waiting: 0 open, 1 closed less than 24 hours ago.',
      );
      expect(english.find((kpi) => kpi.label === 'First-contact resolution')).toMatchObject({
        value: '–',
        detail: expect.stringContaining('24 hours') as unknown,
      });
      expect(english.find((kpi) => kpi.label === 'Satisfaction')?.value).toBe('5.00 / 5');
      // The agent answered within the response targets: nothing missed, a figure rather than a dash.
      expect(english.find((kpi) => kpi.label === 'Response targets missed')).toMatchObject({
        value: '0',
        missing: false,
      });
      // Every dash on the page carries its reason: in words under a key figure, as a tooltip in a table.
      const shown = await dashes(page);
      expect(shown.length).toBeGreaterThanOrEqual(2);
      for (const dash of shown) expect(dash.title.length, JSON.stringify(dash)).toBeGreaterThan(20);
      for (const kpi of english.filter((figure) => figure.value === '–'))
        expect(kpi.detail, kpi.label).toBe(kpi.title);

      // Names, not ids: the agent table and the comment say who.
      const agentCell = page.locator('#agent-rows tr').first().locator('td').first();
      expect(await agentCell.innerText()).toBe(AGENT_NAME);
      expect(await agentCell.getAttribute('title')).toBe(agentId);
      const comment = page.locator('#comments li').first();
      await expect.poll(() => comment.innerText(), WAIT).toContain('客服很耐心');
      const meta = await comment.locator('.comment-meta').innerText();
      expect(meta).toContain(`from ${VIEWER_NAME}`);
      expect(meta).toContain(`agent ${AGENT_NAME}`);
      expect(meta).not.toContain(agentId);
      await screenshot(page, 'dashboard-fresh-install-en');

      // The same page in Chinese, still logged in after the switch reloads it.
      await page.locator('#topbar-language button[data-language=zh]').click();
      await expect.poll(async () => (await kpis(page)).map((kpi) => kpi.label), WAIT).toContain('AI 解决率');
      await page.locator('#agent-rows tr').first().waitFor();
      const chinese = await kpis(page);
      expect(chinese.find((kpi) => kpi.label === 'AI 解决率')).toMatchObject({
        value: '–',
        detail: expect.stringContaining('24小时') as unknown,
      });
      expect(chinese.find((kpi) => kpi.label === '一次解决率')?.value).toBe('–');
      expect(chinese.find((kpi) => kpi.label === '满意度')?.value).toBe('5.00 / 5');
      expect(await page.locator('#agent-rows tr').first().locator('td').first().innerText()).toBe(AGENT_NAME);
      await expect
        .poll(() => page.locator('#comments .comment-meta').first().innerText(), WAIT)
        .toContain(`观众 ${VIEWER_NAME}`);
      expect(await page.locator('.agent-table-head, #agent-rows').count()).toBeGreaterThan(0);
      expect(await page.locator('th[data-text="agent.firstResponse"]').innerText()).toBe(
        '首次响应时间中位数',
      );
      for (const dash of await dashes(page)) expect(dash.title).toMatch(/[\u4e00-\u9fff]/);
      await screenshot(page, 'dashboard-fresh-install-zh');

      await page.locator('#topbar-language button[data-language=en]').click();
      await expect
        .poll(async () => (await kpis(page)).map((kpi) => kpi.label), WAIT)
        .toContain('AI resolution');
      expect(problems).toEqual([]);
      await context.close();
    },
  );
});
