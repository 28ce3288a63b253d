import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../support/chromium.js';
import {
  startOpenAICompatibleServer,
  type OpenAICompatibleServer,
} from '../support/openai-compatible-server.js';
import {
  newBrowser,
  openPage,
  screenshot,
  startWebTestServer,
  type WebTestServer,
} from './web-test-server.js';

/** Generous: CI runs the suite on a loaded 2-core machine, where the server's updates come late. */
const WAIT = { timeout: 30_000 };

const LONG_ANSWER =
  'Open the app and go to Me, then Wallet, then Top Up. Pick a coin package that suits you, choose how you ' +
  'want to pay, and confirm the payment. The coins arrive in your wallet right after the payment goes through.';
const BARGE_IN = 'wait, how long do refunds take to come back';
const REFUND_ANSWER = 'Refunds for double charges take one to three business days.';

describe.runIf(chromiumAvailable())('viewer demo with a streaming model in Chromium', () => {
  let model: OpenAICompatibleServer;
  let server: WebTestServer;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    model = await startOpenAICompatibleServer();
    // A slow model: each answer takes several seconds to stream, long enough to talk over.
    model.chat.respondWith((request) =>
      JSON.stringify(request.messages).includes('refunds')
        ? { content: `${REFUND_ANSWER} [[sources: none]]` }
        : { content: `${LONG_ANSWER} [[sources: coins.top-up]]`, tokenDelayMs: 120 },
    );
    server = await startWebTestServer({
      LIVEDESK_LLM_BASE_URL: model.baseURL,
      LIVEDESK_LLM_MODEL: 'scripted',
    });
    browser = await newBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await model?.close();
  });

  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  });

  afterEach(async () => {
    await context.close();
  });

  it('shows the answer while it streams, without the citation marker', { timeout: 60_000 }, async () => {
    const { page, problems } = await openPage(context, `${server.url}/viewer?room=demo-room&lang=en`);
    await page.locator('#composer[data-joined=true]').waitFor();
    await page.locator('#message-input').fill('How do I top up coins?');
    await page.locator('#send-button').click();

    const streaming = page.locator('.message.assistant.streaming .body');
    await expect
      .poll(async () => (await streaming.innerText().catch(() => '')).length, WAIT)
      .toBeGreaterThan(10);
    const partial = await streaming.innerText();
    expect(LONG_ANSWER.startsWith(partial.trim())).toBe(true);
    expect(partial.trim().length).toBeLessThan(LONG_ANSWER.length);
    await screenshot(page, 'viewer-streaming');

    const done = page.locator('.message.assistant:not(.streaming) .body').last();
    await expect.poll(() => done.innerText(), { timeout: 30_000 }).toBe(LONG_ANSWER);
    await expect
      .poll(() => page.locator('.message.assistant').last().getAttribute('data-entry-ids'), WAIT)
      .toBe('coins.top-up');
    expect(problems).toEqual([]);
  });

  it('stops speaking and streaming when the viewer talks over the answer', { timeout: 60_000 }, async () => {
    const { page, problems } = await openPage(context, `${server.url}/viewer?room=voice-room&lang=en`);
    await page.locator('#composer[data-joined=true]').waitFor();
    await page.locator('#speak-answers').check();
    await page.locator('#message-input').fill('How do I top up coins?');
    await page.locator('#send-button').click();

    const playback = page.locator('#playback-state');
    await expect.poll(() => playback.getAttribute('data-state'), WAIT).toBe('speaking');
    await expect
      .poll(async () => (await page.locator('.message.assistant .body').last().innerText()).length, WAIT)
      .toBeGreaterThan(20);

    await page.locator('#voice-input').fill(BARGE_IN);
    await page.locator('#voice-interim').click();
    await expect.poll(() => playback.getAttribute('data-state'), WAIT).toBe('paused');
    await expect.poll(() => page.locator('.message.assistant .tag-stopped').count(), WAIT).toBe(1);
    await screenshot(page, 'viewer-barge-in-paused');

    await page.locator('#voice-final').click();
    const first = page.locator('.message.assistant').first();
    await expect.poll(() => first.locator('.tag-interrupted').count(), WAIT).toBe(1);
    expect(await first.getAttribute('class')).not.toContain('streaming');
    const cutAt = await first.locator('.body').innerText();
    expect(cutAt.length).toBeLessThan(LONG_ANSWER.length);
    await expect.poll(() => page.locator('.message.viewer').last().innerText(), WAIT).toContain(BARGE_IN);
    expect(await page.locator('.message.viewer .channel').last().innerText()).toBe('voice');
    await page.waitForTimeout(600);
    expect(await first.locator('.body').innerText()).toBe(cutAt);
    await expect
      .poll(() => page.locator('.message.assistant').last().innerText(), WAIT)
      .toContain(REFUND_ANSWER);
    await screenshot(page, 'viewer-barge-in');
    expect(problems).toEqual([]);
  });
});
