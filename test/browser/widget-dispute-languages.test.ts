import type { Browser, BrowserContext, Locator } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../../engine/tickets/ticket.js';
import { chromiumAvailable } from '../support/chromium.js';
import {
  DEMO_PASSWORD,
  newBrowser,
  openPage,
  screenshot,
  startWebTestServer,
  type WebTestServer,
} from './web-test-server.js';

/** Generous: CI runs the suite on a loaded 2-core machine, where the server's updates come late. */
const WAIT = { timeout: 30_000 };

/** `YYYY-MM-DDTHH:mm` in local time, as a datetime-local input takes it. */
function localInputTime(msAgo: number): string {
  const at = new Date(Date.now() - msAgo);
  const two = (value: number) => String(value).padStart(2, '0');
  return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}T${two(at.getHours())}:${two(at.getMinutes())}`;
}

/** The box of an element; it must be on screen. */
async function box(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const found = await locator.boundingBox();
  if (!found) throw new Error('not on screen');
  return found;
}

/**
 * Issue 16: the widget's dispute form and its status lines in the viewer's language, on a phone-sized
 * host page. The form's own words (errors, buttons, status badges, the deadline) come with the widget's
 * on-demand language catalogue (/widget-languages.js), its title and labels from the server.
 */
describe.runIf(chromiumAvailable())(
  'the widget’s top-up dispute form in Japanese and Arabic, at 375 px',
  () => {
    let server: WebTestServer;
    let browser: Browser;
    let context: BrowserContext | undefined;
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
    afterEach(async () => {
      await context?.close();
    });

    const api = (route: string, init: { method?: string; json?: unknown } = {}) =>
      fetch(`${server.url}${route}`, {
        method: init.method ?? 'GET',
        headers: { authorization: `Bearer ${supervisor}`, 'content-type': 'application/json' },
        ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
      });

    it('keeps the further languages’ form words out of widget.js', async () => {
      const widget = await (await fetch(`${server.url}/widget.js`)).text();
      const languages = await (await fetch(`${server.url}/widget-languages.js`)).text();
      for (const word of ['受付済み', 'تم الاستلام', '0 より大きい金額']) {
        expect(widget).not.toContain(word);
        expect(languages).toContain(word);
      }
    });

    for (const words of [
      {
        language: 'ja',
        question: 'チャージしたのにコインが反映されない',
        title: 'チャージが反映されない',
        labels: ['チャージの注文番号', '発生日時', '金額（人民元）', '補足（任意）'],
        required: '入力してください',
        invalidAmount: '0 より大きい金額を入力してください（小数点以下 2 桁まで）',
        submit: '送信',
        sent: '送信済み',
        received: '受付済み',
        receivedLine: '「チャージが反映されない」を受け付けました',
        due: 'までに返信予定',
        pending: '対応中',
        pendingLine: 'は対応中です',
        direction: 'ltr',
      },
      {
        language: 'ar',
        question: 'شحنت رصيدًا لكن العملات لم تصل',
        title: 'شحن رصيد لم يصل',
        labels: ['رقم طلب الشحن', 'وقت الحدوث', 'المبلغ (يوان)', 'ملاحظات أخرى (اختياري)'],
        required: 'يرجى ملء هذا الحقل',
        invalidAmount: 'أدخل مبلغًا أكبر من 0، بخانتين عشريتين على الأكثر',
        submit: 'إرسال',
        sent: 'تم الإرسال',
        received: 'تم الاستلام',
        receivedLine: 'شحن رصيد لم يصل',
        due: 'الرد متوقع قبل',
        pending: 'قيد المعالجة',
        pendingLine: 'شحن رصيد لم يصل',
        direction: 'rtl',
      },
    ] as const) {
      it(`fills the form to a finance ticket and shows its status lines (${words.language})`, async () => {
        context = await browser.newContext({
          viewport: { width: 375, height: 740 },
          locale: words.language,
          isMobile: true,
          hasTouch: true,
        });
        const { page, problems } = await openPage(context, `${server.url}/embed-demo?lang=${words.language}`);
        const host = page.locator('livedesk-widget');
        await host.locator('.launcher').click();
        await host.locator('.send:not([disabled])').waitFor(WAIT);
        expect(await host.locator('.root').getAttribute('dir')).toBe(words.direction);
        await host.locator('.input').fill(words.question);
        await host.locator('.send').click();

        const form = host.locator('form.dispute-form');
        await form.waitFor(WAIT);
        expect(await form.getAttribute('data-kind')).toBe('top-up-missing');
        expect(await form.locator('.dispute-title').innerText()).toBe(words.title);
        expect(await form.locator('.dispute-field > span').allInnerTexts()).toEqual(words.labels);
        const submit = form.locator('button.dispute-submit');
        expect(await submit.innerText()).toBe(words.submit);
        expect(await form.evaluate((node) => getComputedStyle(node).direction)).toBe(words.direction);

        // Nothing filled in: each missing field says so in the viewer's language, nothing is sent.
        await submit.click();
        await expect.poll(() => form.locator('[aria-invalid]').count()).toBe(3);
        expect(await form.locator('.dispute-field-problem').first().innerText()).toBe(words.required);
        await form.locator('input[name=orderId]').fill('R-20261207-0077');
        await form.locator('input[name=occurredAt]').fill(localInputTime(40 * 60_000));
        await form.locator('input[name=amount]').fill('0');
        await submit.click();
        await expect.poll(() => form.locator('[aria-invalid]').count()).toBe(1);
        const amountProblem = form.locator('input[name=amount] ~ .dispute-field-problem');
        expect(await amountProblem.innerText()).toBe(words.invalidAmount);
        await form.locator('input[name=amount]').fill('68');
        await screenshot(page, `widget-dispute-form-${words.language}-375`);

        // The form fits the phone: nothing sticks out of the panel sideways.
        const panel = await box(host.locator('.panel'));
        const drawn = await box(form);
        expect(drawn.x).toBeGreaterThanOrEqual(panel.x - 1);
        expect(drawn.x + drawn.width).toBeLessThanOrEqual(panel.x + panel.width + 1);
        if (words.direction === 'rtl') {
          // Mirrored: the submit button sits at the form's right edge, where an Arabic reader starts.
          const button = await box(submit);
          expect(drawn.x + drawn.width - (button.x + button.width)).toBeLessThan(20);
          expect(button.x - drawn.x).toBeGreaterThan(drawn.width / 2);
        }

        await submit.click();
        const status = host.locator('.dispute-status[data-status=open]');
        await status.waitFor(WAIT);
        expect(await status.locator('.dispute-badge').first().innerText()).toBe(words.received);
        expect(await status.locator('.body').innerText()).toContain(words.receivedLine);
        expect(await status.locator('.dispute-due').innerText()).toContain(words.due);
        await expect.poll(() => submit.innerText()).toBe(words.sent);
        const ticketId = (await status.getAttribute('data-ticket-id'))!;
        expect(await status.locator('.body').innerText()).toContain(ticketId);
        await status.scrollIntoViewIfNeeded();
        await screenshot(page, `widget-dispute-received-${words.language}-375`);

        const { ticket } = (await (await api(`/api/tickets/${ticketId}`)).json()) as { ticket: Ticket };
        expect(ticket).toMatchObject({ department: 'finance', priority: 'high', orderId: 'R-20261207-0077' });
        expect(ticket.tags).toEqual(['dispute', 'top-up-missing']);
        expect(ticket.description).toContain('68 CNY');

        // Finance takes it up: a new status line in the viewer's language.
        const patched = await api(`/api/tickets/${ticketId}`, {
          method: 'PATCH',
          json: { expectedVersion: ticket.version, status: 'pending' },
        });
        expect(patched.status).toBe(200);
        const moved = host.locator('.dispute-status[data-status=pending]');
        await moved.waitFor(WAIT);
        expect(await moved.locator('.dispute-badge').first().innerText()).toBe(words.pending);
        expect(await moved.locator('.body').innerText()).toContain(words.pendingLine);
        await moved.scrollIntoViewIfNeeded();
        await screenshot(page, `widget-dispute-moved-${words.language}-375`);
        expect(problems).toEqual([]);
      });
    }
  },
);

// Tests compile without DOM types: the browser global the checks above use.
declare function getComputedStyle(node: unknown): { direction: string };
