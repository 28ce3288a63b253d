import { describe, expect, it } from 'vitest';
import { SpeechSegmenter, type SegmenterEvent } from './speech-segmenter.js';
import { VadConfigSchema } from './vad-config.js';

const FRAME = 512;
const config = VadConfigSchema.parse({ redemptionMs: 96, minSpeechMs: 64, preSpeechPadMs: 64 });

/** Feeds one frame per probability; each frame's samples hold its index, so the audio can be traced. */
function run(probabilities: number[], segmenter = new SpeechSegmenter(config, 16_000)): SegmenterEvent[] {
  return probabilities.flatMap((probability, index) =>
    segmenter.push(new Int16Array(FRAME).fill(index), probability),
  );
}

describe('speech segments from frame probabilities', () => {
  it('opens at the first speech frame and closes after the hang-over, with the padding before it', () => {
    const events = run([0.1, 0.1, 0.1, 0.9, 0.8, 0.9, 0.1, 0.1, 0.1, 0.1]);
    expect(events.map((event) => event.type)).toEqual(['speech-start', 'speech-end']);
    expect(events[0]).toEqual({ type: 'speech-start', atSample: 3 * FRAME });
    const end = events[1] as Extract<SegmenterEvent, { type: 'speech-end' }>;
    expect(end.atSample).toBe(6 * FRAME);
    // Two frames of padding (64 ms), three of speech, three of hang-over.
    expect([...new Set(end.audio)]).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(end.speechMs).toBe(96);
  });

  it('keeps a short dip between words inside the segment (hysteresis)', () => {
    const events = run([0.9, 0.9, 0.4, 0.2, 0.9, 0.9, 0.1, 0.1, 0.1]);
    expect(events.map((event) => event.type)).toEqual(['speech-start', 'speech-end']);
    expect(events[1]).toMatchObject({ atSample: 6 * FRAME });
  });

  it('calls a blip too short to be speech a misfire', () => {
    expect(run([0.1, 0.95, 0.1, 0.1, 0.1]).map((event) => event.type)).toEqual(['speech-start', 'misfire']);
  });

  it('cuts a segment at the longest allowed, and ends an open one on flush', () => {
    const short = VadConfigSchema.parse({ maxSegmentMs: 1000 });
    const events = run(
      Array.from({ length: 40 }, () => 0.9),
      new SpeechSegmenter(short, 16_000),
    );
    expect(events.find((event) => event.type === 'speech-end')).toMatchObject({ cut: true });
    const open = new SpeechSegmenter(config, 16_000);
    run([0.9, 0.9, 0.9], open);
    expect(open.flush().map((event) => event.type)).toEqual(['speech-end']);
    expect(open.flush()).toEqual([]);
  });

  it('refuses a negative threshold above the positive one', () => {
    expect(VadConfigSchema.safeParse({ positiveThreshold: 0.4, negativeThreshold: 0.6 }).success).toBe(false);
  });
});
