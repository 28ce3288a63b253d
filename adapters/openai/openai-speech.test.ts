import { afterEach, describe, expect, it } from 'vitest';
import { pcm16ToWav } from '../../engine/voice/pcm-wav.js';
import { startFakeSpeechServer, type FakeSpeechServer } from '../../test/support/fake-speech-server.js';
import { createOpenAISpeechToText } from './openai-speech-to-text.js';
import { createOpenAITextToSpeech } from './openai-text-to-speech.js';

let server: FakeSpeechServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A clip of `ms` milliseconds of 16 kHz audio. */
function clip(ms: number) {
  return { bytes: pcm16ToWav(new Int16Array((ms * 16_000) / 1000).fill(100), 16_000), mime: 'audio/wav' };
}

const byLength = ({ durationMs }: { durationMs: number }) =>
  durationMs < 1000 ? 'uh-huh' : 'how do I top up my coins';

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

describe('speech to text over /v1/audio/transcriptions', () => {
  it('sends the clip as multipart with model and language, and reads the JSON transcript', async () => {
    server = await startFakeSpeechServer({ transcribe: byLength, apiKey: 'stt-key' });
    const stt = createOpenAISpeechToText({
      baseURL: server.baseURL,
      model: 'whisper-1',
      apiKey: 'stt-key',
      timeoutMs: 5000,
    });
    const signal = new AbortController().signal;
    expect(await stt.transcribe(clip(1500), { language: 'en', signal })).toMatchObject({
      text: 'how do I top up my coins',
    });
    expect(server.transcriptions[0]).toMatchObject({
      model: 'whisper-1',
      language: 'en',
      stream: false,
      durationMs: 1500,
    });
  });

  it('streams interim texts then exactly one final where the server streams', async () => {
    server = await startFakeSpeechServer({ transcribe: byLength });
    const stt = createOpenAISpeechToText({ baseURL: server.baseURL, model: 'm', timeoutMs: 5000 });
    const updates = await collect(stt.transcribeStream(clip(1500), { signal: new AbortController().signal }));
    expect(updates.filter((update) => update.final)).toEqual([
      { text: 'how do I top up my coins', final: true },
    ]);
    expect(updates.filter((update) => !update.final).map((update) => update.text)).toEqual([
      'how',
      'how do',
      'how do I',
      'how do I top',
      'how do I top up',
      'how do I top up my',
      'how do I top up my coins',
    ]);
    expect(server.transcriptions[0]?.stream).toBe(true);
  });

  it('reads a whole transcript from a server that ignores stream=true', async () => {
    server = await startFakeSpeechServer({ transcribe: byLength, streaming: false });
    const stt = createOpenAISpeechToText({ baseURL: server.baseURL, model: 'm', timeoutMs: 5000 });
    const updates = await collect(stt.transcribeStream(clip(600), { signal: new AbortController().signal }));
    expect(updates).toEqual([{ text: 'uh-huh', final: true }]);
  });

  it('asks whole, from then on, when the server refuses stream=true', async () => {
    server = await startFakeSpeechServer({ transcribe: byLength, refuseStream: true });
    const stt = createOpenAISpeechToText({ baseURL: server.baseURL, model: 'm', timeoutMs: 5000 });
    for (let attempt = 0; attempt < 2; attempt++) {
      const updates = await collect(
        stt.transcribeStream(clip(600), { signal: new AbortController().signal }),
      );
      expect(updates).toEqual([{ text: 'uh-huh', final: true }]);
    }
    // Refused once, then never asked for streaming again.
    expect(server.transcriptions.map((record) => record.stream)).toEqual([false, false]);
  });

  it('names a refused key and a missing route without echoing the server', async () => {
    server = await startFakeSpeechServer({ apiKey: 'right' });
    const wrongKey = createOpenAISpeechToText({
      baseURL: server.baseURL,
      model: 'm',
      apiKey: 'wrong',
      timeoutMs: 5000,
    });
    await expect(
      wrongKey.transcribe(clip(500), { signal: new AbortController().signal }),
    ).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining('refused the credentials') as unknown,
    });
    const noRoute = createOpenAISpeechToText({
      baseURL: `${server.baseURL}/nope`,
      model: 'm',
      apiKey: 'right',
      timeoutMs: 5000,
    });
    await expect(
      noRoute.transcribe(clip(500), { signal: new AbortController().signal }),
    ).rejects.toMatchObject({
      message: expect.stringContaining('HTTP 404') as unknown,
    });
  });
});

describe('text to speech over /v1/audio/speech', () => {
  it('streams 24 kHz PCM as the body arrives, whole samples only', async () => {
    server = await startFakeSpeechServer({ msPerChar: 50, chunkMs: 100, chunkDelayMs: 5 });
    const tts = createOpenAITextToSpeech({
      baseURL: server.baseURL,
      model: 'tts-1',
      voice: 'alloy',
      timeoutMs: 5000,
    });
    const chunks = await collect(
      tts.synthesize('Top up in the wallet.', { signal: new AbortController().signal }),
    );
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.every((chunk) => chunk.sampleRate === 24_000 && chunk.pcm.length % 2 === 0)).toBe(true);
    const bytes = chunks.reduce((sum, chunk) => sum + chunk.pcm.length, 0);
    expect(bytes).toBe(server.samplesFor('Top up in the wallet.') * 2);
    expect(server.speeches[0]).toMatchObject({
      model: 'tts-1',
      voice: 'alloy',
      input: 'Top up in the wallet.',
    });
  });

  it('stops the request at once when aborted mid-stream', async () => {
    server = await startFakeSpeechServer({ msPerChar: 200, chunkMs: 20, chunkDelayMs: 10 });
    const tts = createOpenAITextToSpeech({
      baseURL: server.baseURL,
      model: 'tts-1',
      voice: 'alloy',
      timeoutMs: 5000,
    });
    const controller = new AbortController();
    let received = 0;
    await expect(
      (async () => {
        for await (const chunk of tts.synthesize('A long answer that takes many seconds to speak.', {
          signal: controller.signal,
        })) {
          received += chunk.pcm.length;
          if (received > 2000) controller.abort();
        }
      })(),
    ).rejects.toMatchObject({ code: 'aborted' });
    await expect.poll(() => server?.speeches[0]?.closedAt).toBeDefined();
    const record = server.speeches[0]!;
    expect(record.clientClosedEarly).toBe(true);
    expect(record.bytesSent).toBeLessThan(server.samplesFor(record.input) * 2);
  });

  it('maps a request the server refuses, and asks nothing for empty text', async () => {
    server = await startFakeSpeechServer();
    // The fake answers 400 to a request without a voice, as OpenAI does.
    const noVoice = createOpenAITextToSpeech({
      baseURL: server.baseURL,
      model: 'tts-1',
      voice: '',
      timeoutMs: 5000,
    });
    await expect(
      collect(noVoice.synthesize('hi', { signal: new AbortController().signal })),
    ).rejects.toMatchObject({
      code: 'invalid_input',
    });
    const tts = createOpenAITextToSpeech({
      baseURL: server.baseURL,
      model: 'tts-1',
      voice: 'x',
      timeoutMs: 5000,
    });
    expect(await collect(tts.synthesize('   ', { signal: new AbortController().signal }))).toEqual([]);
    expect(server.speeches).toEqual([]);
  });
});
