import { describe, expect, it } from 'vitest';
import { wavDurationMs } from './wav-duration.js';

/** A 16 kHz mono 16-bit WAV header claiming `dataBytes` of samples, followed by `present` of them. */
function wav(dataBytes: number, present: number): Uint8Array {
  const bytes = new Uint8Array(44 + present);
  const view = new DataView(bytes.buffer);
  const ascii = (offset: number, text: string) =>
    [...text].forEach((character, index) => (bytes[offset + index] = character.charCodeAt(0)));
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, 16_000, true);
  view.setUint32(28, 32_000, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(40, dataBytes, true);
  return bytes;
}

describe('a WAV clip’s length from its header', () => {
  it('reads the samples that are there', () => {
    expect(wavDurationMs(wav(64_000, 64_000))).toBe(2000);
    expect(wavDurationMs(wav(64_000, 32_000))).toBe(1000);
  });

  it('never throws on a header cut short anywhere', () => {
    const whole = wav(64_000, 0);
    for (let length = 0; length <= whole.length; length++)
      expect(() => wavDurationMs(whole.subarray(0, length))).not.toThrow();
    expect(wavDurationMs(whole.subarray(0, 30))).toBeUndefined();
  });

  it('gives no length for a header that claims more than an hour of what is there', () => {
    const bytes = wav(0xffff_fff0, 0);
    new DataView(bytes.buffer).setUint32(28, 1, true);
    const claimed = new Uint8Array(bytes.length + 8_000);
    claimed.set(bytes);
    expect(wavDurationMs(claimed)).toBeUndefined();
  });
});
