import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pcm16ToWav } from '../../engine/voice/pcm-wav.js';
import { chromiumAvailable } from '../support/chromium.js';
import { startFakeSpeechServer, type FakeSpeechServer } from '../support/fake-speech-server.js';
import { missingSpeechTools, pcmBytes, sequence, silence, SpokenAudio } from '../voice/spoken-audio.js';
import { isEvent, isType, VoiceTestClient } from '../voice/voice-test-client.js';
import {
  DEMO_PASSWORD,
  logIn,
  newBrowser,
  openPage,
  startWebTestServer,
  type WebTestServer,
} from './web-test-server.js';

const WAIT = { timeout: 20_000 };
const SHOTS = '/tmp/shots';
const missing = missingSpeechTools() ?? (chromiumAvailable() ? undefined : 'no Chromium');

/** What the viewer says aloud, asks for, and says in a clip; what the fake recogniser hears in each. */
const LANGUAGES = [
  {
    lang: 'zh',
    voice: 'cmn',
    spoken: '怎么充值金币',
    human: '我要人工',
    clip: '我充值的金币没到账',
    transcript: '语音转文字',
    spokenLabel: '语音发言',
    clipLabel: '语音',
  },
  {
    lang: 'en',
    voice: 'en',
    spoken: 'How do I top up coins?',
    human: 'I want to talk to a human',
    clip: 'my coins did not arrive',
    transcript: 'Transcript',
    spokenLabel: 'Spoken',
    clipLabel: 'Voice clip',
  },
] as const;

interface MediaElementLike {
  readyState: number;
  duration: number;
  error: unknown;
}

/** Loads a player's audio and reads its length (seconds) once the browser knows it. */
async function loadedDuration(audio: Locator): Promise<{ duration: number; failed: boolean }> {
  await audio.evaluate((node) => (node as unknown as { load(): void }).load());
  await expect
    .poll(() => audio.evaluate((node) => (node as unknown as MediaElementLike).readyState), WAIT)
    .toBeGreaterThanOrEqual(1);
  return audio.evaluate((node) => {
    const clip = node as unknown as MediaElementLike;
    return { duration: clip.duration, failed: clip.error !== null };
  });
}

/**
 * Issue 17 part 5 in the console: a viewer asks aloud over the viewer socket (real Silero VAD, espeak-ng
 * speech, the scripted recogniser), asks for a person, and sends a voice clip once the agent has them; the
 * agent's transcript plays both, the spoken turn on its own line with its words, the clip with what the
 * recogniser heard in it while a person had the conversation. In Chinese and in English.
 */
describe.skipIf(missing !== undefined)(
  `the console plays spoken turns and clips with their transcripts${missing ? ` (skipped: ${missing})` : ''}`,
  () => {
    let server: WebTestServer;
    let speech: FakeSpeechServer;
    let browser: Browser;
    let audio: SpokenAudio;

    beforeAll(async () => {
      mkdirSync(SHOTS, { recursive: true });
      audio = new SpokenAudio();
      speech = await startFakeSpeechServer();
      server = await startWebTestServer({
        LIVEDESK_STT_BASE_URL: speech.baseURL,
        LIVEDESK_STT_MODEL: 'fake-whisper',
        LIVEDESK_OFFER_TIMEOUT_MS: '600000',
        LIVEDESK_HTTP_RATE_BURST: '10000',
      });
      browser = await newBrowser();
    }, 90_000);

    afterAll(async () => {
      await browser?.close();
      await server?.close();
      await speech?.close();
      audio?.close();
    });

    async function viewerToken(roomId: string, locale: string): Promise<string> {
      const login = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }),
      });
      const { token } = (await login.json()) as { token: string };
      const issued = await fetch(`${server.url}/api/viewer/tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ roomId, viewerId: `spoken-${roomId}`, tier: 'regular', locale }),
      });
      return ((await issued.json()) as { token: string }).token;
    }

    for (const language of LANGUAGES)
      it(
        `in ${language.lang}: a spoken turn and a clip, each with a player and its words`,
        {
          timeout: 120_000,
        },
        async () => {
          const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
          try {
            const agent = await openPage(context, `${server.url}/console?lang=${language.lang}`);
            await logIn(agent.page, 'agent');
            await agent.page.locator('#connection-state[data-state=open]').waitFor(WAIT);

            // The viewer asks aloud: the VAD cuts the question, the recogniser hears it, the AI answers.
            const token = await viewerToken(`console-spoken-${language.lang}`, language.lang);
            const viewer = await VoiceTestClient.connect(`${server.url.replace('http', 'ws')}/ws/viewer`);
            viewer.send({ type: 'join', token, locale: language.lang });
            const joined = await viewer.waitFor(isType('joined'));
            const conversationId = joined.frame.conversationId;
            viewer.send({
              type: 'voice-start',
              sampleRate: 16000,
              encoding: 'pcm16',
              language: language.lang,
            });
            await viewer.waitFor(isType('voice-started'));
            speech.setTranscriber(() => language.spoken);
            const words = audio.speak(language.spoken, language.voice);
            await viewer.speak(pcmBytes(sequence(silence(300), words, silence(900)).samples));
            const asked = await viewer.waitFor(
              isEvent('viewer-message', (event) => event.text === language.spoken),
            );
            // The AI answers it before the viewer asks for a person.
            await viewer.waitFor(isEvent('turn-end'), asked.index);
            viewer.send({ type: 'voice-stop' });

            // Then asks for a person, who takes the conversation.
            viewer.send({ type: 'message', text: language.human, clientMessageId: 'ask-human' });
            const offered = agent.page.locator(
              `#my-conversations .conversation-item[data-conversation-id="${conversationId}"]`,
            );
            await offered.waitFor(WAIT);
            await offered.click();
            await agent.page.locator('#accept').click();
            await expect.poll(() => agent.page.locator('#reply-text').isEnabled(), WAIT).toBe(true);

            // A clip while the person has it: transcribed for them, not answered by the AI.
            speech.setTranscriber(() => language.clip);
            const clipSamples = sequence(
              silence(200),
              audio.speak(language.clip, language.voice),
              silence(200),
            );
            const sent = await fetch(
              `${server.url}/api/media?${new URLSearchParams({ conversationId }).toString()}`,
              {
                method: 'POST',
                headers: { authorization: `Bearer ${token}` },
                body: pcm16ToWav(clipSamples.samples, 16_000),
              },
            );
            expect(sent.status).toBe(201);

            const transcript = agent.page.locator('#transcript');
            const players = transcript.locator('.line.viewer .media-voice');
            await expect.poll(() => players.count(), WAIT).toBe(2);
            // The spoken turn: its own line (tagged voice), the player, its words under it.
            const spokenLine = transcript.locator('.line.viewer', {
              has: agent.page.locator('.media-transcript', { hasText: language.spoken }),
            });
            await spokenLine.waitFor(WAIT);
            expect(await spokenLine.locator('.media-transcript').innerText()).toBe(
              `${language.transcript}: ${language.spoken}`,
            );
            // Labelled as the viewer's speech, not as a clip they sent.
            expect(await spokenLine.locator('.media-voice').getAttribute('data-spoken')).toBe('true');
            expect(await spokenLine.locator('.media-label').innerText()).toMatch(
              new RegExp(`^${language.spokenLabel} 0:0\\d$`),
            );
            const spoken = await loadedDuration(spokenLine.locator('audio'));
            expect(spoken.failed).toBe(false);
            expect(spoken.duration).toBeGreaterThan(words.length / 16_000 - 0.2);
            // The clip: what the recogniser heard, beside its player.
            const clipLine = transcript.locator('.line.viewer', {
              has: agent.page.locator('.media-transcript', { hasText: language.clip }),
            });
            await clipLine.waitFor(WAIT);
            expect(await clipLine.locator('.media-label').innerText()).toMatch(
              new RegExp(`^${language.clipLabel} 0:0\\d$`),
            );
            const clip = await loadedDuration(clipLine.locator('audio'));
            expect(clip.failed).toBe(false);
            expect(clip.duration).toBeGreaterThan(0.3);
            // Each is one line: the words are not shown a second time as a plain message.
            expect(await transcript.locator('.line.viewer .line-text').allInnerTexts()).not.toContain(
              language.spoken,
            );
            await transcript.locator('.media-voice').first().scrollIntoViewIfNeeded();
            await agent.page.screenshot({ path: path.join(SHOTS, `console-spoken-${language.lang}.png`) });
            await clipLine.scrollIntoViewIfNeeded();
            await agent.page.screenshot({ path: path.join(SHOTS, `console-clip-${language.lang}.png`) });
            expect(agent.problems).toEqual([]);
            viewer.close();
          } finally {
            await context.close();
          }
        },
      );
  },
);
