/**
 * The length of a RIFF/WAVE clip from its header: the `data` chunk's size over the `fmt ` chunk's byte
 * rate. Undefined when either is missing or nonsensical (a streamed WAV with a placeholder size).
 */
export function wavDurationMs(bytes: Uint8Array): number | undefined {
  const durationMs = readDurationMs(bytes);
  // A header may claim anything: a clip longer than an hour is not one anyone recorded in a chat.
  return durationMs === undefined || durationMs > MAX_DURATION_MS ? undefined : durationMs;
}

const MAX_DURATION_MS = 3_600_000;

function readDurationMs(bytes: Uint8Array): number | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let byteRate: number | undefined;
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const id = String.fromCharCode(...bytes.subarray(offset, offset + 4));
    const size = view.getUint32(offset + 4, true);
    // The byte rate is the 4 bytes after the chunk header's 8 and the format's first 8.
    if (id === 'fmt ' && offset + 20 <= bytes.length) byteRate = view.getUint32(offset + 16, true);
    if (id === 'data') {
      if (!byteRate) return undefined;
      const available = Math.min(size, bytes.length - offset - 8);
      return Math.round((available / byteRate) * 1000);
    }
    offset += 8 + size + (size % 2);
  }
  return undefined;
}
