import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, chromiumAvailable } from '../support/chromium.js';
import { launchChromiumWithMicrophone, writeSpokenQuestion } from '../support/fake-microphone.js';
import { startFakeSpeechServer, type FakeSpeechServer } from '../support/fake-speech-server.js';
import { missingSpeechTools } from '../voice/spoken-audio.js';
import { newBrowser, openPage, startWebTestServer, type WebTestServer } from './web-test-server.js';

const missing = missingSpeechTools() ?? (chromiumAvailable() ? undefined : `no Chromium at ${CHROMIUM_PATH}`);
const SHOTS = process.env.LIVEDESK_SHOTS ?? path.join(tmpdir(), 'shots');

/** What the fake recogniser "hears", by the language the page asked for. */
const QUESTIONS: Record<'zh' | 'en', string> = { zh: '怎么充值金币', en: 'How do I top up coins?' };
const ANSWERS: Record<'zh' | 'en', string> = {
  zh: '打开 App，进入 我的 > 钱包 > 充值',
  en: 'Go to Me > Wallet > Top Up',
};

interface SentFrame {
  type: string;
  state?: string;
  playedChars?: number;
  language?: string;
  speakAnswers?: boolean;
}

/** Records the JSON frames and audio bytes the page sends on its WebSockets (installed before its scripts run). */
function spyOnSockets(): void {
  const spy = globalThis as unknown as { __sent: unknown[]; __audioBytes: number };
  spy.__sent = [];
  spy.__audioBytes = 0;
  type Data = string | ArrayBufferLike | Blob | ArrayBufferView;
  const send: (this: WebSocket, data: Data) => void = Reflect.get(WebSocket.prototype, 'send');
  WebSocket.prototype.send = function (this: WebSocket, data: Data) {
    if (typeof data === 'string') spy.__sent.push(JSON.parse(data));
    else if (data instanceof ArrayBuffer) spy.__audioBytes += data.byteLength;
    send.call(this, data);
  };
}

/**
 * The viewer page's real microphone and spoken answers: Chromium's fake capture device plays espeak-ng
 * speech, the page streams it over its viewer socket, the server's Silero VAD cuts the question, the fake
 * recogniser's scripted words become the viewer's voice message, and the answer comes back as audio the
 * page plays and reports.
 */
describe.skipIf(missing !== undefined)(
  `the viewer page's microphone in Chromium${missing ? ` (skipped: ${missing})` : ''}`,
  () => {
    let folder: string;
    let speech: FakeSpeechServer;
    let server: WebTestServer;
    let browser: Browser;
    let context: BrowserContext;

    beforeAll(async () => {
      folder = mkdtempSync(path.join(tmpdir(), 'livedesk-viewer-mic-'));
      mkdirSync(SHOTS, { recursive: true });
      const wav = path.join(folder, 'microphone.wav');
      writeSpokenQuestion(wav, 'How do I top up coins?');
      speech = await startFakeSpeechServer({
        transcribe: ({ language }) => (language === 'zh' ? QUESTIONS.zh : QUESTIONS.en),
        // Short spoken answers: 20 ms of audio a character.
        msPerChar: 20,
      });
      server = await startWebTestServer({
        LIVEDESK_STT_BASE_URL: speech.baseURL,
        LIVEDESK_STT_MODEL: 'whisper-test',
        LIVEDESK_TTS_BASE_URL: speech.baseURL,
        LIVEDESK_TTS_MODEL: 'tts-test',
      });
      browser = await launchChromiumWithMicrophone(wav);
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await server?.close();
      await speech?.close();
      if (folder) rmSync(folder, { recursive: true, force: true });
    });

    beforeEach(async () => {
      context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
      await context.addInitScript(spyOnSockets);
    });

    afterEach(async () => {
      await context.close();
    });

    for (const language of ['en', 'zh'] as const) {
      it(`takes a spoken question and speaks the answer (${language})`, { timeout: 90_000 }, async () => {
        const { page, problems } = await openPage(
          context,
          `${server.url}/viewer?room=mic-room-${language}&lang=${language}`,
        );
        await page.locator('#composer[data-joined=true]').waitFor();
        const button = page.locator('#mic-button');
        await button.waitFor({ state: 'visible' });
        // The simulation stays, labelled as one.
        expect(await page.locator('#voice-title').innerText()).toBe(
          language === 'zh' ? '语音模拟' : 'Voice simulation',
        );
        await button.click();
        await expect.poll(() => button.getAttribute('aria-pressed')).toBe('true');

        const heard = page.locator('.message.viewer').last();
        await expect
          .poll(() => heard.innerText().catch(() => ''), { timeout: 30_000 })
          .toContain(QUESTIONS[language]);
        expect(await heard.locator('.channel').innerText()).toBe(language === 'zh' ? '语音' : 'voice');
        await expect
          .poll(
            () =>
              page
                .locator('.message.assistant')
                .last()
                .innerText()
                .catch(() => ''),
            { timeout: 20_000 },
          )
          .toContain(ANSWERS[language]);
        expect(await page.locator('#mic-heard .words').innerText()).toBe(QUESTIONS[language]);

        // The answer is spoken: the indicator shows it and the page reports what was played, to the end.
        const speaking = page.locator('#mic-speaking');
        await expect.poll(() => speaking.getAttribute('data-state'), { timeout: 20_000 }).toBe('speaking');
        await page.screenshot({ path: path.join(SHOTS, `viewer-voice-${language}.png`) });
        const sent = (): Promise<SentFrame[]> =>
          page.evaluate(() => (globalThis as unknown as { __sent: SentFrame[] }).__sent);
        await expect
          .poll(
            async () => (await sent()).some((frame) => frame.type === 'playback' && frame.state === 'done'),
            {
              timeout: 30_000,
            },
          )
          .toBe(true);
        const frames = await sent();
        const start = frames.find((frame) => frame.type === 'voice-start');
        expect(start).toMatchObject({ language, speakAnswers: true });
        const played = frames.filter((frame) => frame.type === 'playback');
        expect(played[0]).toMatchObject({ state: 'speaking' });
        expect(played.at(-1)!.playedChars).toBeGreaterThan(ANSWERS[language].length);
        expect(speech.speeches.length).toBeGreaterThan(0);
        // About 20 ms pieces of 16 kHz speech went out as binary messages.
        const audioBytes = await page.evaluate(
          () => (globalThis as unknown as { __audioBytes: number }).__audioBytes,
        );
        expect(audioBytes).toBeGreaterThan(32_000 * 2);
        await expect.poll(() => speaking.getAttribute('data-state')).toBe('silent');

        await button.click();
        await expect.poll(() => button.getAttribute('aria-pressed')).toBe('false');
        expect((await sent()).some((frame) => frame.type === 'voice-stop')).toBe(true);
        expect(await page.locator('#mic-state').getAttribute('data-state')).toBe('off');
        expect(problems).toEqual([]);
      });
    }

    it('says in one line when the microphone is refused or missing', { timeout: 60_000 }, async () => {
      const refused = async (browserArgs: string[], room: string): Promise<string> => {
        const refusing = await chromium.launch({
          executablePath: CHROMIUM_PATH,
          headless: true,
          args: ['--no-sandbox', '--disable-gpu', '--no-first-run', ...browserArgs],
        });
        try {
          const { page } = await openPage(
            await refusing.newContext(),
            `${server.url}/viewer?room=${room}&lang=zh`,
          );
          await page.locator('#composer[data-joined=true]').waitFor();
          await page.locator('#mic-button').click();
          const problem = page.locator('#mic-problem');
          await expect.poll(() => problem.isVisible(), { timeout: 15_000 }).toBe(true);
          expect(await page.locator('#mic-button').getAttribute('aria-pressed')).toBe('false');
          await expect.poll(() => page.locator('#mic-state').getAttribute('data-state')).toBe('off');
          return await problem.innerText();
        } finally {
          await refusing.close();
        }
      };
      // A device, but no --use-fake-ui-for-media-stream: the permission prompt is refused, as a viewer saying no.
      expect(await refused(['--use-fake-device-for-media-stream'], 'mic-refused')).toContain(
        '浏览器没有允许使用麦克风',
      );
      // No capture device at all.
      expect(await refused(['--use-fake-ui-for-media-stream'], 'mic-missing')).toContain('没有找到麦克风');
    });

    it('hides the microphone when the server has no speech to text', { timeout: 60_000 }, async () => {
      const plain = await startWebTestServer();
      const chromiumPlain = await newBrowser();
      try {
        const plainContext = await chromiumPlain.newContext();
        const { page, problems } = await openPage(plainContext, `${plain.url}/viewer?room=no-mic&lang=en`);
        await page.locator('#composer[data-joined=true]').waitFor();
        // The page has read the config (both switches off) and applied it.
        await page.locator('#mic-panel[data-configured=true]').waitFor({ state: 'attached' });
        expect(await page.locator('#mic-panel').isHidden()).toBe(true);
        expect(await page.locator('#mic-button').isVisible()).toBe(false);
        expect(await page.locator('#voice-form').isVisible()).toBe(true);
        expect(problems).toEqual([]);
      } finally {
        await chromiumPlain.close();
        await plain.close();
      }
    });
  },
);
