import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, chromiumAvailable } from '../support/chromium.js';
import { launchChromiumWithMicrophone, writeSpokenQuestion } from '../support/fake-microphone.js';
import { startFakeSpeechServer, type FakeSpeechServer } from '../support/fake-speech-server.js';
import { missingSpeechTools } from '../voice/spoken-audio.js';
import {
  newBrowser,
  openPage,
  screenshot,
  startWebTestServer,
  type WebTestServer,
} from './web-test-server.js';

const missing = missingSpeechTools() ?? (chromiumAvailable() ? undefined : `no Chromium at ${CHROMIUM_PATH}`);

interface Language {
  lang: 'zh' | 'en';
  locale: string;
  /** What espeak-ng says into the fake microphone, and in which voice. */
  spoken: string;
  voice: 'en' | 'cmn';
  /** What the fake recogniser "hears" (scripted by the language the widget asked for). */
  question: string;
  answer: string;
  label: string;
}

const LANGUAGES: Language[] = [
  {
    lang: 'zh',
    locale: 'zh-CN',
    spoken: '怎么充值金币',
    voice: 'cmn',
    question: '怎么充值金币',
    answer: '打开 App，进入 我的 > 钱包 > 充值',
    label: '语音',
  },
  {
    lang: 'en',
    locale: 'en',
    spoken: 'How do I top up coins?',
    voice: 'en',
    question: 'How do I top up coins?',
    answer: 'Go to Me > Wallet > Top Up',
    label: 'spoken',
  },
];

interface SentFrame {
  type: string;
  state?: string;
  playedChars?: number;
  language?: string;
  speakAnswers?: boolean;
}

interface Spy {
  __sent: SentFrame[];
  __audioBytes: number;
  __violations: string[];
  /** When `speech-stop` frames reached the page, and when its audio contexts were suspended (ms). */
  __speechStops: number[];
  __suspends: number[];
}

/**
 * Records the JSON frames and audio bytes the page sends on its WebSockets and every CSP violation
 * (installed before the page's scripts, outside its policy).
 */
function spyOnPage(): void {
  const spy = globalThis as unknown as Spy;
  spy.__sent = [];
  spy.__audioBytes = 0;
  spy.__violations = [];
  spy.__speechStops = [];
  spy.__suspends = [];
  type Data = string | ArrayBufferLike | Blob | ArrayBufferView;
  const send: (this: WebSocket, data: Data) => void = Reflect.get(WebSocket.prototype, 'send');
  WebSocket.prototype.send = function (this: WebSocket, data: Data) {
    if (typeof data === 'string') spy.__sent.push(JSON.parse(data) as SentFrame);
    else if (data instanceof ArrayBuffer) spy.__audioBytes += data.byteLength;
    send.call(this, data);
  };
  // Tests compile without DOM types: the page's globals, as far as they are used here.
  const page = globalThis as unknown as {
    WebSocket: typeof WebSocket;
    AudioContext: { prototype: { suspend(): Promise<void> } };
    document: {
      addEventListener(
        type: 'securitypolicyviolation',
        listener: (event: { effectiveDirective: string; blockedURI: string }) => void,
      ): void;
    };
  };
  // Seen before the widget's own listeners: a socket class of the page's, which the widget's extends.
  const PageSocket = page.WebSocket;
  page.WebSocket = class extends PageSocket {
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args);
      this.addEventListener('message', (message: { data: unknown }) => {
        if (typeof message.data === 'string' && message.data.includes('"type":"speech-stop"'))
          spy.__speechStops.push(performance.now());
      });
    }
  };
  const suspend: () => Promise<void> = Reflect.get(page.AudioContext.prototype, 'suspend');
  page.AudioContext.prototype.suspend = function (this: unknown) {
    spy.__suspends.push(performance.now());
    return suspend.call(this);
  };
  page.document.addEventListener('securitypolicyviolation', (event) =>
    spy.__violations.push(`${event.effectiveDirective} ${event.blockedURI}`),
  );
}

/** A platform's page on its own loopback origin, with a strict policy: scripts from itself and Livedesk only, no blob:. */
async function startHostPage(livedesk: string): Promise<{ url: string; close(): Promise<void> }> {
  const socketOrigin = livedesk.replace(/^http/, 'ws');
  const policy = [
    "default-src 'self'",
    `script-src 'self' ${livedesk}`,
    `connect-src 'self' ${livedesk} ${socketOrigin}`,
    `img-src 'self' data: ${livedesk}`,
    `media-src 'self' ${livedesk}`,
    "style-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
  ].join('; ');
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://host');
    const locale = url.searchParams.get('locale') ?? 'en';
    const room = url.searchParams.get('room') ?? 'mic-room';
    response.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': policy,
    });
    response.end(`<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>Live shop</title></head>
      <body><h1>Live shop</h1><script src="${livedesk}/widget.js" data-room="${room}" data-locale="${locale}" data-open="true"></script></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function widget(page: Page) {
  const host = page.locator('livedesk-widget');
  return {
    host,
    mic: host.locator('.mic-button'),
    micState: host.locator('.mic-state'),
    heard: host.locator('.mic-heard .words'),
    speaking: host.locator('.mic-speaking'),
    spokenQuestion: host.locator('.message.viewer[data-channel=voice]').last(),
    answer: host.locator('.message.assistant').last(),
  };
}

/**
 * The widget's microphone on another site's page: the host page (one loopback origin, a CSP that refuses
 * blob: scripts) embeds widget.js from Livedesk (another port). Chromium's fake capture device plays
 * espeak-ng speech; the widget loads its audio worklet from Livedesk's origin, streams 16 kHz PCM over its
 * viewer socket, the server's Silero VAD cuts the question, the fake recogniser's words become a spoken
 * turn in the chat, and the answer comes back as text and as audio the widget plays and reports. On a
 * 375 px phone page, in Chinese and in English.
 */
describe.skipIf(missing !== undefined)(
  `the widget's microphone on another site's page${missing ? ` (skipped: ${missing})` : ''}`,
  () => {
    let folder: string;
    let speech: FakeSpeechServer;
    let server: WebTestServer;
    let hostPage: { url: string; close(): Promise<void> };

    beforeAll(async () => {
      folder = mkdtempSync(path.join(tmpdir(), 'livedesk-widget-mic-'));
      speech = await startFakeSpeechServer({
        transcribe: ({ language }) => (language === 'zh' ? LANGUAGES[0]!.question : LANGUAGES[1]!.question),
        // Spoken answers of a few seconds (40 ms of audio a character): long enough to talk over.
        msPerChar: 40,
      });
      server = await startWebTestServer({
        LIVEDESK_STT_BASE_URL: speech.baseURL,
        LIVEDESK_STT_MODEL: 'whisper-test',
        LIVEDESK_TTS_BASE_URL: speech.baseURL,
        LIVEDESK_TTS_MODEL: 'tts-test',
      });
      hostPage = await startHostPage(server.url);
    }, 120_000);

    afterAll(async () => {
      await hostPage?.close();
      await server?.close();
      await speech?.close();
      if (folder) rmSync(folder, { recursive: true, force: true });
    });

    it.each(LANGUAGES)(
      'in $lang: a spoken question becomes a turn and its answer is shown and spoken',
      { timeout: 120_000 },
      async (language) => {
        const wav = path.join(folder, `question-${language.lang}.wav`);
        writeSpokenQuestion(wav, language.spoken, language.voice);
        const browser: Browser = await launchChromiumWithMicrophone(wav);
        try {
          const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
          await context.addInitScript(spyOnPage);
          const { page, problems } = await openPage(
            context,
            `${hostPage.url}?locale=${language.locale}&room=widget-mic-${language.lang}`,
          );
          const parts = widget(page);
          // Shown: the server has speech to text; enabled once the widget has joined.
          await parts.host.locator('.mic-button:not([hidden]):not([disabled])').waitFor({ timeout: 20_000 });
          await parts.mic.click();
          await expect.poll(() => parts.mic.getAttribute('aria-pressed')).toBe('true');

          await expect
            .poll(() => parts.spokenQuestion.innerText().catch(() => ''), { timeout: 30_000 })
            .toContain(language.question);
          expect(await parts.spokenQuestion.locator('.channel').innerText()).toBe(language.label);
          await expect
            .poll(() => parts.answer.innerText().catch(() => ''), { timeout: 20_000 })
            .toContain(language.answer);
          expect(await parts.heard.innerText()).toBe(language.question);

          // The answer is spoken: the line says so, and the widget reports what was played, to the end.
          await expect
            .poll(() => parts.speaking.getAttribute('data-state'), { timeout: 20_000 })
            .toBe('speaking');
          await screenshot(page, `widget-microphone-${language.lang}-375`);
          const spy = (): Promise<Pick<Spy, '__sent' | '__audioBytes' | '__violations'>> =>
            page.evaluate(() => {
              const { __sent, __audioBytes, __violations } = globalThis as unknown as Spy;
              return { __sent, __audioBytes, __violations };
            });
          await expect
            .poll(
              async () =>
                (await spy()).__sent.some((frame) => frame.type === 'playback' && frame.state === 'done'),
              { timeout: 30_000 },
            )
            .toBe(true);
          const { __sent: frames, __audioBytes: audioBytes } = await spy();
          expect(frames.find((frame) => frame.type === 'voice-start')).toMatchObject({
            language: language.lang,
            speakAnswers: true,
          });
          const played = frames.filter((frame) => frame.type === 'playback');
          expect(played[0]).toMatchObject({ state: 'speaking' });
          expect(played.at(-1)!.playedChars).toBeGreaterThan(language.answer.length);
          // Over a second of 16 kHz PCM16 went out as binary messages on the widget's socket.
          expect(audioBytes).toBeGreaterThan(32_000 * 2);
          await expect.poll(() => parts.speaking.getAttribute('data-state')).toBe('silent');

          await parts.mic.click();
          await expect.poll(() => parts.mic.getAttribute('aria-pressed')).toBe('false');
          expect((await spy()).__sent.some((frame) => frame.type === 'voice-stop')).toBe(true);
          expect(await parts.micState.getAttribute('data-state')).toBe('off');
          // The page's policy takes scripts from itself and Livedesk only: the worklet came from Livedesk's
          // origin (a blob: or any other source would have been refused, and reported here).
          expect((await spy()).__violations).toEqual([]);
          expect(problems).toEqual([]);
        } finally {
          await browser.close();
        }
      },
    );

    it(
      'pauses the spoken answer as soon as the viewer talks over it (barge-in)',
      { timeout: 120_000 },
      async () => {
        // The question, then words while its answer (about 6 s of audio) is still being spoken.
        const wav = path.join(folder, 'barge-in.wav');
        writeSpokenQuestion(wav, 'How do I top up coins?', 'en', {
          then: { afterMs: 2500, text: 'No wait, stop, I mean my order' },
        });
        const browser = await launchChromiumWithMicrophone(wav);
        try {
          const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
          await context.addInitScript(spyOnPage);
          const { page, problems } = await openPage(
            context,
            `${hostPage.url}?locale=en&room=widget-barge-in`,
          );
          const parts = widget(page);
          await parts.host.locator('.mic-button:not([hidden]):not([disabled])').waitFor({ timeout: 20_000 });
          await parts.mic.click();
          const spy = (): Promise<Pick<Spy, '__speechStops' | '__suspends'>> =>
            page.evaluate(() => {
              const { __speechStops, __suspends } = globalThis as unknown as Spy;
              return { __speechStops, __suspends };
            });
          await expect
            .poll(async () => (await spy()).__speechStops.length, { timeout: 40_000 })
            .toBeGreaterThan(0);
          const { __speechStops: stops, __suspends: suspends } = await spy();
          // Paused on the frame itself: the player's audio context was suspended after the first speech-stop.
          expect(suspends.some((at) => at >= stops[0]!)).toBe(true);
          // Words, not a backchannel: the answer was cut off, and the second question was taken.
          await expect
            .poll(() => parts.host.locator('.message.viewer[data-channel=voice]').count(), {
              timeout: 30_000,
            })
            .toBeGreaterThan(1);
          expect(problems).toEqual([]);
        } finally {
          await browser.close();
        }
      },
    );

    it('shows no microphone when the server has no speech to text', { timeout: 60_000 }, async () => {
      const plain = await startWebTestServer();
      const plainHost = await startHostPage(plain.url);
      const browser = await newBrowser();
      try {
        const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
        const configRead = context.waitForEvent('response', {
          predicate: (response) => response.url().endsWith('/api/widget/config'),
        });
        const { page, problems } = await openPage(context, `${plainHost.url}?locale=en&room=no-mic`);
        const parts = widget(page);
        await configRead;
        await parts.host.locator('.status[data-state=open]').waitFor();
        // The config (both switches off) is read and acted on: nothing more is fetched for a microphone.
        await page.waitForLoadState('networkidle');
        expect(await parts.mic.count()).toBe(0);
        expect(await parts.host.locator('.mic-bar').count()).toBe(0);
        // Nor its script: a widget without speech to text stays as small as before.
        expect(await page.evaluate(() => 'LivedeskWidgetVoice' in (globalThis as unknown as object))).toBe(
          false,
        );
        expect(problems).toEqual([]);
      } finally {
        await browser.close();
        await plainHost.close();
        await plain.close();
      }
    });
  },
);
