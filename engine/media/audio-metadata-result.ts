/**
 * What stripping a voice clip's metadata gives: the same sound with nothing else, or a refusal when the
 * container cannot be read safely (storing it as sent could keep what the sender never meant to share).
 */
export type StrippedAudio = { ok: true; bytes: Uint8Array } | { ok: false; message: string };

export const strippedAudio = (bytes: Uint8Array): StrippedAudio => ({ ok: true, bytes });
export const unreadableAudio = (message: string): StrippedAudio => ({ ok: false, message });

export const asciiAt = (bytes: Uint8Array, offset: number, length: number): string =>
  String.fromCharCode(...bytes.subarray(offset, Math.min(offset + length, bytes.length)));

export const viewOf = (bytes: Uint8Array): DataView =>
  new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/**
 * A copy of `bytes[start, end)`: never `bytes.slice`, which for a Node Buffer is a view, and writing into
 * it would change the caller's bytes.
 */
export const copyOf = (bytes: Uint8Array, start = 0, end = bytes.length): Uint8Array =>
  new Uint8Array(bytes.subarray(start, end));

/** A container that cannot be read safely; a stripper turns it into a refusal (see `refuseUnreadable`). */
export class UnreadableAudio extends Error {}

/** The stripper's result, or the refusal an `UnreadableAudio` thrown while walking the container names. */
export function refuseUnreadable(strip: () => Uint8Array): StrippedAudio {
  try {
    return strippedAudio(strip());
  } catch (error) {
    if (error instanceof UnreadableAudio) return unreadableAudio(error.message);
    throw error;
  }
}

/** Tags at one end of a file: real files have one or two; thousands of empty ones only cost time. */
export const MAX_TAGS = 64;

/**
 * How many parts (boxes, elements, pages) a walk may read before the clip is refused: a floor no short
 * clip reaches, then one part for every `bytesPerPart` bytes, set by each container under its smallest
 * real part. A crafted clip of tiny parts is refused rather than holding the event loop for long.
 */
export const partLimit = (bytes: Uint8Array, bytesPerPart: number): number =>
  10_000 + Math.floor(bytes.length / bytesPerPart);

/** A counter to call for each part read: it throws `UnreadableAudio` once the clip has more than `partLimit`. */
export function partBudget(bytes: Uint8Array, what: string, bytesPerPart: number): () => void {
  const limit = partLimit(bytes, bytesPerPart);
  let parts = 0;
  return () => {
    parts += 1;
    if (parts > limit) throw new UnreadableAudio(`the clip has more ${what} than a recording holds`);
  };
}
