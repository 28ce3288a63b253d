import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDeskServer, type DeskServer } from '../server/desk-server.js';
import { CHROMIUM_PATH, chromiumAvailable } from '../support/chromium.js';
import { launchChromiumWithMicrophone, writeSpokenQuestion } from '../support/fake-microphone.js';
import { startFakeSpeechServer, type FakeSpeechServer } from '../support/fake-speech-server.js';
import { missingSpeechTools } from './spoken-audio.js';

const missing = missingSpeechTools() ?? (chromiumAvailable() ? undefined : `no Chromium at ${CHROMIUM_PATH}`);

/**
 * The browser's microphone end to end: Chromium's fake capture device plays a WAV of espeak-ng speech,
 * web/shared/voice-capture.ts streams it over a real viewer socket, the server's Silero VAD finds the
 * question and the (fake) recogniser's words become the viewer's voice message.
 */
describe.skipIf(missing !== undefined)(
  `the microphone in Chromium${missing ? ` (skipped: ${missing})` : ''}`,
  () => {
    let folder: string;
    let speech: FakeSpeechServer;
    let server: DeskServer;
    let browser: Browser;
    let bundle: string;
    const heardDurations: number[] = [];

    beforeAll(async () => {
      folder = mkdtempSync(path.join(tmpdir(), 'livedesk-mic-'));
      const wav = path.join(folder, 'microphone.wav');
      writeSpokenQuestion(wav, 'How do I top up coins?');
      execFileSync('soxi', [wav]);
      speech = await startFakeSpeechServer({
        transcribe: ({ durationMs }) => {
          heardDurations.push(durationMs);
          return 'How do I top up coins?';
        },
      });
      server = await startDeskServer({
        LIVEDESK_STT_BASE_URL: speech.baseURL,
        LIVEDESK_STT_MODEL: 'whisper-test',
      });
      const built = await build({
        stdin: {
          contents: "export * from './voice-capture.ts'; export * from './speech-player.ts';",
          resolveDir: path.resolve(import.meta.dirname, '../../web/shared'),
          loader: 'ts',
        },
        bundle: true,
        write: false,
        format: 'iife',
        globalName: 'LivedeskVoice',
        target: 'es2022',
      });
      bundle = built.outputFiles[0]!.text;
      browser = await launchChromiumWithMicrophone(wav);
    }, 120_000);
    afterAll(async () => {
      await browser?.close();
      await server?.close();
      await speech?.close();
      rmSync(folder, { recursive: true, force: true });
    });

    it('streams the fake microphone at 16 kHz and the spoken question becomes a voice message', async () => {
      const { token } = await server.viewerToken({ roomId: 'room-mic', locale: 'en' });
      const page = await browser.newPage();
      // An http://127.0.0.1 page is a secure context: getUserMedia is allowed.
      await page.goto(`${server.baseUrl}/healthz`);
      await page.addScriptTag({ content: bundle });
      const result = await page.evaluate(
        async ({ token: viewerToken, url }) => {
          // The page's global from the bundle (web/shared/voice-capture.ts), typed here: the test is no DOM program.
          const voice = (
            globalThis as unknown as {
              LivedeskVoice: {
                startVoiceCapture(options: {
                  send: (pcm: ArrayBuffer) => void;
                }): Promise<{ stop(): Promise<void> }>;
              };
            }
          ).LivedeskVoice;
          const socket = new WebSocket(url);
          socket.binaryType = 'arraybuffer';
          const frames: { type: string; event?: { type: string; text?: string; channel?: string } }[] = [];
          let bytesSent = 0;
          let pieces = 0;
          const next = (match: (frame: (typeof frames)[number]) => boolean, ms: number) =>
            new Promise<(typeof frames)[number]>((resolve, reject) => {
              const found = frames.find(match);
              if (found) return resolve(found);
              const timer = setTimeout(
                () => reject(new Error(`timed out; frames: ${JSON.stringify(frames)}`)),
                ms,
              );
              socket.addEventListener('message', function listen(message) {
                if (typeof message.data !== 'string') return;
                const frame = frames.at(-1)!;
                if (!match(frame)) return;
                clearTimeout(timer);
                socket.removeEventListener('message', listen);
                resolve(frame);
              });
            });
          socket.addEventListener('message', (message) => {
            if (typeof message.data === 'string')
              frames.push(JSON.parse(message.data) as (typeof frames)[number]);
          });
          await new Promise((resolve) => socket.addEventListener('open', resolve, { once: true }));
          socket.send(JSON.stringify({ type: 'join', token: viewerToken }));
          await next((frame) => frame.type === 'joined', 10_000);
          socket.send(
            JSON.stringify({ type: 'voice-start', sampleRate: 16000, encoding: 'pcm16', language: 'en' }),
          );
          await next((frame) => frame.type === 'voice-started', 10_000);
          const capture = await voice.startVoiceCapture({
            send: (pcm) => {
              bytesSent += pcm.byteLength;
              pieces += 1;
              socket.send(pcm);
            },
          });
          const activity = await next((frame) => frame.type === 'voice-activity', 15_000);
          const message = await next(
            (frame) => frame.type === 'event' && frame.event?.type === 'viewer-message',
            15_000,
          );
          await capture.stop();
          socket.close();
          return { activity, message: message.event, bytesSent, pieces };
        },
        { token, url: `${server.baseUrl.replace('http', 'ws')}/ws/viewer` },
      );
      expect(result.activity).toMatchObject({ type: 'voice-activity', state: 'speech-start' });
      expect(result.message).toMatchObject({
        type: 'viewer-message',
        text: 'How do I top up coins?',
        channel: 'voice',
      });
      // 20 ms pieces of 16-bit samples.
      expect(result.bytesSent / result.pieces).toBeCloseTo(640, -1);
      // The segment the server heard is the spoken question (about 1.3 s) with its padding, not the whole file.
      expect(heardDurations[0]).toBeGreaterThan(1000);
      expect(heardDurations[0]).toBeLessThan(3500);
      await page.close();
    }, 60_000);

    it('plays spoken answers in order and reports the characters heard, pausing and resuming on the server’s word', async () => {
      const page = await browser.newPage();
      await page.goto(`${server.baseUrl}/healthz`);
      await page.addScriptTag({ content: bundle });
      const reports = await page.evaluate(async () => {
        interface Report {
          state: string;
          playedChars: number;
          uninterruptible: boolean;
          at: number;
        }
        interface Player {
          audioHeader(header: object): void;
          audio(bytes: ArrayBuffer): void;
          mark(turnId: string, chars: number): void;
          end(turnId: string, reason: string): void;
          pause(): Promise<void>;
          resume(): Promise<void>;
          close(): Promise<void>;
        }
        const voice = (
          globalThis as unknown as {
            LivedeskVoice: {
              SpeechPlayer: new (options: { report: (report: Omit<Report, 'at'>) => void }) => Player;
            };
          }
        ).LivedeskVoice;
        const started = performance.now();
        const seen: Report[] = [];
        const player = new voice.SpeechPlayer({
          report: (report) => seen.push({ ...report, at: performance.now() - started }),
        });
        const tone = (ms: number) => {
          const samples = new Int16Array((24_000 * ms) / 1000);
          for (let index = 0; index < samples.length; index++)
            samples[index] = Math.round(6000 * Math.sin((2 * Math.PI * 440 * index) / 24_000));
          return samples.buffer;
        };
        const chunk = (turnId: string, ms: number, start: number, end: number, uninterruptible: boolean) => {
          const bytes = tone(ms);
          player.audioHeader({
            turnId,
            sampleRate: 24_000,
            bytes: bytes.byteLength,
            start,
            end,
            uninterruptible,
          });
          player.audio(bytes);
          player.mark(turnId, end);
        };
        const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
        await player.resume();
        chunk('t1', 300, 0, 10, false);
        chunk('t1', 300, 10, 20, true);
        player.end('t1', 'done');
        await wait(1000);
        const firstTurn = seen.splice(0);
        chunk('t2', 500, 0, 5, false);
        player.end('t2', 'done');
        await player.pause();
        await wait(800);
        const whilePaused = seen.splice(0);
        await player.resume();
        await wait(900);
        const afterResume = seen.splice(0);
        await player.close();
        return { firstTurn, whilePaused, afterResume };
      });
      const plain = (list: { state: string; playedChars: number; uninterruptible: boolean }[]) =>
        list.map(({ state, playedChars, uninterruptible }) => ({ state, playedChars, uninterruptible }));
      expect(plain(reports.firstTurn)).toEqual([
        { state: 'speaking', playedChars: 0, uninterruptible: false },
        { state: 'speaking', playedChars: 10, uninterruptible: true },
        { state: 'done', playedChars: 20, uninterruptible: false },
      ]);
      // The first mark is reached after its 300 ms of audio, not before.
      expect(reports.firstTurn[1]!.at).toBeGreaterThan(250);
      expect(
        plain(reports.whilePaused).filter((report) => report.playedChars > 0 || report.state === 'done'),
      ).toEqual([]);
      expect(plain(reports.afterResume).at(-1)).toEqual({
        state: 'done',
        playedChars: 5,
        uninterruptible: false,
      });
      await page.close();
    }, 30_000);
  },
);
