import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../support/chromium.js';
import {
  newBrowser,
  openPage,
  screenshot,
  startWebTestServer,
  type WebTestServer,
} from './web-test-server.js';

/** Generous: CI runs the suite on a loaded 2-core machine, where the server's updates come late. */
const WAIT = { timeout: 30_000 };

/** The widget's parts; Playwright's CSS locators reach into its (open) shadow root. */
function widget(page: Page) {
  const host = page.locator('livedesk-widget');
  return {
    root: host.locator('.root'),
    launcher: host.locator('.launcher'),
    panel: host.locator('.panel'),
    title: host.locator('.title'),
    status: host.locator('.status'),
    input: host.locator('.input'),
    send: host.locator('.send:not([disabled])'),
    assistant: host.locator('.message.assistant'),
    viewer: host.locator('.message.viewer'),
  };
}

async function ask(page: Page, text: string): Promise<void> {
  const parts = widget(page);
  await parts.send.waitFor();
  await parts.input.fill(text);
  await parts.send.click();
}

describe.runIf(chromiumAvailable())('the widget in Japanese and in Arabic, in Chromium', () => {
  let server: WebTestServer;
  let browser: Browser;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    server = await startWebTestServer();
    browser = await newBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  afterEach(async () => {
    await context?.close();
  });

  it('a Japanese viewer asks in Japanese and gets the Japanese answer, in a Japanese widget', async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'ja-JP' });
    const { page, problems } = await openPage(context, `${server.url}/embed-demo?lang=ja`);
    const parts = widget(page);
    await parts.launcher.click();
    await expect.poll(() => parts.status.innerText(), WAIT).toBe('オンライン');
    expect(await parts.input.getAttribute('placeholder')).toBe('質問を入力…');
    expect(await parts.root.getAttribute('lang')).toBe('ja');

    // Not one of the entry's Japanese phrasings word for word.
    await ask(page, 'コインを買いたいです、チャージ方法を教えて');
    await expect
      .poll(() => parts.assistant.last().innerText(), { timeout: 15_000 })
      .toContain('マイページ > ウォレット > チャージ');
    await ask(page, 'パスワードを忘れてしまいました');
    await expect
      .poll(() => parts.assistant.last().innerText(), { timeout: 15_000 })
      .toContain('パスワードを忘れた場合');
    await screenshot(page, 'widget-ja-answer');
    expect(problems).toEqual([]);
  });

  it('lays the widget out right to left for an Arabic viewer and answers in Arabic', async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'ar' });
    const { page, problems } = await openPage(context, `${server.url}/embed-demo?lang=ar`);
    const parts = widget(page);
    await parts.launcher.click();
    await expect.poll(() => parts.status.innerText(), WAIT).toBe('متصل');
    expect(await parts.root.getAttribute('dir')).toBe('rtl');
    expect(await parts.root.evaluate((node) => getComputedStyle(node).direction)).toBe('rtl');
    expect(await parts.input.evaluate((node) => getComputedStyle(node).direction)).toBe('rtl');
    expect(await parts.title.innerText()).toBe('الدعم المباشر');

    await ask(page, 'أريد شراء عملات، كيف أشحن رصيدي؟');
    await expect.poll(() => parts.assistant.last().innerText(), { timeout: 15_000 }).toContain('المحفظة');
    // Mirrored: the viewer's bubble sits on the left of the panel, the assistant's on the right.
    const panel = (await parts.panel.boundingBox())!;
    const mine = (await parts.viewer.last().boundingBox())!;
    const theirs = (await parts.assistant.last().boundingBox())!;
    expect(mine.x - panel.x).toBeLessThan(30);
    expect(panel.x + panel.width - (theirs.x + theirs.width)).toBeLessThan(30);
    expect(mine.x).toBeLessThan(theirs.x);
    await screenshot(page, 'widget-ar-rtl');
    expect(problems).toEqual([]);
  });
});

// Tests compile without DOM types: the two browser globals the checks above use.
declare function getComputedStyle(node: unknown): { direction: string };
