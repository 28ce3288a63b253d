import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../server/logging/logger.js';
import { startFakeSpeechServer, type FakeSpeechServer } from '../support/fake-speech-server.js';
import { startDeskServer, type DeskServer } from '../server/desk-server.js';
import { missingSpeechTools, pcmBytes, sequence, silence, SpokenAudio } from './spoken-audio.js';
import { isType, VoiceTestClient } from './voice-test-client.js';

const missing = missingSpeechTools();

/** A recogniser that fails is written to the server's own log (with the conversation), not to the console. */
describe.skipIf(missing !== undefined)(
  `a failed recognition in the server log${missing ? ` (skipped: ${missing})` : ''}`,
  () => {
    let speech: FakeSpeechServer;
    let server: DeskServer;
    let audio: SpokenAudio;
    const lines: string[] = [];

    beforeAll(async () => {
      audio = new SpokenAudio();
      speech = await startFakeSpeechServer({
        transcribe: () => {
          throw new Error('recogniser down');
        },
      });
      server = await startDeskServer(
        { LIVEDESK_STT_BASE_URL: speech.baseURL, LIVEDESK_STT_MODEL: 'whisper-test' },
        { logger: createLogger({ level: 'error', destination: { write: (line) => lines.push(line) } }) },
      );
    });
    afterAll(async () => {
      await server?.close();
      await speech?.close();
      audio?.close();
    });

    it('tells the viewer to say it again and logs the failure with the conversation', async () => {
      const { token } = await server.viewerToken({ roomId: 'room-voice', locale: 'en' });
      const viewer = await VoiceTestClient.connect(`${server.baseUrl.replace('http', 'ws')}/ws/viewer`);
      viewer.send({ type: 'join', token, locale: 'en' });
      const joined = await viewer.waitFor(isType('joined'));
      viewer.send({ type: 'voice-start', sampleRate: 16000, encoding: 'pcm16', language: 'en' });
      await viewer.waitFor(isType('voice-started'));
      await viewer.speak(
        pcmBytes(sequence(silence(300), audio.speak('Where is my order?'), silence(900)).samples),
      );
      const refused = await viewer.waitFor(isType('error'), 0, 30_000);
      expect(refused.frame).toMatchObject({ code: 'unavailable' });
      await expect
        .poll(() => lines.map((line) => JSON.parse(line) as { msg: string; conversationId?: string }))
        .toContainEqual(
          expect.objectContaining({
            msg: 'speech recognition failed',
            conversationId: joined.frame.conversationId,
          }),
        );
      viewer.close();
    }, 60_000);
  },
);
