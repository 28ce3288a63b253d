import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { animatedGif, bombPng, gpsJpeg } from '../../test/support/media-fixtures.js';
import { createSharpImageProcessor } from './sharp-image-processor.js';

const processor = createSharpImageProcessor({ maxPixels: 40_000_000 });
const signal = new AbortController().signal;

describe('the sharp image processor', () => {
  it('drops GPS EXIF from a JPEG and keeps the picture upright', async () => {
    const input = await gpsJpeg(400, 200);
    const before = await sharp(input).metadata();
    expect(before.exif?.length).toBeGreaterThan(0);
    expect(before.orientation).toBe(6);
    expect(input.includes(Buffer.from('SecretPhone'))).toBe(true);

    const result = await processor.process(input, { signal });
    if (!result.ok) throw new Error(result.message);
    const after = await sharp(result.image.bytes).metadata();
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.orientation).toBeUndefined();
    expect(Buffer.from(result.image.bytes).includes(Buffer.from('SecretPhone'))).toBe(false);
    // Orientation 6 applied: the 400x200 pixels now stand 200 wide and 400 high.
    expect(result.image).toMatchObject({ mime: 'image/jpeg', width: 200, height: 400, animated: false });
    const thumb = await sharp(result.image.thumbnail).metadata();
    expect(thumb).toMatchObject({ format: 'webp', width: 160, height: 320 });
    expect(thumb.exif).toBeUndefined();
  });

  it('processes one image at a time, lines up a few and turns the rest away as busy', async () => {
    const gated = createSharpImageProcessor({ maxPixels: 40_000_000, concurrency: 1, maxWaiting: 1 });
    const photos = await Promise.all([gpsJpeg(800, 600), gpsJpeg(600, 800), gpsJpeg(400, 400)]);
    const results = await Promise.all(photos.map((photo) => gated.process(photo, { signal })));
    expect(results.map((result) => (result.ok ? 'ok' : result.reason))).toEqual(['ok', 'ok', 'busy']);

    // One waiting in line whose client left is dropped unprocessed.
    const left = new AbortController();
    const first = gated.process(photos[0], { signal });
    const waiting = gated.process(photos[1], { signal: left.signal });
    left.abort();
    await expect(waiting).rejects.toThrow();
    expect((await first).ok).toBe(true);
    expect((await gated.process(photos[2], { signal })).ok).toBe(true);
  });

  it('refuses a decompression bomb from its header, before decoding it', async () => {
    const bomb = bombPng(20_000);
    expect(bomb.length).toBeLessThan(200_000);
    expect(await processor.process(bomb, { signal })).toMatchObject({ ok: false, reason: 'too_large' });
  });

  it('keeps an animated GIF animated, with a still WebP preview', async () => {
    const gif = await animatedGif();
    expect((await sharp(gif, { animated: true }).metadata()).pages).toBe(3);
    const result = await processor.process(gif, { signal });
    if (!result.ok) throw new Error(result.message);
    expect(result.image).toMatchObject({ mime: 'image/gif', width: 40, height: 40, animated: true });
    expect((await sharp(result.image.bytes, { animated: true }).metadata()).pages).toBe(3);
    expect((await sharp(result.image.thumbnail).metadata()).format).toBe('webp');
  });

  it('calls an image it cannot read invalid', async () => {
    const broken = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.alloc(100, 7),
    ]);
    expect(await processor.process(broken, { signal })).toMatchObject({ ok: false, reason: 'invalid' });
  });
});
