import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Ticket } from '../../engine/tickets/ticket.js';
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

/** `YYYY-MM-DDTHH:mm` in local time, as a datetime-local input takes it. */
function localInputTime(msAgo: number): string {
  const at = new Date(Date.now() - msAgo);
  const two = (value: number) => String(value).padStart(2, '0');
  return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}T${two(at.getHours())}:${two(at.getMinutes())}`;
}

async function ask(page: Page, text: string): Promise<void> {
  await page.locator('#composer[data-joined=true]').waitFor();
  await page.locator('#message-input').fill(text);
  await page.locator('#send-button').click();
}

/** A viewer reports a wrong gift in the viewer page; finance gets the ticket; the viewer hears it move. */
describe.runIf(chromiumAvailable())('the gift refund form, in Chromium', () => {
  let server: WebTestServer;
  let browser: Browser;
  let context: BrowserContext;
  let supervisor: string;

  beforeAll(async () => {
    server = await startWebTestServer();
    browser = await newBrowser();
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'supervisor', password: DEMO_PASSWORD }),
    });
    supervisor = ((await login.json()) as { token: string }).token;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  });
  afterEach(async () => {
    await context.close();
  });

  const api = (route: string, init: { method?: string; json?: unknown } = {}) =>
    fetch(`${server.url}${route}`, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${supervisor}`, 'content-type': 'application/json' },
      ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
    });

  for (const { language, request, gift, labels, received, moved } of [
    {
      language: 'zh',
      request: '送错礼物要退',
      gift: '嘉年华',
      labels: ['哪个礼物（名称或订单号）', '发生时间', '金额（元）', '补充说明（选填）'],
      received: '财务团队会在 24 小时内处理',
      moved: '正在处理中',
    },
    {
      language: 'en',
      request: 'I sent the wrong gift, refund please',
      gift: 'Carnival',
      labels: [
        'Which gift (name or order number)',
        'When it happened',
        'Amount (CNY)',
        'Anything else (optional)',
      ],
      received: 'Our finance team will handle it within 24 hours',
      moved: 'is being handled',
    },
  ] as const) {
    it(`takes the form, files a finance ticket with the facts and its SLA, and shows its moves (${language})`, async () => {
      const { page, problems } = await openPage(
        context,
        `${server.url}/viewer?room=gifts-${language}&lang=${language}`,
      );
      await ask(page, request);
      const form = page.locator('#messages form.dispute-form');
      await form.waitFor();
      expect(await form.getAttribute('data-kind')).toBe('gift-refund');
      expect(await form.locator('.dispute-field > span').allInnerTexts()).toEqual(labels);

      // Nothing filled in: the form says what is missing and sends nothing.
      await form.locator('button.dispute-submit').click();
      await expect.poll(() => form.locator('[aria-invalid]').count()).toBe(3);
      await form.locator('input[name=gift]').fill(gift);
      await form.locator('input[name=occurredAt]').fill(localInputTime(2 * 3_600_000));
      await form.locator('input[name=amount]').fill('0');
      await form.locator('button.dispute-submit').click();
      await expect.poll(() => form.locator('[aria-invalid]').count()).toBe(1);
      await form.locator('input[name=amount]').fill('66.6');
      await form
        .locator('textarea[name=note]')
        .fill(language === 'zh' ? '手滑点错了主播' : 'Tapped the wrong streamer');
      await form.locator('button.dispute-submit').click();

      const status = page.locator('#messages .dispute-status[data-status=open]');
      await status.waitFor();
      expect(await status.innerText()).toContain(received);
      await expect.poll(() => form.locator('button.dispute-submit').isDisabled()).toBe(true);
      const ticketId = (await status.getAttribute('data-ticket-id'))!;
      await screenshot(page, `dispute-form-submitted-${language}`);

      const view = (await (await api(`/api/tickets/${ticketId}`)).json()) as { ticket: Ticket };
      const ticket = view.ticket;
      expect(ticket).toMatchObject({ department: 'finance', status: 'open', priority: 'normal' });
      expect(ticket.tags).toEqual(['dispute', 'gift-refund']);
      expect(ticket.description).toContain(gift);
      expect(ticket.description).toContain('66.6 CNY');
      expect(Date.parse(ticket.dueAt!) - Date.parse(ticket.createdAt)).toBe(24 * 3_600_000);

      // Finance takes it up: the viewer's page says so, in their language.
      const patched = await api(`/api/tickets/${ticketId}`, {
        method: 'PATCH',
        json: { expectedVersion: ticket.version, status: 'pending' },
      });
      expect(patched.status).toBe(200);
      const update = page.locator('#messages .dispute-status[data-status=pending]');
      await update.waitFor();
      expect(await update.innerText()).toContain(moved);
      await screenshot(page, `dispute-ticket-moved-${language}`);

      // A reload replays the conversation: the form stays sent, both lines are there.
      await page.reload();
      await page.locator('#messages .dispute-status[data-status=pending]').waitFor();
      expect(await page.locator('#messages form.dispute-form button.dispute-submit').isDisabled()).toBe(true);
      expect(problems).toEqual([]);
    });
  }

  it('takes a missing top-up in the embedded widget (zh) and shows the status line', async () => {
    const { page, problems } = await openPage(context, `${server.url}/embed-demo?lang=zh`);
    const host = page.locator('livedesk-widget');
    await host.locator('.launcher').click();
    await host.locator('.send:not([disabled])').waitFor();
    await host.locator('.input').fill('充值没到账');
    await host.locator('.send').click();
    const form = host.locator('form.dispute-form');
    await form.waitFor();
    expect(await form.getAttribute('data-kind')).toBe('top-up-missing');
    expect(await form.locator('.dispute-title').innerText()).toBe('充值未到账');
    await form.locator('input[name=orderId]').fill('R-20261207-0042');
    await form.locator('input[name=occurredAt]').fill(localInputTime(30 * 60_000));
    await form.locator('input[name=amount]').fill('68');
    await form.locator('button.dispute-submit').click();
    const status = host.locator('.dispute-status[data-status=open]');
    await status.waitFor();
    expect(await status.innerText()).toContain('已收到您的充值未到账申请');
    const ticketId = (await status.getAttribute('data-ticket-id'))!;
    const { ticket } = (await (await api(`/api/tickets/${ticketId}`)).json()) as { ticket: Ticket };
    // The top-up policy's priority (high) sets the finance SLA: four hours.
    expect(ticket).toMatchObject({ department: 'finance', priority: 'high', orderId: 'R-20261207-0042' });
    expect(Date.parse(ticket.dueAt!) - Date.parse(ticket.createdAt)).toBe(4 * 3_600_000);
    await screenshot(page, 'dispute-widget-zh');
    expect(problems).toEqual([]);
  });
});

/** Over the operator's limit: a person decides, and the agent who takes it reads the facts in the console. */
describe.runIf(chromiumAvailable())('a dispute a person must decide, in the console', () => {
  let server: WebTestServer;
  let browser: Browser;
  let context: BrowserContext;
  let folder: string;

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'livedesk-dispute-policy-'));
    const policyFile = path.join(folder, 'dispute-policy.json');
    // The demo agents are in `support`; a gift refund above ¥300 needs a person.
    await writeFile(
      policyFile,
      JSON.stringify({ team: 'support', kinds: { 'gift-refund': { maxAmount: 300 } } }),
    );
    server = await startWebTestServer({ LIVEDESK_DISPUTE_POLICY_FILE: policyFile });
    browser = await newBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await rm(folder, { recursive: true, force: true });
  });
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  });
  afterEach(async () => {
    await context.close();
  });

  it('escalates with the reason and shows the agent the facts (zh)', async () => {
    const viewer = await openPage(
      context,
      `${server.url}/viewer?room=gifts-big&lang=zh&name=${encodeURIComponent('小王')}`,
    );
    await ask(viewer.page, '送错礼物要退');
    const form = viewer.page.locator('#messages form.dispute-form');
    await form.waitFor();
    await form.locator('input[name=gift]').fill('超级火箭');
    await form.locator('input[name=occurredAt]').fill(localInputTime(60 * 60_000));
    await form.locator('input[name=amount]').fill('800');
    await form.locator('button.dispute-submit').click();
    const status = viewer.page.locator('#messages .dispute-status[data-status=open]');
    await status.waitFor();
    expect(await status.innerText()).toContain('专人审核');
    await expect
      .poll(() => viewer.page.locator('#conversation-state').getAttribute('data-state'))
      .toBe('pending_human');
    await screenshot(viewer.page, 'dispute-person-viewer-zh');

    const agent = await openPage(context, `${server.url}/console?lang=zh`);
    await logIn(agent.page, 'agent');
    await agent.page.locator('#connection-state[data-state=open]').waitFor();
    const offered = agent.page.locator('#my-conversations .conversation-item', { hasText: '小王' });
    await offered.waitFor();
    await offered.click();
    await agent.page.locator('#accept').click();
    const transcript = agent.page.locator('#transcript');
    await expect.poll(() => transcript.innerText()).toContain('财务工单');
    const text = await transcript.innerText();
    expect(text).toContain('超级火箭');
    expect(text).toContain('800 CNY');
    expect(text).toContain('over the limit of 300 CNY');
    await screenshot(agent.page, 'dispute-person-console-zh');
    expect([...viewer.problems, ...agent.problems]).toEqual([]);
  });
});
