import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../support/chromium.js';
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

const LANGUAGE_KEY = 'livedesk.ui.language';

/** Clicks the page's "中文 · English" switch; the page reloads in that language. */
async function switchTo(page: Page, language: 'zh' | 'en', container = '.lang-switch'): Promise<void> {
  const lang = language === 'zh' ? 'zh-CN' : 'en';
  await page.locator(`${container} button[data-language=${language}]`).first().click();
  await expect.poll(() => page.locator('html').getAttribute('lang'), WAIT).toBe(lang);
  await page.waitForLoadState('load');
}

/**
 * Latin words of four letters or more in the visible text of `selector`, less product names and the
 * demo's account names: on a Chinese page these are words someone forgot to translate.
 */
async function englishWords(
  page: Page,
  selector: string,
  allowed: readonly string[] = [],
): Promise<string[]> {
  const texts = await page
    .locator(selector)
    .evaluateAll((elements) =>
      elements.map((element) => (element as unknown as { innerText: string }).innerText),
    );
  const known = new Set(
    [
      'Livedesk',
      'English',
      'OpenAPI',
      'JSON',
      'Lines',
      'docs',
      'agent',
      'agent2',
      'supervisor',
      'moderator',
      'editor',
      'admin',
    ]
      .concat(allowed)
      .map((word) => word.toLowerCase()),
  );
  return [...texts.join(' ').matchAll(/[A-Za-z][A-Za-z-]{3,}/g)]
    .map((match) => match[0])
    .filter((word) => !known.has(word.toLowerCase()) && !word.toLowerCase().startsWith('livedesk'));
}

describe.runIf(chromiumAvailable())('page language in Chromium', () => {
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
    // A fresh Chromium speaks en-US: every page starts in English.
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  });

  afterEach(async () => {
    await context.close();
  });

  it(
    'switches the start page to Chinese and back, remembered across a reload and across pages',
    { timeout: 60_000 },
    async () => {
      const { page, problems } = await openPage(context, `${server.url}/`);
      const tagline = page.locator('[data-text=tagline]');
      expect(await tagline.innerText()).toBe('AI-first support for live-streaming platforms.');
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      await screenshot(page, 'index-en');

      await switchTo(page, 'zh');
      expect(await tagline.innerText()).toBe('为直播平台打造的 AI 优先客服系统。');
      expect(await page.locator('a[href="/admin"] strong').innerText()).toBe('知识库管理');
      expect(await readLocalStorage(page, LANGUAGE_KEY)).toBe('zh');
      expect(await englishWords(page, 'main')).toEqual([]);
      await screenshot(page, 'index-zh');
      await page.reload();
      expect(await tagline.innerText()).toBe('为直播平台打造的 AI 优先客服系统。');

      // Every other page follows the choice.
      await page.locator('a[href="/admin"]').click();
      await page.locator('#login-form:not([hidden])').waitFor();
      expect(await page.locator('#login-form h1').innerText()).toBe('知识库管理');
      expect(await page.locator('#login-form button[type=submit]').innerText()).toBe('登录');
      expect(await page.title()).toBe('Livedesk · 知识库管理');
      expect(await englishWords(page, '#login-form')).toEqual([]);
      await screenshot(page, 'admin-login-zh');

      await page.goto(`${server.url}/dashboard`);
      await page.locator('#login-form:not([hidden])').waitFor();
      expect(await page.locator('#login-form h1').innerText()).toBe('数据分析');
      expect(await englishWords(page, '#login-form')).toEqual([]);
      // A refusal reads in the page's language too.
      await page.locator('#login-form input[name=username]').fill('supervisor');
      await page.locator('#login-form input[name=password]').fill('not-the-password');
      await page.locator('#login-form button[type=submit]').click();
      await expect.poll(() => page.locator('#login-error').innerText(), WAIT).toBe('用户名或密码错误。');
      await screenshot(page, 'dashboard-login-zh');

      await page.goto(`${server.url}/viewer?room=language-room`);
      await page.locator('#composer[data-joined=true]').waitFor();
      expect(await page.locator('#send-button').innerText()).toBe('发送');
      expect(await page.locator('#message-input').getAttribute('placeholder')).toBe('输入你的问题…');
      expect(await page.title()).toBe('Livedesk · 直播间');
      await screenshot(page, 'viewer-remembered-zh');

      // And back to English from the viewer: remembered everywhere again.
      await switchTo(page, 'en');
      await page.locator('#composer[data-joined=true]').waitFor();
      expect(await page.locator('#send-button').innerText()).toBe('Send');
      expect(await readLocalStorage(page, LANGUAGE_KEY)).toBe('en');
      await screenshot(page, 'viewer-remembered-en');
      await page.goto(`${server.url}/`);
      expect(await tagline.innerText()).toBe('AI-first support for live-streaming platforms.');
      await page.goto(`${server.url}/admin`);
      await page.locator('#login-form:not([hidden])').waitFor();
      expect(await page.locator('#login-form h1').innerText()).toBe('Knowledge admin');
      await screenshot(page, 'admin-login-en');
      await page.goto(`${server.url}/dashboard`);
      await page.locator('#login-form:not([hidden])').waitFor();
      expect(await page.locator('#login-form h1').innerText()).toBe('Analytics');
      await screenshot(page, 'dashboard-login-en');
      // The one refused login above is the only resource that failed.
      expect(problems.filter((problem) => !problem.includes('status of 401'))).toEqual([]);
    },
  );

  it('lets a link choose the language with ?lang=, over the remembered choice, and remembers it', async () => {
    const { page, problems } = await openPage(context, `${server.url}/?lang=zh`);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await page.goto(`${server.url}/viewer?room=language-room&lang=en`);
    await page.locator('#composer[data-joined=true]').waitFor();
    expect(await page.locator('#send-button').innerText()).toBe('Send');
    // The switch drops ?lang= so the reload keeps the new choice.
    await switchTo(page, 'zh');
    expect(new URL(page.url()).searchParams.has('lang')).toBe(false);
    expect(await page.locator('#send-button').innerText()).toBe('发送');
    await page.goto(`${server.url}/`);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(problems).toEqual([]);
  });
});
