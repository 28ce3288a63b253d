import { afterEach, describe, expect, it } from 'vitest';
import { createOpenAITextToSpeech } from '../../adapters/openai/openai-text-to-speech.js';
import type { SpeechAudioChunk, TextToSpeech } from '../../engine/voice/speech-ports.js';
import { startFakeSpeechServer, type FakeSpeechServer } from '../../test/support/fake-speech-server.js';
import { shareSynthesis, type SharedSynthesisOptions } from './answer-speaker-shared-synthesis.js';

let speech: FakeSpeechServer | undefined;
afterEach(async () => {
  await speech?.close();
  speech = undefined;
});

async function synthesiser(options: SharedSynthesisOptions & { chunkDelayMs?: number } = {}) {
  speech = await startFakeSpeechServer({
    msPerChar: 20,
    chunkMs: 50,
    chunkDelayMs: options.chunkDelayMs ?? 0,
  });
  const direct = createOpenAITextToSpeech({
    baseURL: speech.baseURL,
    model: 'tts-test',
    voice: 'alloy',
    timeoutMs: 5000,
  });
  return { direct, shared: shareSynthesis(direct, options), fake: speech };
}

async function collect(
  tts: TextToSpeech,
  text: string,
  options: { voice?: string; language?: string; signal?: AbortSignal } = {},
): Promise<SpeechAudioChunk[]> {
  const chunks: SpeechAudioChunk[] = [];
  for await (const chunk of tts.synthesize(text, {
    ...options,
    signal: options.signal ?? new AbortController().signal,
  }))
    chunks.push(chunk);
  return chunks;
}

const joined = (chunks: SpeechAudioChunk[]) => Buffer.concat(chunks.map((chunk) => chunk.pcm));

describe('one synthesis for the same words spoken to many viewers', () => {
  it('synthesises the same text, voice and language once for readers at once, each getting all of it', async () => {
    const { direct, shared, fake } = await synthesiser({ chunkDelayMs: 20 });
    const text = 'Go to Me > Wallet and tap Top up.';
    const alone = joined(await collect(direct, text));
    expect(fake.speeches).toHaveLength(1);
    const heard = await Promise.all(Array.from({ length: 10 }, () => collect(shared, text)));
    expect(fake.speeches).toHaveLength(2);
    for (const chunks of heard) expect(joined(chunks).equals(alone)).toBe(true);
    expect(alone.length).toBeGreaterThan(0);
  });

  it('keeps different voices, languages and texts apart', async () => {
    const { shared, fake } = await synthesiser();
    await Promise.all([
      collect(shared, 'Hello.', { voice: 'alloy' }),
      collect(shared, 'Hello.', { voice: 'nova' }),
      collect(shared, 'Hello.', { voice: 'alloy', language: 'zh' }),
      collect(shared, 'Hello!', { voice: 'alloy' }),
    ]);
    expect(fake.speeches.map((record) => `${record.input}/${record.voice}`).sort()).toEqual([
      'Hello!/alloy',
      'Hello./alloy',
      'Hello./alloy',
      'Hello./nova',
    ]);
  });

  it('lets one reader leave without stopping the others; the last one leaving aborts the request', async () => {
    const { shared, fake } = await synthesiser({ chunkDelayMs: 40 });
    const text = 'A long sentence that takes a while to synthesise, chunk after chunk.';
    const leaving = new AbortController();
    const left = collect(shared, text, { signal: leaving.signal });
    const staying = collect(shared, text);
    await expect.poll(() => fake.speeches[0]?.bytesSent ?? 0).toBeGreaterThan(0);
    leaving.abort(new Error('the viewer barged in'));
    await expect(left).rejects.toThrow('the viewer barged in');
    const whole = joined(await staying);
    expect(fake.speeches).toHaveLength(1);
    expect(fake.speeches[0]?.clientClosedEarly).toBe(false);
    expect(whole.length).toBe(fake.speeches[0]?.bytesSent);

    const last = new AbortController();
    const alone = collect(shared, `${text} Again.`, { signal: last.signal });
    await expect.poll(() => fake.speeches[1]?.bytesSent ?? 0).toBeGreaterThan(0);
    last.abort(new Error('stop'));
    await expect(alone).rejects.toThrow('stop');
    await expect.poll(() => fake.speeches[1]?.closedAt).toBeDefined();
    expect(fake.speeches[1]?.clientClosedEarly).toBe(true);
    // Nothing half-made is kept: the same words are synthesised again.
    await collect(shared, `${text} Again.`);
    expect(fake.speeches).toHaveLength(3);
  });

  it('keeps finished syntheses a while, bounded in count and age', async () => {
    let now = 0;
    const { shared, fake } = await synthesiser({ maxEntries: 2, ttlMs: 1000, nowMs: () => now });
    await collect(shared, 'One.');
    await collect(shared, 'One.');
    expect(fake.speeches).toHaveLength(1);
    await collect(shared, 'Two.');
    await collect(shared, 'Three.');
    // 'One.' was the least recently used of three: evicted.
    await collect(shared, 'One.');
    expect(fake.speeches.map((record) => record.input)).toEqual(['One.', 'Two.', 'Three.', 'One.']);
    now = 1500;
    await collect(shared, 'Three.');
    expect(fake.speeches).toHaveLength(5);
  });

  it('does not keep audio over the byte bound', async () => {
    const { shared, fake } = await synthesiser({ maxEntryBytes: 1000 });
    await collect(shared, 'A sentence with more audio than the bound allows.');
    await collect(shared, 'A sentence with more audio than the bound allows.');
    expect(fake.speeches).toHaveLength(2);
  });

  it('shares a failure with the readers at once, and does not keep it', async () => {
    const { shared, fake } = await synthesiser();
    const outcomes = await Promise.allSettled([
      collect(shared, 'Hello.', { voice: '' }),
      collect(shared, 'Hello.', { voice: '' }),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    expect(fake.speeches).toHaveLength(0);
    await expect(collect(shared, 'Hello.', { voice: '' })).rejects.toThrow();
  });
});
