import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../support/chromium.js';
import { ChatCompletionRequestSchema } from '../support/chat-completions-route.js';
import {
  messageText,
  startOpenAICompatibleServer,
  type OpenAICompatibleServer,
} from '../support/openai-compatible-server.js';
import {
  logIn,
  newBrowser,
  openPage,
  screenshot,
  startWebTestServer,
  type WatchedPage,
  type WebTestServer,
} from './web-test-server.js';

const WAIT = { timeout: 20_000 };
const JAPANESE_QUESTION = 'ギフトが届きません';
const CHINESE_OF_QUESTION = '我的礼物没有到账';
const CHINESE_REPLY = '我马上为您查询，请稍等';
const JAPANESE_OF_REPLY = 'すぐに確認しますので、少々お待ちください';

function widget(page: Page) {
  const host = page.locator('livedesk-widget');
  return {
    launcher: host.locator('.launcher'),
    person: host.locator('.person'),
    input: host.locator('.input'),
    send: host.locator('.send:not([disabled])'),
    statusLines: host.locator('.status-line'),
    agentMessages: host.locator('.message.agent'),
  };
}

/**
 * Issue 16's agent translation, every part real: a Japanese viewer in the widget, a Chinese agent in the
 * console, an OpenAI-compatible LLM on loopback translating both ways.
 */
describe.runIf(chromiumAvailable())('a Japanese viewer and a Chinese agent, translated both ways', () => {
  let llm: OpenAICompatibleServer;
  let server: WebTestServer;
  let browser: Browser;
  let agentContext: BrowserContext;
  let agent: WatchedPage;

  beforeAll(async () => {
    llm = await startOpenAICompatibleServer();
    llm.chat.respondWith((request) => {
      const [system, user] = ChatCompletionRequestSchema.parse(request).messages;
      const instructions = system ? messageText(system) : '';
      if (!instructions.startsWith('You translate')) return { content: 'ok' };
      const { text } = JSON.parse(user ? messageText(user) : '{}') as { text: string };
      if (text === CHINESE_REPLY) return { content: JAPANESE_OF_REPLY };
      if (text === JAPANESE_QUESTION) return { content: CHINESE_OF_QUESTION };
      return { content: `unexpected: ${text}` };
    });
    server = await startWebTestServer({
      LIVEDESK_LLM_BASE_URL: llm.baseURL,
      LIVEDESK_LLM_MODEL: 'test-model',
      LIVEDESK_LLM_MAX_RETRIES: '0',
      LIVEDESK_WIDGET_HUMAN_BUTTON: 'true',
      LIVEDESK_OFFER_TIMEOUT_MS: '600000',
      LIVEDESK_HTTP_RATE_BURST: '10000',
    });
    browser = await newBrowser();
    agentContext = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    agent = await openPage(agentContext, `${server.url}/console?lang=zh`);
    await logIn(agent.page, 'agent');
    await agent.page.locator('#connection-state[data-state=open]').waitFor(WAIT);
  }, 90_000);

  afterAll(async () => {
    await agentContext?.close();
    await browser?.close();
    await server?.close();
    await llm?.close();
  });

  it(
    'shows the agent the Chinese under the Japanese, and the viewer the Japanese with the original',
    { timeout: 120_000 },
    async () => {
      const viewerContext = await browser.newContext({
        viewport: { width: 375, height: 740 },
        locale: 'ja-JP',
      });
      try {
        const viewer = await openPage(viewerContext, `${server.url}/embed-demo?lang=ja`);
        const parts = widget(viewer.page);
        await parts.launcher.click();
        await expect.poll(() => parts.person.isVisible(), WAIT).toBe(true);
        await parts.person.click();

        const offered = agent.page.locator('#my-conversations .conversation-item.status-offered');
        await offered.first().waitFor(WAIT);
        await offered.first().click();
        await agent.page.locator('#accept').click();
        await expect.poll(() => agent.page.locator('#reply-text').isEnabled(), WAIT).toBe(true);
        await expect.poll(() => parts.statusLines.count(), WAIT).toBeGreaterThan(0);

        await parts.send.waitFor(WAIT);
        await parts.input.fill(JAPANESE_QUESTION);
        await parts.send.click();
        const transcript = agent.page.locator('#transcript');
        await expect.poll(() => transcript.innerText(), WAIT).toContain(JAPANESE_QUESTION);
        await expect.poll(() => transcript.innerText(), WAIT).toContain(`译文（zh）：${CHINESE_OF_QUESTION}`);

        await agent.page.locator('#reply-text').fill(CHINESE_REPLY);
        await agent.page.locator('#reply-send').click();
        const reply = parts.agentMessages.last();
        await expect.poll(() => reply.locator('.text').innerText(), WAIT).toBe(JAPANESE_OF_REPLY);
        const original = reply.locator('details.original');
        expect(await original.locator('summary').innerText()).toBe('原文');
        expect(await original.locator('.original-text').isVisible()).toBe(false);
        await original.locator('summary').click();
        expect(await original.locator('.original-text').innerText()).toBe(CHINESE_REPLY);
        await expect.poll(() => transcript.innerText(), WAIT).toContain('已译为 ja 发送');
        await screenshot(viewer.page, 'widget-ja-translated-reply');
        await screenshot(agent.page, 'console-zh-translated-viewer-message');
        expect(viewer.problems).toEqual([]);
        expect(agent.problems).toEqual([]);
      } finally {
        await viewerContext.close();
      }
    },
  );
});
