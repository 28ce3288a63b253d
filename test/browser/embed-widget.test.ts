import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connect, type ViewerSession } from '../../sdk/src/index.js';
import { chromiumAvailable } from '../support/chromium.js';
import { createTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { NodeWebSocket } from '../../sdk/test/sdk-test-helpers.js';
import {
  newBrowser,
  openPage,
  readLocalStorage,
  screenshot,
  startWebTestServer,
  type WebTestServer,
} from './web-test-server.js';

/** Generous: CI runs the suite on a loaded 2-core machine, where the server's updates come late. */
const WAIT = { timeout: 30_000 };

const TOP_UP_ANSWER_ZH = '打开 App，进入 我的 > 钱包 > 充值';
const TOP_UP_ANSWER_EN = 'Go to Me > Wallet > Top Up';
const PASSWORD_ANSWER_ZH = '忘记密码';

/** The page's globals these checks use (tests compile without DOM types, hence the narrow shapes). */
interface PageGlobals {
  document: {
    documentElement: { classList: { contains(name: string): boolean } };
    elementFromPoint(x: number, y: number): { tagName: string } | null;
  };
  getComputedStyle(node: unknown): {
    fontSize: string;
    color: string;
    display: string;
    backgroundColor: string;
  };
}

/** The widget's parts; Playwright's CSS locators reach into its (open) shadow root. */
function widget(page: Page) {
  const host = page.locator('livedesk-widget');
  return {
    host,
    launcher: host.locator('.launcher'),
    badge: host.locator('.badge'),
    panel: host.locator('.panel'),
    status: host.locator('.status'),
    input: host.locator('.input'),
    send: host.locator('.send'),
    close: host.locator('.close'),
    person: host.locator('.person'),
    queue: host.locator('.queue'),
    assistant: host.locator('.message.assistant'),
    viewer: host.locator('.message.viewer'),
  };
}

async function ask(page: Page, text: string): Promise<void> {
  const parts = widget(page);
  await parts.host.locator('.send:not([disabled])').waitFor();
  await parts.input.fill(text);
  await parts.send.click();
}

/** The visible text of the last message of a kind, once it contains `expected`. */
async function expectLast(messages: Locator, expected: string): Promise<void> {
  await expect.poll(() => messages.last().innerText(), { timeout: 15_000 }).toContain(expected);
}

describe.runIf(chromiumAvailable())('the embeddable widget on a host page, in Chromium', () => {
  let server: WebTestServer;
  let proxy: TcpProxy;
  /** The server through a relay the test can cut, dropping every socket at once. */
  let baseUrl: string;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    server = await startWebTestServer({ LIVEDESK_WIDGET_HUMAN_BUTTON: 'true' });
    proxy = await createTcpProxy({ host: '127.0.0.1', port: Number(new URL(server.url).port) });
    baseUrl = `http://127.0.0.1:${proxy.port}`;
    browser = await newBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await proxy?.close();
    await server?.close();
  });

  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  });

  afterEach(async () => {
    await context.close();
  });

  it('answers in Chinese, counts unread answers while closed, and replays what it missed after a drop', async () => {
    const { page, problems } = await openPage(context, `${baseUrl}/embed-demo?lang=zh`);
    const parts = widget(page);
    await parts.launcher.click();
    await expect.poll(() => parts.status.innerText(), WAIT).toBe('在线');
    expect(await parts.input.getAttribute('placeholder')).toBe('输入你的问题…');
    expect(await parts.launcher.getAttribute('aria-expanded')).toBe('true');

    await ask(page, '怎么充值');
    await expectLast(parts.assistant, TOP_UP_ANSWER_ZH);
    expect(await parts.viewer.last().innerText()).toBe('怎么充值');
    await expect.poll(() => parts.host.locator('.message.viewer.pending').count(), WAIT).toBe(0);
    await screenshot(page, 'widget-zh-desktop');

    // Closed: an answer that arrives (the same viewer asking from a second tab) shows as unread.
    await parts.close.click();
    expect(await parts.panel.isVisible()).toBe(false);
    expect(await parts.badge.isVisible()).toBe(false);
    const second = await context.newPage();
    await second.goto(`${baseUrl}/embed-demo?lang=zh`);
    await widget(second).launcher.click();
    await ask(second, '忘记密码了怎么办');
    await expectLast(widget(second).assistant, PASSWORD_ANSWER_ZH);
    await expect.poll(() => parts.badge.innerText(), WAIT).toBe('1');
    expect(await parts.launcher.getAttribute('aria-label')).toContain('1 条未读消息');
    await screenshot(page, 'widget-zh-unread');
    await second.close();

    // Reopened: the answer is there, the badge gone.
    await parts.launcher.click();
    await expectLast(parts.assistant, PASSWORD_ANSWER_ZH);
    expect(await parts.badge.isVisible()).toBe(false);

    // The server drops the socket; while away, the viewer's conversation goes on without this page.
    const raw = await readLocalStorage(page, `livedesk.widget.${baseUrl}.demo-room`);
    const kept = JSON.parse(raw ?? '{}') as { session: ViewerSession };
    const answersBefore = await parts.assistant.count();
    await proxy.stop();
    await expect.poll(() => parts.status.innerText(), WAIT).toBe('重新连接中…');
    const elsewhere = await connect({
      baseUrl: server.url,
      roomId: 'demo-room',
      session: kept.session,
      WebSocket: NodeWebSocket,
    });
    await elsewhere.send('怎么提现');
    elsewhere.close();
    await proxy.start();
    await expect.poll(() => parts.status.innerText(), { timeout: 15_000 }).toBe('在线');
    await expectLast(parts.viewer, '怎么提现');
    await expect.poll(() => parts.assistant.allInnerTexts(), WAIT).toHaveLength(answersBefore + 1);
    // Each replayed message once.
    const viewerTexts = await parts.viewer.allInnerTexts();
    expect(viewerTexts.filter((text) => text === '怎么提现')).toHaveLength(1);
    expect(viewerTexts.filter((text) => text === '怎么充值')).toHaveLength(1);

    // The operator turned the "talk to a person" button on: it asks for one, and the queue shows.
    await parts.person.click();
    await expectLast(parts.viewer, '转人工');
    await expect.poll(() => parts.queue.isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => parts.queue.innerText(), WAIT).toMatch(/客服|排队|你前面|下一位/);
    await expect.poll(() => parts.person.isVisible(), WAIT).toBe(false);
    await screenshot(page, 'widget-zh-queue');
    // Chromium logs each reconnect attempt that met the relay stopped on purpose; anything else is a problem.
    const refusedWhileCut = /WebSocket connection to '.*\/ws\/viewer' failed: .*ERR_CONNECTION_REFUSED/;
    expect(problems.filter((problem) => !refusedWhileCut.test(problem))).toEqual([]);
  });

  it('works and looks right on a 375 px page with hostile CSS, in English', async () => {
    const mobile = await browser.newContext({
      viewport: { width: 375, height: 740 },
      locale: 'en-US',
      hasTouch: true,
    });
    try {
      const { page, problems } = await openPage(mobile, `${baseUrl}/embed-demo?lang=en&hostile=1`);
      const parts = widget(page);
      await parts.launcher.waitFor();
      expect(
        await page.evaluate(() =>
          (globalThis as unknown as PageGlobals).document.documentElement.classList.contains('hostile'),
        ),
      ).toBe(true);
      // The launcher sits in the bottom-right corner, its own size, and on top of the page's overlay.
      const box = await parts.launcher.boundingBox();
      expect(box).toMatchObject({ width: 56, height: 56, x: 375 - 16 - 56, y: 740 - 16 - 56 });
      const onTop = await page.evaluate(
        ([x, y]) =>
          (globalThis as unknown as PageGlobals).document.elementFromPoint(x!, y!)?.tagName.toLowerCase(),
        [box!.x + 28, box!.y + 28],
      );
      expect(onTop).toBe('livedesk-widget');
      await screenshot(page, 'widget-en-375-hostile-closed');

      await page.mouse.click(box!.x + 28, box!.y + 28);
      await expect.poll(() => parts.panel.isVisible(), WAIT).toBe(true);
      // Full screen on a phone.
      expect(await parts.panel.boundingBox()).toEqual({ x: 0, y: 0, width: 375, height: 740 });
      await expect.poll(() => parts.status.innerText(), WAIT).toBe('Online');
      await ask(page, 'How do I top up coins?');
      await expectLast(parts.assistant, TOP_UP_ANSWER_EN);
      // The page's `font-size: 0`, transparent text and `all: unset` did not reach in.
      const look = await parts.assistant
        .last()
        .locator('.text')
        .evaluate((node) => {
          const style = (globalThis as unknown as PageGlobals).getComputedStyle(node);
          return { fontSize: style.fontSize, color: style.color, display: style.display };
        });
      expect(look).toEqual({ fontSize: '14px', color: 'rgb(28, 28, 31)', display: 'block' });
      const sendLook = await parts.send.evaluate(
        (node) => (globalThis as unknown as PageGlobals).getComputedStyle(node).backgroundColor,
      );
      expect(sendLook).toBe('rgb(255, 77, 109)');
      await screenshot(page, 'widget-en-375-hostile-open');

      await parts.person.click();
      await expectLast(parts.viewer, 'I want to talk to a person');
      await expect.poll(() => parts.queue.isVisible(), { timeout: 15_000 }).toBe(true);
      expect(problems).toEqual([]);
    } finally {
      await mobile.close();
    }
  });

  it('shows Chinese texts full screen on a 375 px phone, and the same conversation after a reload', async () => {
    const phone = await browser.newContext({ viewport: { width: 375, height: 740 }, locale: 'zh-CN' });
    try {
      const { page, problems } = await openPage(phone, `${baseUrl}/embed-demo`);
      const parts = widget(page);
      await parts.launcher.click();
      await expect.poll(() => parts.status.innerText(), WAIT).toBe('在线');
      expect(await parts.send.innerText()).toBe('发送');
      expect(await parts.person.innerText()).toBe('转人工');
      await ask(page, '怎么充值');
      await expectLast(parts.assistant, TOP_UP_ANSWER_ZH);
      await screenshot(page, 'widget-zh-375');

      // A reload rejoins the same conversation: its history is back, and what was read is not unread.
      await page.reload();
      const again = widget(page);
      await again.launcher.waitFor();
      await expect.poll(() => again.host.locator('.status').getAttribute('data-state'), WAIT).toBe('open');
      expect(await again.badge.isVisible()).toBe(false);
      await again.launcher.click();
      await expectLast(again.assistant, TOP_UP_ANSWER_ZH);
      expect(await again.viewer.allInnerTexts()).toEqual(['怎么充值']);
      expect(problems).toEqual([]);
    } finally {
      await phone.close();
    }
  });
  it('runs on another site’s page, themed by its tag (French falls back to English), and from LivedeskWidget.init', async () => {
    // A platform's own page on another origin, with no CSP of ours: one tag, themed by data attributes.
    const tag = [
      `<script src="${server.url}/widget.js" data-room="other-site" data-locale="fr-FR"`,
      'data-position="left" data-color="#0a7cff" data-title="Help desk" data-identity="not.a.jwt"></script>',
    ].join(' ');
    const page = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Boutique</title></head>
      <body><h1>Boutique</h1>${tag}</body></html>`;
    const host: Server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(page);
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    const hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}/`;
    try {
      const { page: shop, problems } = await openPage(context, hostUrl);
      const parts = widget(shop);
      const box = await parts.launcher.boundingBox();
      expect(box).toMatchObject({ x: 20, width: 56 });
      await parts.launcher.click();
      expect(await parts.host.locator('.title').innerText()).toBe('Help desk');
      expect(
        await parts.send.evaluate(
          (node) => (globalThis as unknown as PageGlobals).getComputedStyle(node).backgroundColor,
        ),
      ).toBe('rgb(10, 124, 255)');
      await expect.poll(() => parts.status.innerText(), WAIT).toBe('Online');
      // Cross-origin: the session call and the socket reach the Livedesk server from this page.
      await ask(shop, 'How do I top up coins?');
      await expectLast(parts.assistant, TOP_UP_ANSWER_EN);
      await screenshot(shop, 'widget-en-other-site');

      // Started again from script, with other options: one widget, the new one.
      await shop.evaluate(() =>
        (globalThis as unknown as { LivedeskWidget: { init(options: object): void } }).LivedeskWidget.init({
          room: 'other-site',
          locale: 'zh-CN',
          position: 'right',
          texts: { title: '帮助中心' },
        }),
      );
      await expect.poll(() => shop.locator('livedesk-widget').count(), WAIT).toBe(1);
      await widget(shop).launcher.click();
      expect(await widget(shop).host.locator('.title').innerText()).toBe('帮助中心');
      expect(await widget(shop).send.innerText()).toBe('发送');
      // The same viewer and conversation (kept in this site's storage): the earlier answer is back.
      await expectLast(widget(shop).assistant, TOP_UP_ANSWER_EN);
      expect(problems.filter((problem) => !problem.includes('identity'))).toEqual([]);
    } finally {
      await new Promise((resolve) => host.close(resolve));
    }
  });
});
