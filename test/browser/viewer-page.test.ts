import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../support/chromium.js';
import {
  injectedMarker,
  newBrowser,
  readLocalStorage,
  openPage,
  screenshot,
  startWebTestServer,
  type WebTestServer,
} from './web-test-server.js';

/** Generous: CI runs the suite on a loaded 2-core machine, where the server's updates come late. */
const WAIT = { timeout: 30_000 };

const TOP_UP_ANSWER_EN = 'Go to Me > Wallet > Top Up';
const TOP_UP_ANSWER_ZH = '打开 App，进入 我的 > 钱包 > 充值';
const HOSTILE = '<img src=x onerror="window.__xss = 1"><script>window.__xss = 2</script>refund?';

describe.runIf(chromiumAvailable())('viewer demo page in Chromium', () => {
  let server: WebTestServer;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    server = await startWebTestServer();
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

  it('answers a question from the knowledge base', async () => {
    const { page, problems } = await openPage(context, `${server.url}/viewer?room=demo-room&lang=en`);
    await page.locator('#composer[data-joined=true]').waitFor();
    expect(await page.locator('#connection-state').innerText()).toBe('Online');
    expect(await page.locator('#conversation-state').innerText()).toBe('AI assistant');

    await page.locator('#message-input').fill('How do I top up coins?');
    await page.locator('#send-button').click();

    const answer = page.locator('.message.assistant').last();
    await expect.poll(() => answer.innerText(), WAIT).toContain(TOP_UP_ANSWER_EN);
    await expect.poll(() => answer.getAttribute('data-entry-ids'), WAIT).toBe('coins.top-up');
    expect(await page.locator('.message.viewer').last().innerText()).toContain('How do I top up coins?');
    await expect.poll(() => page.locator('.message.viewer.pending').count(), WAIT).toBe(0);
    await screenshot(page, 'viewer-answer');
    expect(problems).toEqual([]);
  });

  it('speaks Chinese in a Chinese room and answers in Chinese', async () => {
    const { page, problems } = await openPage(context, `${server.url}/viewer?room=demo-room&lang=zh`);
    await page.locator('#composer[data-joined=true]').waitFor();
    expect(await page.locator('#send-button').innerText()).toBe('发送');
    expect(await page.locator('#message-input').getAttribute('placeholder')).toBe('输入你的问题…');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');

    await page.locator('#message-input').fill('怎么充值金币');
    await page.locator('#send-button').click();

    await expect
      .poll(() => page.locator('.message.assistant').last().innerText(), WAIT)
      .toContain(TOP_UP_ANSWER_ZH);
    expect(await page.locator('.message.assistant .author').last().innerText()).toContain('智能助手');
    await screenshot(page, 'viewer-zh');
    expect(problems).toEqual([]);
  });

  it('lays the page out right to left in Arabic and speaks Japanese in Japanese', async () => {
    const { page, problems } = await openPage(context, `${server.url}/viewer?room=rtl-room&lang=ar`);
    await page.locator('#composer[data-joined=true]').waitFor();
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await page.locator('html').getAttribute('lang')).toBe('ar');
    expect(await page.locator('#send-button').innerText()).toBe('إرسال');
    expect(await page.locator('#connection-state').innerText()).toBe('متصل');
    await page.locator('#message-input').fill('كيف أشحن العملات؟');
    await page.locator('#send-button').click();
    await expect.poll(() => page.locator('.message.assistant').count(), WAIT).toBeGreaterThan(0);
    await expect.poll(() => page.locator('.message.viewer.pending').count(), WAIT).toBe(0);
    // Mirrored: the viewer's own bubble sits on the left, the assistant's on the right.
    const mine = await page.locator('.message.viewer').last().boundingBox();
    const answer = await page.locator('.message.assistant').last().boundingBox();
    expect(mine && answer && mine.x < answer.x).toBe(true);
    await screenshot(page, 'viewer-ar-rtl');

    await page.goto(`${server.url}/viewer?room=ja-room&lang=ja`);
    await page.locator('#composer[data-joined=true]').waitFor();
    expect(await page.locator('html').getAttribute('dir')).toBe('ltr');
    expect(await page.locator('html').getAttribute('lang')).toBe('ja');
    expect(await page.title()).toBe('Livedesk · ライブルーム');
    expect(await page.locator('#send-button').innerText()).toBe('送信');
    expect(await page.locator('#message-input').getAttribute('placeholder')).toBe('質問を入力…');
    expect(await page.locator('#conversation-state').innerText()).toBe('アシスタント');
    expect(await page.locator('#language-switch button[aria-current=true]').innerText()).toBe('日本語');
    await screenshot(page, 'viewer-ja');
    expect(problems).toEqual([]);
  });

  it('shows the same conversation again after a reload', async () => {
    const { page, problems } = await openPage(context, `${server.url}/viewer?room=reload-room&lang=en`);
    await page.locator('#composer[data-joined=true]').waitFor();
    await page.locator('#message-input').fill('How do I top up coins?');
    await page.locator('#send-button').click();
    await expect
      .poll(() => page.locator('.message.assistant').last().innerText(), WAIT)
      .toContain(TOP_UP_ANSWER_EN);
    const stored = await readLocalStorage(page, 'livedesk.viewer.reload-room');
    const conversationId = (JSON.parse(stored ?? '{}') as { conversationId?: string }).conversationId;
    expect(conversationId).toBeTruthy();

    await page.reload();
    await page.locator('#composer[data-joined=true]').waitFor();

    await expect
      .poll(() => page.locator('.message.viewer').allInnerTexts(), WAIT)
      .toEqual([expect.stringContaining('How do I top up coins?')]);
    await expect
      .poll(() => page.locator('.message.assistant').last().innerText(), WAIT)
      .toContain(TOP_UP_ANSWER_EN);
    const after = await readLocalStorage(page, 'livedesk.viewer.reload-room');
    expect((JSON.parse(after ?? '{}') as { conversationId?: string }).conversationId).toBe(conversationId);
    expect(problems).toEqual([]);
  });

  it('shows markup a viewer types as text and runs none of it', async () => {
    const { page, problems } = await openPage(context, `${server.url}/viewer?room=demo-room&lang=en`);
    await page.locator('#composer[data-joined=true]').waitFor();
    await page.locator('#message-input').fill(HOSTILE);
    await page.locator('#send-button').click();

    const mine = page.locator('.message.viewer .body').last();
    await expect.poll(() => mine.innerText(), WAIT).toBe(HOSTILE);
    await expect.poll(() => page.locator('.message.viewer.pending').count(), WAIT).toBe(0);
    await expect.poll(() => page.locator('.message.assistant').count(), WAIT).toBeGreaterThan(0);
    expect(await page.locator('#messages img, #messages script').count()).toBe(0);
    expect(await injectedMarker(page)).toBeUndefined();
    expect(problems).toEqual([]);
  });

  it('starts a fresh session when the stored token is refused', async () => {
    const forged = {
      token: 'forged-token',
      viewerId: 'viewer-someone-else',
      roomId: 'token-room',
      expiresAt: '2999-01-01T00:00:00.000Z',
      conversationId: 'someone-elses-conversation',
    };
    await context.addInitScript((stored) => {
      const storage = (
        globalThis as unknown as { localStorage: { setItem(key: string, value: string): void } }
      ).localStorage;
      storage.setItem('livedesk.viewer.token-room', stored);
    }, JSON.stringify(forged));
    const { page, problems } = await openPage(context, `${server.url}/viewer?room=token-room&lang=en`);
    await page.locator('#composer[data-joined=true]').waitFor();

    const stored = JSON.parse((await readLocalStorage(page, 'livedesk.viewer.token-room')) ?? '{}') as {
      token?: string;
      conversationId?: string;
    };
    expect(stored.token).not.toBe(forged.token);
    expect(stored.conversationId).not.toBe(forged.conversationId);
    expect(await page.locator('#messages .notice.error').count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
