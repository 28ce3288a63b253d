import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ViewerSession } from '../../sdk/src/index.js';
import { chromiumAvailable } from '../support/chromium.js';
import { startFakeSpeechServer, type FakeSpeechServer } from '../support/fake-speech-server.js';
import {
  logIn,
  newBrowser,
  openPage,
  readLocalStorage,
  startWebTestServer,
  type WatchedPage,
  type WebTestServer,
} from './web-test-server.js';
import { pcm16ToWav } from '../../engine/voice/pcm-wav.js';

const WAIT = { timeout: 20_000 };
const SHOTS = '/tmp/shots';
/** What the fake recogniser hears in a clip, in the viewer's language (a Chinese viewer speaks Chinese). */
const HEARD = { zh: '我充值的金币没到账', en: 'hello, my coins did not arrive' } as const;

interface Language {
  lang: 'zh' | 'en';
  locale: string;
  refused: string;
  transcript: string;
  attach: string;
}

const LANGUAGES: Language[] = [
  {
    lang: 'zh',
    locale: 'zh-CN',
    refused: '不支持发送这类文件',
    transcript: '语音转文字',
    attach: '发送图片或语音',
  },
  {
    lang: 'en',
    locale: 'en-US',
    refused: 'This kind of file cannot be sent',
    transcript: 'Transcript',
    attach: 'Send a picture or a voice clip',
  },
];

/** The page's media elements, as the checks read them (tests compile without DOM types). */
interface MediaElementLike {
  readyState: number;
  duration: number;
  error: unknown;
  play(): Promise<void>;
}
interface ImageLike {
  complete: boolean;
  naturalWidth: number;
}

/** Spoken English from espeak-ng when the machine has it, else a second of a 440 Hz tone: a real WAV either way. */
function voiceClip(folder: string): Buffer {
  const file = path.join(folder, 'clip.wav');
  if (existsSync('/usr/bin/espeak-ng')) {
    execFileSync('/usr/bin/espeak-ng', ['-w', file, 'hello, my coins did not arrive']);
    return readFileSync(file);
  }
  const rate = 16_000;
  const samples = Int16Array.from({ length: rate }, (_, i) =>
    Math.round(Math.sin((2 * Math.PI * 440 * i) / rate) * 8000),
  );
  return Buffer.from(pcm16ToWav(samples, rate));
}

function screenshotPicture(colour: string): Promise<Buffer> {
  return sharp({ create: { width: 320, height: 200, channels: 3, background: colour } })
    .png()
    .toBuffer();
}

async function imageLoaded(image: Locator): Promise<boolean> {
  return image.evaluate((node) => {
    const picture = node as unknown as ImageLike;
    return picture.complete && picture.naturalWidth > 0;
  });
}

/** Starts the clip and reports how far it loaded: metadata (readyState ≥ 1) and a real duration. */
async function playClip(audio: Locator): Promise<{ readyState: number; duration: number; failed: boolean }> {
  await audio.evaluate((node) => (node as unknown as MediaElementLike).play().catch(() => undefined));
  await expect
    .poll(() => audio.evaluate((node) => (node as unknown as MediaElementLike).readyState), WAIT)
    .toBeGreaterThanOrEqual(1);
  return audio.evaluate((node) => {
    const clip = node as unknown as MediaElementLike;
    return { readyState: clip.readyState, duration: clip.duration, failed: clip.error !== null };
  });
}

function widget(page: Page) {
  const host = page.locator('livedesk-widget');
  return {
    host,
    launcher: host.locator('.launcher'),
    attach: host.locator('.attach'),
    file: host.locator('.file-input'),
    emoji: host.locator('.emoji-button'),
    input: host.locator('.input'),
  };
}

/**
 * Issue 17 parts 1 and 5 in the browser, every part real: a viewer on a phone-sized host page sends a
 * screenshot and a voice clip from the widget; an agent who took the conversation sees both in the
 * console, plays the clip (with what the recogniser heard) and opens the picture full size, and sends a
 * picture back; a file that lies about being a PNG is refused with a reason. In Chinese and in English.
 */
describe.runIf(chromiumAvailable())('pictures and voice clips between the widget and the console', () => {
  let server: WebTestServer;
  let speech: FakeSpeechServer;
  let browser: Browser;
  let agentContext: BrowserContext;
  let agent: WatchedPage;
  let folder: string;
  let clip: Buffer;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    folder = mkdtempSync(path.join(tmpdir(), 'livedesk-media-'));
    clip = voiceClip(folder);
    speech = await startFakeSpeechServer({ transcribe: () => HEARD.en });
    server = await startWebTestServer({
      LIVEDESK_OFFER_TIMEOUT_MS: '600000',
      LIVEDESK_HTTP_RATE_BURST: '10000',
      LIVEDESK_STT_BASE_URL: speech.baseURL,
      LIVEDESK_STT_MODEL: 'fake-whisper',
      LIVEDESK_MEDIA_UPLOADS_PER_SECOND: '10',
      // Links expire in ten seconds: the pages must ask for new ones (the last test waits that out).
      LIVEDESK_MEDIA_URL_TTL_SECONDS: '10',
    });
    browser = await newBrowser();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await speech?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it.each(LANGUAGES)(
    'in $lang: the viewer sends a picture and a clip, the agent plays and opens them, a fake PNG is refused',
    { timeout: 150_000 },
    async (language) => {
      agentContext = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
      const viewerContext = await browser.newContext({
        viewport: { width: 375, height: 740 },
        locale: language.locale,
        hasTouch: true,
      });
      speech.setTranscriber(() => HEARD[language.lang]);
      try {
        agent = await openPage(agentContext, `${server.url}/console?lang=${language.lang}`);
        await logIn(agent.page, 'agent');
        await agent.page.locator('#connection-state[data-state=open]').waitFor(WAIT);

        const viewer = await openPage(viewerContext, `${server.url}/embed-demo?lang=${language.lang}`);
        const parts = widget(viewer.page);
        await parts.launcher.click();
        await parts.host.locator('.send:not([disabled])').waitFor(WAIT);
        expect(await parts.attach.getAttribute('aria-label')).toBe(language.attach);
        const raw = await readLocalStorage(viewer.page, `livedesk.widget.${server.url}.demo-room`);
        const { session } = JSON.parse(raw ?? '{}') as { session: ViewerSession };
        const conversationId = session.conversationId!;

        // An emoji goes into the text box at the caret.
        await parts.input.fill('hi ');
        await parts.emoji.click();
        await parts.host.locator('.emoji-grid .emoji').first().click();
        expect(await parts.input.inputValue()).toBe('hi 😀');
        expect(await parts.host.locator('.emoji-grid').isVisible()).toBe(false);
        await parts.input.fill('');

        // A voice clip to the assistant: a player, and what the recogniser heard under it (not a second bubble).
        await parts.file.setInputFiles({ name: 'question.wav', mimeType: 'audio/wav', buffer: clip });
        const voice = parts.host.locator('.message.viewer .media-voice');
        await voice.waitFor(WAIT);
        const heard = await playClip(voice.locator('audio'));
        expect(heard.failed).toBe(false);
        expect(heard.duration).toBeGreaterThan(0.3);
        await expect
          .poll(() => voice.locator('.media-transcript').innerText(), WAIT)
          .toBe(`${language.transcript}: ${HEARD[language.lang]}`);
        expect(await parts.host.locator('.message.viewer .text').allInnerTexts()).not.toContain(
          HEARD[language.lang],
        );
        await viewer.page.screenshot({ path: path.join(SHOTS, `media-widget-${language.lang}-clip.png`) });

        // A screenshot, through the attach button's file chooser: a person will look at it.
        const chooser = viewer.page.waitForEvent('filechooser');
        await parts.attach.click();
        await (
          await chooser
        ).setFiles({
          name: 'payment.png',
          mimeType: 'image/png',
          buffer: await screenshotPicture('#2a7de1'),
        });
        const picture = parts.host.locator('.message.viewer .media-image img');
        await picture.waitFor(WAIT);
        await expect.poll(() => imageLoaded(picture), WAIT).toBe(true);
        // Upload lines gave way to the messages themselves.
        await expect.poll(() => parts.host.locator('.media-upload').count(), WAIT).toBe(0);

        // The agent takes the conversation.
        const offered = agent.page.locator(
          `#my-conversations .conversation-item[data-conversation-id="${conversationId}"]`,
        );
        await offered.waitFor(WAIT);
        await offered.click();
        await agent.page.locator('#accept').click();
        await expect.poll(() => agent.page.locator('#reply-text').isEnabled(), WAIT).toBe(true);
        expect(await agent.page.locator('#reply-attach').isEnabled()).toBe(true);

        // Text saying it is a PNG: refused, with the reason, and no retry for what it is.
        await parts.file.setInputFiles({
          name: 'receipt.png',
          mimeType: 'image/png',
          buffer: Buffer.from('this is not a picture at all, just text pretending'),
        });
        const refused = parts.host.locator('.media-upload.failed');
        await refused.waitFor(WAIT);
        expect(await refused.locator('.media-upload-status').innerText()).toBe(language.refused);
        expect(await refused.locator('.media-retry').isVisible()).toBe(false);
        await viewer.page.screenshot({ path: path.join(SHOTS, `media-widget-${language.lang}.png`) });

        // The console: both in the transcript; the clip plays, the picture opens full size.
        const transcript = agent.page.locator('#transcript');
        const agentPicture = transcript.locator('.line.viewer .media-image img');
        await agentPicture.waitFor(WAIT);
        await expect.poll(() => imageLoaded(agentPicture), WAIT).toBe(true);
        const agentClip = transcript.locator('.line.viewer .media-voice audio');
        await agentClip.waitFor(WAIT);
        const played = await playClip(agentClip);
        expect(played.failed).toBe(false);
        expect(played.duration).toBeGreaterThan(0.3);
        expect(await transcript.locator('.line.viewer .media-transcript').innerText()).toContain(
          HEARD[language.lang],
        );
        await agent.page.screenshot({ path: path.join(SHOTS, `media-console-${language.lang}.png`) });
        await transcript.locator('.media-thumb').first().click();
        const overlay = agent.page.locator('.media-overlay');
        await expect.poll(() => overlay.isVisible(), WAIT).toBe(true);
        await expect.poll(() => imageLoaded(overlay.locator('.media-full')), WAIT).toBe(true);
        await agent.page.screenshot({ path: path.join(SHOTS, `media-console-${language.lang}-full.png`) });
        await agent.page.keyboard.press('Escape');
        await expect.poll(() => overlay.isVisible(), WAIT).toBe(false);

        // The agent sends a picture back: the viewer gets it, opens it, and closes it with the button.
        await agent.page.locator('#reply-file').setInputFiles({
          name: 'steps.png',
          mimeType: 'image/png',
          buffer: await screenshotPicture('#0f8a5f'),
        });
        const fromAgent = parts.host.locator('.message.agent .media-image');
        await fromAgent.waitFor(WAIT);
        await expect.poll(() => imageLoaded(fromAgent.locator('img')), WAIT).toBe(true);
        await fromAgent.locator('.media-thumb').click();
        const viewerOverlay = parts.host.locator('.media-overlay');
        await expect.poll(() => viewerOverlay.isVisible(), WAIT).toBe(true);
        await expect.poll(() => imageLoaded(viewerOverlay.locator('.media-full')), WAIT).toBe(true);
        await viewer.page.screenshot({ path: path.join(SHOTS, `media-widget-${language.lang}-full.png`) });
        await viewerOverlay.locator('.media-close').click();
        await expect.poll(() => viewerOverlay.isVisible(), WAIT).toBe(false);
        // The panel stayed open behind the picture.
        expect(await parts.host.locator('.panel').isVisible()).toBe(true);

        // A ticket made from the conversation keeps its files; the agent opens the picture from there.
        await agent.page.locator('#create-ticket').click();
        const attachments = agent.page.locator('#ticket .ticket-attachments li');
        await expect.poll(() => attachments.count(), WAIT).toBe(3);
        expect(await agent.page.locator('#ticket .ticket-attachments [data-kind=voice]').count()).toBe(1);
        await agent.page.locator('#ticket .ticket-attachments [data-kind=image]').first().click();
        await expect.poll(() => overlay.isVisible(), WAIT).toBe(true);
        await expect.poll(() => imageLoaded(overlay.locator('.media-full')), WAIT).toBe(true);
        await agent.page.locator('.media-overlay .media-close').click();
        await agent.page.screenshot({ path: path.join(SHOTS, `media-console-${language.lang}-ticket.png`) });

        // A reload replays the conversation with fresh addresses: the picture loads again.
        await viewer.page.reload();
        const again = widget(viewer.page);
        await again.launcher.click();
        const replayed = again.host.locator('.message.viewer .media-image img');
        await replayed.waitFor(WAIT);
        await expect.poll(() => imageLoaded(replayed), WAIT).toBe(true);
        expect(await again.host.locator('.message.viewer .media-voice').count()).toBe(1);
        // The transcript replays under its clip too.
        await expect
          .poll(() => again.host.locator('.media-voice .media-transcript').innerText(), WAIT)
          .toBe(`${language.transcript}: ${HEARD[language.lang]}`);

        const refusedUpload = /Failed to load resource: the server responded with a status of 415/;
        expect(viewer.problems.filter((problem) => !refusedUpload.test(problem))).toEqual([]);
        expect(agent.problems).toEqual([]);
      } finally {
        await viewerContext.close();
        await agentContext.close();
      }
    },
  );
  it(
    'the viewer page shows the same: a picture opens full size, a clip plays with its transcript',
    {
      timeout: 90_000,
    },
    async () => {
      speech.setTranscriber(() => HEARD.zh);
      const context = await browser.newContext({ viewport: { width: 375, height: 740 }, locale: 'zh-CN' });
      try {
        const viewer = await openPage(context, `${server.url}/viewer?room=demo-room&lang=zh`);
        const page = viewer.page;
        await page.locator('#composer[data-joined=true]').waitFor(WAIT);
        await page.locator('#media-file').setInputFiles({
          name: 'payment.png',
          mimeType: 'image/png',
          buffer: await screenshotPicture('#7a3ea8'),
        });
        const picture = page.locator('#messages .message.viewer .media-image img');
        await picture.waitFor(WAIT);
        await expect.poll(() => imageLoaded(picture), WAIT).toBe(true);
        await page
          .locator('#media-file')
          .setInputFiles({ name: 'question.wav', mimeType: 'audio/wav', buffer: clip });
        const voice = page.locator('#messages .message.viewer .media-voice');
        await voice.waitFor(WAIT);
        const heard = await playClip(voice.locator('audio'));
        expect(heard.duration).toBeGreaterThan(0.3);
        await page.screenshot({ path: path.join(SHOTS, 'media-viewer-page-zh.png') });
        await expect
          .poll(() => voice.locator('.media-transcript').innerText(), WAIT)
          .toBe(`语音转文字: ${HEARD.zh}`);

        // The page sat open past the links' life: opening the picture (full size, never loaded before, so
        // not in the browser's cache) meets an expired link, gets a new one, and shows the picture.
        await page.waitForTimeout(11_000);
        const renewed = page.waitForRequest((request) => /\/api\/media\/[^/]+\/url\?/.test(request.url()));
        await page.locator('#messages .media-thumb').click();
        await renewed;
        await expect.poll(() => imageLoaded(page.locator('.media-overlay .media-full')), WAIT).toBe(true);
        await page.keyboard.press('Escape');
        await expect.poll(() => page.locator('.media-overlay').isVisible(), WAIT).toBe(false);
        // The expired link's refusal is the browser's to log; nothing else went wrong.
        const expired = /Failed to load resource: the server responded with a status of (403|410)/;
        expect(viewer.problems.filter((problem) => !expired.test(problem))).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );
});
