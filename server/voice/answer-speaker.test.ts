import { afterEach, describe, expect, it } from 'vitest';
import { createOpenAITextToSpeech } from '../../adapters/openai/openai-text-to-speech.js';
import { startFakeSpeechServer, type FakeSpeechServer } from '../../test/support/fake-speech-server.js';
import { AnswerSpeaker } from './answer-speaker.js';
import type { VoiceServerFrame } from './voice-frames.js';

let speech: FakeSpeechServer | undefined;
afterEach(async () => {
  await speech?.close();
  speech = undefined;
});

async function speaker(
  options: {
    voice?: string;
    chunkDelayMs?: number;
    drained?: (signal: AbortSignal) => Promise<void>;
    drainTimeoutMs?: number;
  } = {},
) {
  speech = await startFakeSpeechServer({
    msPerChar: 20,
    chunkMs: 50,
    chunkDelayMs: options.chunkDelayMs ?? 0,
  });
  const frames: { frame: VoiceServerFrame; pcm?: Uint8Array | undefined }[] = [];
  const errors: unknown[] = [];
  const answers = new AnswerSpeaker({
    tts: createOpenAITextToSpeech({
      baseURL: speech.baseURL,
      model: 'tts-test',
      voice: options.voice ?? 'alloy',
      timeoutMs: 5000,
    }),
    send: (frame, pcm) => frames.push({ frame, pcm }),
    drained: options.drained,
    drainTimeoutMs: options.drainTimeoutMs,
    onError: (error) => errors.push(error),
  });
  const ended = () => frames.find(({ frame }) => frame.type === 'speech-end')?.frame;
  return { answers, frames, errors, ended, fake: speech };
}

const delta = (turnId: string, text: string, uninterruptible = false) =>
  ({ type: 'text-delta', turnId, text, uninterruptible }) as const;

describe('spoken answers from the conversation’s events', () => {
  it('speaks each segment as its text arrives, with its span, marks and the end', async () => {
    const { answers, frames, ended, fake } = await speaker();
    answers.observe({ type: 'turn-start', turnId: 't1', question: 'q' });
    const text = ['Go to Me > Wallet. ', 'The price is ', '199 yuan', ' today.'];
    answers.observe(delta('t1', text[0]!));
    answers.observe(delta('t1', text[1]!));
    answers.observe(delta('t1', text[2]!, true));
    answers.observe(delta('t1', text[3]!));
    answers.observe({ type: 'turn-end', turnId: 't1', reason: 'done', delivered: text.join('') });
    await expect.poll(ended).toEqual({ type: 'speech-end', turnId: 't1', chars: 47, reason: 'done' });
    const answer = text.join('');
    const audio = frames.flatMap(({ frame, pcm }) => (frame.type === 'speech-audio' ? [{ frame, pcm }] : []));
    const spans = [
      ...new Set(audio.map(({ frame }) => `${frame.start}-${frame.end}-${frame.uninterruptible}`)),
    ];
    expect(spans).toEqual(['0-19-false', '19-32-false', '32-40-true', '40-47-false']);
    for (const { frame } of audio)
      expect(fake.speeches.map((record) => record.input)).toContain(answer.slice(frame.start, frame.end));
    expect(audio.map(({ frame }) => frame.seq)).toEqual(audio.map((_, index) => index));
    expect(audio.every(({ frame, pcm }) => pcm?.length === frame.bytes)).toBe(true);
    expect(
      frames
        .filter(({ frame }) => frame.type === 'speech-mark')
        .map(({ frame }) => frame.type === 'speech-mark' && frame.chars),
    ).toEqual([19, 32, 40, 47]);
  });

  it('stops at once when the viewer takes the floor, and aborts the synthesis in flight', async () => {
    const { answers, frames, ended, fake } = await speaker({ chunkDelayMs: 50 });
    answers.observe({ type: 'turn-start', turnId: 't1', question: 'q' });
    answers.observe(delta('t1', 'A long first sentence that takes a while to speak. '));
    await expect.poll(() => frames.some(({ frame }) => frame.type === 'speech-audio')).toBe(true);
    answers.observe({ type: 'viewer-message', text: 'wait', channel: 'voice', at: new Date().toISOString() });
    expect(ended()).toEqual({ type: 'speech-end', turnId: 't1', chars: 0, reason: 'stopped' });
    const count = frames.length;
    await expect.poll(() => fake.speeches[0]?.closedAt).toBeDefined();
    expect(fake.speeches[0]?.clientClosedEarly).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(frames).toHaveLength(count);
    // Text of the old turn arriving late is not spoken.
    answers.observe(delta('t1', 'More. '));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fake.speeches).toHaveLength(1);
  });

  it('tells the client when synthesis fails; the text stands', async () => {
    const { answers, ended, errors } = await speaker({ voice: '' });
    answers.observe({ type: 'turn-start', turnId: 't1', question: 'q' });
    answers.observe(delta('t1', 'Hello there. '));
    await expect.poll(ended).toEqual({ type: 'speech-end', turnId: 't1', chars: 0, reason: 'failed' });
    expect(errors).toHaveLength(1);
  });

  it('waits for a slow client a bounded time, then gives up on the answer’s audio', async () => {
    const waits: AbortSignal[] = [];
    // A client that never reads: the socket's buffer never drains.
    const neverDrains = (signal: AbortSignal) => {
      waits.push(signal);
      return new Promise<void>(() => undefined);
    };
    const { answers, frames, ended, errors, fake } = await speaker({
      drained: neverDrains,
      drainTimeoutMs: 150,
    });
    const started = performance.now();
    answers.observe({ type: 'turn-start', turnId: 't1', question: 'q' });
    answers.observe(delta('t1', 'A long first sentence that takes a while to speak. '));
    await expect.poll(ended).toEqual({ type: 'speech-end', turnId: 't1', chars: 0, reason: 'failed' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(frames.filter(({ frame }) => frame.type === 'speech-audio')).toHaveLength(1);
    expect(String(errors[0])).toContain('read none of the spoken answer');
    expect(waits).toHaveLength(1);
    expect(waits[0]?.aborted).toBe(true);
    await expect.poll(() => fake.speeches[0]?.closedAt).toBeDefined();
  });

  it('stops waiting for the socket at once when the viewer takes the floor', async () => {
    const waits: AbortSignal[] = [];
    const neverDrains = (signal: AbortSignal) => {
      waits.push(signal);
      return new Promise<void>(() => undefined);
    };
    const { answers, ended, errors } = await speaker({ drained: neverDrains, drainTimeoutMs: 60_000 });
    answers.observe({ type: 'turn-start', turnId: 't1', question: 'q' });
    answers.observe(delta('t1', 'A long first sentence that takes a while to speak. '));
    await expect.poll(() => waits.length).toBe(1);
    answers.observe({ type: 'viewer-message', text: 'wait', channel: 'voice', at: new Date().toISOString() });
    expect(ended()).toEqual({ type: 'speech-end', turnId: 't1', chars: 0, reason: 'stopped' });
    expect(waits[0]?.aborted).toBe(true);
    // The next answer is spoken as usual: nothing of the old wait is left.
    answers.observe({ type: 'turn-start', turnId: 't2', question: 'q' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(errors).toEqual([]);
  });
});
