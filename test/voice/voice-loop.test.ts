import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startFakeSpeechServer,
  type FakeSpeechServer,
  type HeardAudio,
} from '../support/fake-speech-server.js';
import { startDeskServer, type DeskServer } from '../server/desk-server.js';
import { missingSpeechTools, pcmBytes, SAMPLE_RATE, sequence, silence, SpokenAudio } from './spoken-audio.js';
import { isEvent, isType, VoiceTestClient } from './voice-test-client.js';

const missing = missingSpeechTools();

/**
 * The fake recogniser "hears" a segment as the registered clip whose length is nearest to the segment's
 * speech: the VAD adds its padding and hang-over (about 0.6 s) around the words it was given.
 */
class ScriptedHearing {
  private readonly clips: { ms: number; text: string }[] = [];

  register(samples: Int16Array, text: string): Int16Array {
    this.clips.push({ ms: (samples.length * 1000) / SAMPLE_RATE, text });
    return samples;
  }

  readonly transcribe = (audio: HeardAudio): string => {
    const speech = audio.durationMs - 600;
    const nearest = [...this.clips].sort((a, b) => Math.abs(a.ms - speech) - Math.abs(b.ms - speech))[0];
    return nearest && Math.abs(nearest.ms - speech) < 400 ? nearest.text : '';
  };
}

describe.skipIf(missing !== undefined)(
  `spoken questions over the viewer socket, with the real Silero VAD${missing ? ` (skipped: ${missing})` : ''}`,
  () => {
    let speech: FakeSpeechServer;
    let server: DeskServer;
    let audio: SpokenAudio;
    const hearing = new ScriptedHearing();

    beforeAll(async () => {
      audio = new SpokenAudio();
      // About real time: 100 ms of audio every 100 ms, so an answer is still being synthesised when cut off.
      speech = await startFakeSpeechServer({
        transcribe: hearing.transcribe,
        chunkMs: 100,
        chunkDelayMs: 100,
      });
      server = await startDeskServer({
        LIVEDESK_STT_BASE_URL: speech.baseURL,
        LIVEDESK_STT_MODEL: 'whisper-test',
        LIVEDESK_TTS_BASE_URL: speech.baseURL,
        LIVEDESK_TTS_MODEL: 'tts-test',
        LIVEDESK_TTS_VOICE: 'nova',
      });
    });
    afterAll(async () => {
      await server?.close();
      await speech?.close();
      audio?.close();
    });

    it('answers a spoken question aloud, pauses for a backchannel and a cough, and yields to words', async () => {
      const question = hearing.register(audio.speak('How do I top up coins?'), 'How do I top up coins?');
      const backchannel = hearing.register(audio.speak('uh-huh'), 'uh-huh');
      const interruption = hearing.register(
        audio.speak('Wait, how can I get a refund for my coins?'),
        'Wait, how can I get a refund for my coins?',
      );
      const widget = (await (await fetch(`${server.baseUrl}/api/widget/config`)).json()) as {
        voice: unknown;
      };
      expect(widget.voice).toEqual({ input: true, output: true });
      const { token } = await server.viewerToken({ roomId: 'room-voice', locale: 'en' });
      const viewer = await VoiceTestClient.connect(`${server.baseUrl.replace('http', 'ws')}/ws/viewer`);
      viewer.send({ type: 'join', token, locale: 'en' });
      await viewer.waitFor(isType('joined'));
      viewer.send({ type: 'voice-start', sampleRate: 16000, encoding: 'pcm16', language: 'en' });
      expect((await viewer.waitFor(isType('voice-started'))).frame.output).toBe(true);

      // 1. The question, spoken: recognised, asked, answered in text and in audio.
      await viewer.speak(pcmBytes(sequence(silence(300), question, silence(900)).samples));
      const asked = await viewer.waitFor(isEvent('viewer-message'));
      expect(asked.frame.event).toMatchObject({ text: 'How do I top up coins?', channel: 'voice' });
      const firstTurn = (await viewer.waitFor(isEvent('turn-start'))).frame.event.turnId;
      await viewer.waitFor(isEvent('turn-end', (event) => event.turnId === firstTurn));
      const answer = viewer.frames
        .flatMap(({ frame }) =>
          frame.type === 'event' && frame.event.type === 'text-delta' && frame.event.turnId === firstTurn
            ? [frame.event.text]
            : [],
        )
        .join('');
      expect(answer).toContain('Wallet');
      await viewer.waitFor(isType('speech-mark'));
      const firstAudio = viewer.audio.filter((chunk) => chunk.turnId === firstTurn);
      expect(firstAudio[0]).toMatchObject({ seq: 0, start: 0, sampleRate: 24_000, encoding: 'pcm16' });
      // Each chunk names the span of the answer it speaks; the fake speaks 60 ms a character, so the span's
      // audio length tells which characters it holds.
      const firstSpan = firstAudio.filter((chunk) => chunk.start === 0);
      const spanBytes = firstSpan.reduce((sum, chunk) => sum + chunk.pcm.length, 0);
      const span = answer.slice(firstSpan[0]!.start, firstSpan[0]!.end);
      expect(spanBytes).toBe(speech.samplesFor(span) * 2);
      expect(span).toBe('Go to Me > Wallet > Top Up,');
      expect(speech.speeches[0]).toMatchObject({ model: 'tts-test', voice: 'nova', input: span });
      // The viewer's player starts, and reports what it has played.
      viewer.send({ type: 'playback', state: 'speaking', playedChars: span.length });

      // 2. A backchannel over the answer: paused at the sound, resumed once heard as "uh-huh".
      let from = viewer.mark();
      await viewer.speak(pcmBytes(sequence(silence(200), backchannel, silence(900)).samples));
      const stopped = await viewer.waitFor(isEvent('speech-stop'), from);
      const resumed = await viewer.waitFor(isEvent('speech-resume'), from);
      expect([stopped.frame.event.turnId, resumed.frame.event.turnId]).toEqual([firstTurn, firstTurn]);
      expect(resumed.index).toBeGreaterThan(stopped.index);

      // 3. A cough: never a turn (at most a pause that resumes).
      from = viewer.mark();
      await viewer.speak(pcmBytes(sequence(silence(200), audio.cough(), silence(900)).samples));
      await new Promise((resolve) => setTimeout(resolve, 300));
      const afterCough = viewer.frames
        .slice(from)
        .map(({ frame }) => (frame.type === 'event' ? frame.event.type : frame.type));
      expect(afterCough.filter((type) => type === 'speech-stop').length).toBe(
        afterCough.filter((type) => type === 'speech-resume').length,
      );
      expect(afterCough).not.toContain('viewer-message');

      // 4. Words over the answer: paused at once, then a new question, and the old audio stopped.
      from = viewer.mark();
      await viewer.speak(pcmBytes(sequence(silence(200), interruption, silence(900)).samples));
      await viewer.waitFor(
        isEvent('speech-stop', (event) => event.turnId === firstTurn),
        from,
      );
      const next = await viewer.waitFor(isEvent('viewer-message'), from);
      expect(next.frame.event.text).toBe('Wait, how can I get a refund for my coins?');
      const ended = await viewer.waitFor(isType('speech-end'), from);
      expect(ended.frame).toMatchObject({ turnId: firstTurn, reason: 'stopped' });
      // Synthesis stopped part-way (the fake speaks in real time): no request is left open, and the
      // first answer's audio is shorter than the whole answer's.
      await expect
        .poll(() =>
          speech.speeches
            .filter((record) => answer.includes(record.input))
            .every((record) => record.closedAt !== undefined),
        )
        .toBe(true);
      const firstTurnBytes = viewer.audio
        .filter((chunk) => chunk.turnId === firstTurn)
        .reduce((sum, chunk) => sum + chunk.pcm.length, 0);
      expect(firstTurnBytes).toBeLessThan(speech.samplesFor(answer) * 2);
      expect(
        viewer.frames
          .slice(ended.index + 1)
          .some(({ frame }) => frame.type === 'speech-audio' && frame.turnId === firstTurn),
      ).toBe(false);
      const secondTurn = (await viewer.waitFor(isEvent('turn-start'), next.index)).frame.event.turnId;
      await viewer.waitFor(isType('speech-audio'), next.index);
      expect(viewer.audio.at(-1)?.turnId).toBe(secondTurn);
      expect(
        speech.transcriptions.every((record) => record.model === 'whisper-test' && record.language === 'en'),
      ).toBe(true);
      viewer.send({ type: 'voice-stop' });
      viewer.close();
    }, 60_000);

    it('refuses malformed audio and drops audio sent faster than real time', async () => {
      const { token } = await server.viewerToken({ roomId: 'room-voice-limits', locale: 'en' });
      const viewer = await VoiceTestClient.connect(`${server.baseUrl.replace('http', 'ws')}/ws/viewer`);
      viewer.send({ type: 'join', token });
      await viewer.waitFor(isType('joined'));
      viewer.send({ type: 'voice-start', sampleRate: 16000, encoding: 'pcm16' });
      const started = await viewer.waitFor(isType('voice-started'));
      viewer.send({ type: 'voice-start', sampleRate: 16000, encoding: 'pcm16' });
      expect((await viewer.waitFor(isType('error'), started.index)).frame.code).toBe('conflict');
      let from = viewer.mark();
      viewer.sendBinary(new Uint8Array(8194));
      expect((await viewer.waitFor(isType('error'), from)).frame).toMatchObject({
        code: 'invalid_frame',
        message: expect.stringContaining('at most 8192 bytes') as unknown,
      });
      from = viewer.mark();
      viewer.sendBinary(new Uint8Array(641));
      expect((await viewer.waitFor(isType('error'), from)).frame.code).toBe('invalid_frame');
      // Ten seconds of audio at once: past the two-second burst it is dropped, and said once.
      from = viewer.mark();
      for (let piece = 0; piece < 100; piece++) viewer.sendBinary(new Uint8Array(3200));
      const limited = await viewer.waitFor(isType('error'), from);
      expect(limited.frame.code).toBe('rate_limited');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(viewer.frames.slice(from).filter(({ frame }) => frame.type === 'error')).toHaveLength(1);
      viewer.close();
    });
  },
);

describe('voice on a server without speech to text', () => {
  let server: DeskServer;
  beforeAll(async () => {
    server = await startDeskServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('hides the microphone and refuses voice-start and audio with clear errors', async () => {
    const config = (await (await fetch(`${server.baseUrl}/api/widget/config`)).json()) as { voice: unknown };
    expect(config.voice).toEqual({ input: false, output: false });
    const { token } = await server.viewerToken({ roomId: 'room-1' });
    const viewer = await VoiceTestClient.connect(`${server.baseUrl.replace('http', 'ws')}/ws/viewer`);
    viewer.send({ type: 'join', token });
    await viewer.waitFor(isType('joined'));
    viewer.send({ type: 'voice-start', sampleRate: 16000, encoding: 'pcm16' });
    const refused = await viewer.waitFor(isType('error'));
    expect(refused.frame).toMatchObject({ code: 'voice_unavailable' });
    expect(refused.frame.message).toContain('no speech-to-text');
    viewer.sendBinary(new Uint8Array(640));
    const audio = await viewer.waitFor(isType('error'), refused.index + 1);
    expect(audio.frame).toMatchObject({
      code: 'invalid_frame',
      message: expect.stringContaining('voice-start') as unknown,
    });
    viewer.send({ type: 'voice-start', sampleRate: 44100, encoding: 'pcm16' });
    expect((await viewer.waitFor(isType('error'), audio.index + 1)).frame.code).toBe('invalid_frame');
    viewer.close();
  });
});
