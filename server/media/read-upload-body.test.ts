import { describe, expect, it } from 'vitest';
import { readUploadBody } from './read-upload-body.js';

/** A body of `chunks` pieces of `size` bytes; counts what was pulled from it and whether it was cancelled. */
function body(chunks: number, size: number, first?: Uint8Array) {
  const seen = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (seen.pulled === chunks) return controller.close();
      controller.enqueue(seen.pulled === 0 && first ? first : new Uint8Array(size));
      seen.pulled += 1;
    },
    cancel() {
      seen.cancelled = true;
    },
  });
  return { stream, seen };
}

describe('reading an upload with a hard cap', () => {
  it('stops at the cap, cancels the rest and holds no more than the cap', async () => {
    const { stream, seen } = body(1000, 1024);
    const result = await readUploadBody(stream, {
      maxBytes: 10 * 1024,
      inspectHead: () => ({ ok: true, maxBytes: 1e9 }),
    });
    expect(result).toMatchObject({ ok: false, reason: 'too_large' });
    expect(seen.pulled).toBeLessThanOrEqual(12);
    expect(seen.cancelled).toBe(true);
  });

  it('lets the head tighten the cap or refuse the type before the rest is read', async () => {
    const tighter = body(1000, 8192);
    expect(
      await readUploadBody(tighter.stream, {
        maxBytes: 1e9,
        inspectHead: () => ({ ok: true, maxBytes: 20_000 }),
      }),
    ).toMatchObject({ ok: false, reason: 'too_large' });
    expect(tighter.seen.pulled).toBeLessThanOrEqual(4);
    const refused = body(1000, 8192);
    const verdict = await readUploadBody(refused.stream, {
      maxBytes: 1e9,
      inspectHead: () => ({ ok: false, reason: 'unsupported_type', message: 'not an image' }),
    });
    expect(verdict).toMatchObject({ ok: false, reason: 'unsupported_type' });
    expect(refused.seen.pulled).toBe(1);
    expect(refused.seen.cancelled).toBe(true);
  });

  it('returns a small body whole, without asking the head (it is checked whole later)', async () => {
    const { stream } = body(3, 100, new Uint8Array([1, 2, 3]));
    const result = await readUploadBody(stream, {
      maxBytes: 1000,
      inspectHead: () => {
        throw new Error('not for a body shorter than the head');
      },
    });
    expect(result.ok && result.bytes.length).toBe(203);
    expect(result.ok && [...result.bytes.subarray(0, 3)]).toEqual([1, 2, 3]);
    expect(
      await readUploadBody(null, { maxBytes: 10, inspectHead: () => ({ ok: true, maxBytes: 10 }) }),
    ).toEqual({
      ok: true,
      bytes: new Uint8Array(0),
    });
  });
});
