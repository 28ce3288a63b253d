import { Readable } from 'node:stream';
import type { Context } from 'hono';
import type { MediaService } from './media-service.js';
import type { MediaVariant } from './media-url-signer.js';

/** `bytes=start-end`, `bytes=start-` or `bytes=-suffix`; one range only. */
const RANGE = /^bytes=(\d*)-(\d*)$/;

function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | 'none' | 'unsatisfiable' {
  if (header === undefined) return 'none';
  const match = RANGE.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return 'none';
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

/**
 * The bytes behind a verified link, with headers that keep a browser from treating them as anything but
 * what they were sniffed to be: `nosniff`, a sandboxing CSP, files as attachments, and a private cache no
 * longer than the link lives.
 */
export async function serveMedia(
  context: Context,
  options: { media: MediaService; mediaId: string; variant: MediaVariant; exp: string },
): Promise<Response> {
  const { media, mediaId, variant } = options;
  const record = await media.get(mediaId);
  const key = record && media.keyOf(record, variant);
  if (!record || !key) return context.json({ error: 'not_found', message: `no media ${mediaId}` }, 404);
  const mime = variant === 'thumb' ? 'image/webp' : record.mime;
  const head = await media.blobs().get(key, {});
  if (!head) return context.json({ error: 'not_found', message: `no media ${mediaId}` }, 404);
  // Only the size was wanted; the stream opened for it is dropped unread.
  (head.body as Readable).destroy?.();
  const range = parseRange(context.req.header('range'), head.size);
  const filename = (record.name ?? record.id).replace(/[^\w.\- ]+/g, '_');
  const headers: Record<string, string> = {
    'content-type': mime,
    'x-content-type-options': 'nosniff',
    'content-security-policy': "sandbox; default-src 'none'",
    'cache-control': `private, max-age=${media.urlSigner.remainingSeconds(options.exp)}`,
    'content-disposition': record.kind === 'file' ? `attachment; filename="${filename}"` : 'inline',
    'accept-ranges': 'bytes',
    'cross-origin-resource-policy': 'cross-origin',
  };
  if (range === 'unsatisfiable')
    return context.json({ error: 'range_not_satisfiable', message: 'the range is outside the file' }, 416, {
      'content-range': `bytes */${head.size}`,
    });
  const slice = range === 'none' ? { start: 0, end: head.size - 1 } : range;
  const blob = await media
    .blobs()
    .get(key, { start: slice.start, end: slice.end, signal: context.req.raw.signal });
  if (!blob) return context.json({ error: 'not_found', message: `no media ${mediaId}` }, 404);
  const body = Readable.toWeb(Readable.from(blob.body)) as ReadableStream<Uint8Array>;
  headers['content-length'] = String(slice.end - slice.start + 1);
  if (range === 'none') return new Response(body, { status: 200, headers });
  headers['content-range'] = `bytes ${slice.start}-${slice.end}/${head.size}`;
  return new Response(body, { status: 206, headers });
}
