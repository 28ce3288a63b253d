import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeWav, startFakeSpeechServer, type FakeSpeechServer } from '../support/fake-speech-server.js';
import { startDeskServer, type DeskServer } from '../server/desk-server.js';
import { missingSpeechTools, pcmBytes, SAMPLE_RATE, sequence, silence, SpokenAudio } from './spoken-audio.js';
import { isEvent, isType, VoiceTestClient } from './voice-test-client.js';

const missing = missingSpeechTools();
const QUESTION = { en: 'How do I top up coins?', zh: '怎么充值金币' } as const;

/** A viewer who speaks `words` over the viewer socket; resolves once their voice message is stored. */
async function speakTurn(server: DeskServer, audio: SpokenAudio, roomId: string, language: 'en' | 'zh') {
  const { token, viewerId } = await server.viewerToken({ roomId, locale: language });
  const viewer = await VoiceTestClient.connect(`${server.baseUrl.replace('http', 'ws')}/ws/viewer`);
  viewer.send({ type: 'join', token, locale: language });
  const joined = await viewer.waitFor(isType('joined'));
  viewer.send({ type: 'voice-start', sampleRate: 16000, encoding: 'pcm16', language });
  await viewer.waitFor(isType('voice-started'));
  const spoken = audio.speak(QUESTION[language], language === 'zh' ? 'cmn' : 'en');
  const from = viewer.mark();
  await viewer.speak(pcmBytes(sequence(silence(300), spoken, silence(900)).samples));
  const said = await viewer.waitFor(isEvent('viewer-message'), from);
  return {
    viewer,
    viewerId,
    conversationId: joined.frame.conversationId,
    said,
    spokenMs: (spoken.length * 1000) / SAMPLE_RATE,
  };
}

/**
 * Issue 17 part 5: a viewer's streamed speech, cut by the real Silero VAD and heard by the scripted
 * recogniser, becomes their voice turn, and its sound is kept as a voice recording of the conversation that
 * staff play through a signed link, linked to the turn whose words it carries.
 */
describe.skipIf(missing !== undefined)(
  `spoken turns kept for the agents${missing ? ` (skipped: ${missing})` : ''}`,
  () => {
    let speech: FakeSpeechServer;
    let server: DeskServer;
    let refusing: DeskServer;
    let audio: SpokenAudio;

    beforeAll(async () => {
      audio = new SpokenAudio();
      speech = await startFakeSpeechServer({
        transcribe: ({ language }) => (language === 'zh' ? QUESTION.zh : QUESTION.en),
      });
      const speechEnv = { LIVEDESK_STT_BASE_URL: speech.baseURL, LIVEDESK_STT_MODEL: 'whisper-test' };
      // The second: an operator who takes no voice (spoken turns answered, their sound not kept).
      [server, refusing] = await Promise.all([
        startDeskServer(speechEnv),
        startDeskServer({ ...speechEnv, LIVEDESK_MEDIA_ALLOWED: 'image,sticker' }),
      ]);
    }, 120_000);
    afterAll(async () => {
      await server?.close();
      await refusing?.close();
      await speech?.close();
      audio?.close();
    });

    for (const language of ['en', 'zh'] as const)
      it(`stores the spoken turn's sound, plays it through the console's link, with its words (${language})`, async () => {
        const turn = await speakTurn(server, audio, `room-spoken-${language}`, language);
        expect(turn.said.frame.event).toMatchObject({ text: QUESTION[language], channel: 'voice' });
        const said = turn.said.frame;
        expect(said.type === 'event' && said.sequence).toBeGreaterThan(0);

        // A supervisor's console watches the conversation: the turn, then its recording naming it.
        const supervisor = await server.createStaff({
          username: `spoken-sup-${language}`,
          role: 'supervisor',
        });
        const staffSocket = await server.connectAgent();
        await staffSocket.authenticate(supervisor.token);
        staffSocket.send({ type: 'watch', conversationId: turn.conversationId, lastSequence: 0 });
        const recording = await staffSocket.waitForConversationEvent(turn.conversationId, 'media-message', {
          where: (event) => event.spokenTurn !== undefined,
        });
        const spokenAt = await staffSocket.waitForConversationEvent(turn.conversationId, 'viewer-message', {
          where: (event) => event.channel === 'voice',
        });
        expect(recording.event).toMatchObject({
          by: 'viewer',
          kind: 'voice',
          mime: 'audio/wav',
          spokenTurn: spokenAt.sequence,
        });
        expect(spokenAt.event.text).toBe(QUESTION[language]);
        expect(recording.sequence).toBeGreaterThan(spokenAt.sequence!);

        // The link the console got plays the segment: 16 kHz mono WAV holding the words (and VAD padding).
        const url = (recording.event as { url?: string }).url;
        expect(url).toMatch(/^\/media\//);
        const fetched = await fetch(`${server.baseUrl}${url!}`);
        expect(fetched.status).toBe(200);
        expect(fetched.headers.get('content-type')).toBe('audio/wav');
        const wav = decodeWav(new Uint8Array(await fetched.arrayBuffer()));
        expect(wav?.sampleRate).toBe(16_000);
        expect(wav!.durationMs).toBeGreaterThan(turn.spokenMs - 200);
        expect(wav!.durationMs).toBeLessThan(turn.spokenMs + 1500);
        expect(recording.event.durationMs).toBe(Math.round(wav!.durationMs));
        // The recognised segment is the kept one, byte for byte in its samples.
        expect(speech.transcriptions.some((record) => record.durationMs === wav!.durationMs)).toBe(true);

        // The viewer said it: the recording is not sent back to them.
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(
          turn.viewer.frames.some(
            ({ frame }) => frame.type === 'event' && frame.event.type === 'media-message',
          ),
        ).toBe(false);
        turn.viewer.send({ type: 'voice-stop' });
        turn.viewer.close();
        await staffSocket.close();

        // The viewer's data: the export lists the recording, erasure removes it and its file.
        const admin = await server.login('admin');
        const exported = (await (
          await server.request(`/api/privacy/viewers/${turn.viewerId}/export`, { token: admin.token })
        ).json()) as { media: { id: string; kind: string }[] };
        expect(exported.media).toEqual([
          // Named for its turn, as a ticket's attachments list it.
          expect.objectContaining({
            id: recording.event.mediaId,
            kind: 'voice',
            name: `spoken-turn-${spokenAt.sequence}.wav`,
          }),
        ]);
        // Once the closed socket has let go of the conversation.
        const erase = () =>
          server.request(`/api/privacy/viewers/${turn.viewerId}/erase`, {
            token: admin.token,
            json: { mode: 'anonymise', confirmViewerId: turn.viewerId },
          });
        let erased = await erase();
        for (let tries = 0; erased.status === 409 && tries < 50; tries++) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          erased = await erase();
        }
        expect(erased.status).toBe(200);
        expect(((await erased.json()) as { media: number }).media).toBe(1);
        expect((await fetch(`${server.baseUrl}${url!}`)).status).toBe(404);
      });

    it('keeps nothing of a spoken turn when the operator takes no voice', async () => {
      const turn = await speakTurn(refusing, audio, 'room-spoken-refused', 'en');
      expect(turn.said.frame.event).toMatchObject({ text: QUESTION.en, channel: 'voice' });
      const supervisor = await refusing.createStaff({ username: 'spoken-sup-refused', role: 'supervisor' });
      const staffSocket = await refusing.connectAgent();
      await staffSocket.authenticate(supervisor.token);
      // A typed message after the turn: by its arrival a recording would have had time to be stored.
      turn.viewer.send({ type: 'message', text: 'hello again', clientMessageId: 'after-voice' });
      await turn.viewer.waitFor(isEvent('viewer-message', (event) => event.text === 'hello again'));
      await new Promise((resolve) => setTimeout(resolve, 500));
      staffSocket.send({ type: 'watch', conversationId: turn.conversationId, lastSequence: 0 });
      await staffSocket.waitForConversationEvent(turn.conversationId, 'viewer-message', {
        where: (event) => event.text === 'hello again',
      });
      expect(
        staffSocket.frames.some((frame) => frame.type === 'event' && frame.event.type === 'media-message'),
      ).toBe(false);
      const folder = path.join(refusing.dataDir, 'media');
      const stored = (() => {
        try {
          return readdirSync(folder, { recursive: true }).length;
        } catch {
          return 0;
        }
      })();
      expect(stored).toBe(0);
      turn.viewer.close();
    });
  },
);
