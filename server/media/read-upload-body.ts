import { SNIFF_HEAD_BYTES } from '../../engine/media/sniff-media-type.js';

export type HeadVerdict =
  { ok: true; maxBytes: number } | { ok: false; reason: 'unsupported_type' | 'too_large'; message: string };

export type UploadBody =
  { ok: true; bytes: Uint8Array } | { ok: false; reason: 'unsupported_type' | 'too_large'; message: string };

/**
 * Reads a request body with a hard cap: at most `maxBytes` are ever held, and reading stops (the stream is
 * cancelled) the moment the body would pass the cap, declared length or not. Once the first
 * SNIFF_HEAD_BYTES are in, `inspectHead` may refuse the type at once or set a tighter cap (the kind's own).
 */
export async function readUploadBody(
  body: ReadableStream<Uint8Array> | null,
  options: { maxBytes: number; inspectHead: (head: Uint8Array) => HeadVerdict },
): Promise<UploadBody> {
  if (!body) return { ok: true, bytes: new Uint8Array(0) };
  let maxBytes = options.maxBytes;
  let inspected = false;
  const chunks: Uint8Array[] = [];
  let length = 0;
  const reader = body.getReader();
  const stop = async (refusal: Exclude<UploadBody, { ok: true }>): Promise<UploadBody> => {
    await reader.cancel().catch(() => undefined);
    return refusal;
  };
  const inspect = (): HeadVerdict => {
    inspected = true;
    return options.inspectHead(concat(chunks, length));
  };
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.byteLength;
    if (length > maxBytes)
      return stop({ ok: false, reason: 'too_large', message: `the body is over ${maxBytes} bytes` });
    chunks.push(value);
    if (!inspected && length >= SNIFF_HEAD_BYTES) {
      const verdict = inspect();
      if (!verdict.ok) return stop(verdict);
      maxBytes = Math.min(maxBytes, verdict.maxBytes);
      if (length > maxBytes)
        return stop({ ok: false, reason: 'too_large', message: `the body is over ${maxBytes} bytes` });
    }
  }
  return { ok: true, bytes: concat(chunks, length) };
}

function concat(chunks: readonly Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const whole = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    whole.set(chunk.subarray(0, Math.min(chunk.byteLength, length - offset)), offset);
    offset += chunk.byteLength;
    if (offset >= length) break;
  }
  return whole;
}
