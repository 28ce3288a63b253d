import sharp from 'sharp';
import type { ImageProcessing, ImageProcessor, ProcessedImage } from '../../engine/media/image-processor.js';

/** JPEG and WebP quality of re-encoded images and thumbnails: visually clean at a fraction of the bytes. */
const QUALITY = 85;
/** An animated sticker or GIF: enough for a few seconds of a phone-sized loop. */
const MAX_FRAMES = 100;
const MAX_ANIMATED_PIXELS = 12_000_000;
const THUMB_QUALITY = 75;

/**
 * Images through sharp (libvips). Every image is decoded and encoded again in its own format: nothing of
 * the upload's bytes survives but the picture, so EXIF (GPS included), XMP, ICC comments and anything
 * appended after the image are gone. Orientation is applied first, so the picture still stands upright
 * without its EXIF tag. The pixel count is checked from the header before anything is decoded.
 */
export function createSharpImageProcessor(options: {
  maxPixels: number;
  /** Images processed at once (each may hold ~4 bytes a pixel); default 1. */
  concurrency?: number;
  /** Images waiting for a turn; more are refused as busy (the client sends again). Default 8. */
  maxWaiting?: number;
}): ImageProcessor {
  const { maxPixels } = options;
  const gate = createGate(options.concurrency ?? 1, options.maxWaiting ?? 8);
  return {
    async process(input, { signal }) {
      signal?.throwIfAborted();
      const release = await gate.enter(signal);
      if (!release)
        return {
          ok: false,
          reason: 'busy',
          message: 'too many pictures are being processed; send it again in a moment',
        };
      try {
        // A client that left while this waited gets nothing processed.
        signal?.throwIfAborted();
        return await processImage(input, maxPixels, signal);
      } catch (error) {
        if (signal?.aborted) throw error;
        const message = error instanceof Error ? error.message : '';
        // sharp names the pixel limit in its message; anything else is an image it cannot read.
        return /pixel limit/i.test(message)
          ? { ok: false, reason: 'too_large', message: `an image may have at most ${maxPixels} pixels` }
          : { ok: false, reason: 'invalid', message: 'the image cannot be read' };
      } finally {
        release();
      }
    },
  };
}

/**
 * At most `concurrency` images decoded at once, at most `maxWaiting` in line: a burst of uploads costs a
 * bounded amount of memory and leaves the other cores to the event loop and the match thread. Resolves to
 * a release, or undefined when the line is full; rejects if the signal aborts while waiting.
 */
function createGate(concurrency: number, maxWaiting: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  };
  return {
    enter(signal: AbortSignal | undefined): Promise<(() => void) | undefined> {
      if (running < concurrency) {
        running += 1;
        return Promise.resolve(release);
      }
      if (waiting.length >= maxWaiting) return Promise.resolve(undefined);
      return new Promise((resolve, reject) => {
        const admit = (): void => {
          signal?.removeEventListener('abort', onAbort);
          resolve(release);
        };
        const onAbort = (): void => {
          const index = waiting.indexOf(admit);
          if (index >= 0) waiting.splice(index, 1);
          reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        waiting.push(admit);
      });
    },
  };
}

async function processImage(
  input: Uint8Array,
  maxPixels: number,
  signal: AbortSignal | undefined,
): Promise<ImageProcessing> {
  const header = await sharp(input, { limitInputPixels: maxPixels, animated: true }).metadata();
  const width = header.width;
  const pageHeight = header.pageHeight ?? header.height;
  if (!width || !pageHeight) return { ok: false, reason: 'invalid', message: 'the image has no size' };
  if (width * pageHeight > maxPixels)
    return { ok: false, reason: 'too_large', message: `an image may have at most ${maxPixels} pixels` };
  const animated = (header.pages ?? 1) > 1 && (header.format === 'gif' || header.format === 'webp');
  // Every frame is decoded: a small file of many large frames costs seconds, so animations are held smaller.
  if (
    animated &&
    ((header.pages ?? 1) > MAX_FRAMES || width * pageHeight * (header.pages ?? 1) > MAX_ANIMATED_PIXELS)
  )
    return {
      ok: false,
      reason: 'too_large',
      message: `an animation may have at most ${MAX_FRAMES} frames and ${MAX_ANIMATED_PIXELS} pixels in all`,
    };
  const source = () => sharp(input, { limitInputPixels: maxPixels, animated, failOn: 'error' });
  // Animated frames keep their orientation (no EXIF rotation applies to them).
  const upright = () => (animated ? source() : source().rotate());
  // Two pipelines at once: libvips spreads them over the cores; a JPEG's preview decodes at a fraction of its size.
  const [full, thumb] = await Promise.all([
    encode(upright(), header.format ?? 'png', animated).toBuffer({ resolveWithObject: true }),
    sharp(input, { limitInputPixels: maxPixels, animated: false })
      .rotate()
      .resize(320, 320, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: THUMB_QUALITY })
      .toBuffer(),
  ]);
  signal?.throwIfAborted();
  const image: ProcessedImage = {
    bytes: new Uint8Array(full.data.buffer, full.data.byteOffset, full.data.byteLength),
    mime: MIME[full.info.format] ?? 'image/png',
    width: full.info.width,
    height: full.info.pageHeight ?? full.info.height,
    thumbnail: new Uint8Array(thumb.buffer, thumb.byteOffset, thumb.byteLength),
    animated,
  };
  return { ok: true, image };
}

const MIME: Record<string, string> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
};

function encode(image: sharp.Sharp, format: string, animated: boolean): sharp.Sharp {
  switch (format) {
    case 'jpeg':
      return image.jpeg({ quality: QUALITY });
    case 'webp':
      return image.webp({ quality: QUALITY, ...(animated ? { loop: 0 } : {}) });
    case 'gif':
      return image.gif();
    default:
      return image.png();
  }
}
