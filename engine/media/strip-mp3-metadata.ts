import {
  MAX_TAGS,
  asciiAt,
  copyOf,
  strippedAudio,
  unreadableAudio,
  viewOf,
  type StrippedAudio,
} from './audio-metadata-result.js';
import { isMpegFrameAt } from './sniff-media-type.js';

const ID3V1_BYTES = 128;
const ENHANCED_ID3V1_BYTES = 227;
const APE_FOOTER_BYTES = 32;
const ID3V2_HEADER_BYTES = 10;

/**
 * An MP3 clip with its tags cut off: ID3v2 at the start (several, some writers repeat them), and at the
 * end ID3v1 (`TAG`, 128 bytes, with its enhanced 227-byte `TAG+` block), APE tags, Lyrics3 v2 and an ID3v2
 * with a footer. What is left must start with an MPEG audio frame, or the file is refused; so is a file
 * with more tags at one end than MAX_TAGS (thousands of empty ones are a crafted file, not a recording).
 */
export function stripMp3Metadata(bytes: Uint8Array): StrippedAudio {
  let start = 0;
  for (let tags = 0; asciiAt(bytes, start, 3) === 'ID3'; tags++) {
    if (tags === MAX_TAGS) return unreadableAudio('the MP3 file has more ID3v2 tags than a recording holds');
    const size = id3v2Size(bytes, start);
    if (size === undefined) return unreadableAudio('the MP3 file has a broken ID3v2 tag');
    start += size;
  }
  let end = bytes.length;
  for (let tags = 0; ; tags++) {
    if (tags === MAX_TAGS)
      return unreadableAudio('the MP3 file has more tags at its end than a recording holds');
    const trailing = trailingTagBytes(bytes, start, end);
    if (trailing === undefined) return unreadableAudio('the MP3 file has a broken tag at its end');
    if (trailing === 0) break;
    end -= trailing;
  }
  if (end <= start || !isMpegFrameAt(bytes, start))
    return unreadableAudio('the MP3 file does not start with an audio frame after its tags');
  return strippedAudio(copyOf(bytes, start, end));
}

/** The whole length of the ID3v2 tag at `offset` (header, body, footer), or undefined when it is broken. */
function id3v2Size(bytes: Uint8Array, offset: number): number | undefined {
  if (offset + ID3V2_HEADER_BYTES > bytes.length) return undefined;
  const body = syncsafe(bytes, offset + 6);
  if (body === undefined) return undefined;
  const footer = (bytes[offset + 5]! & 0x10) !== 0 ? ID3V2_HEADER_BYTES : 0;
  const size = ID3V2_HEADER_BYTES + body + footer;
  return offset + size <= bytes.length ? size : undefined;
}

/** How many bytes of tags end the file at `end` (0: none), or undefined for a tag that does not add up. */
function trailingTagBytes(bytes: Uint8Array, start: number, end: number): number | undefined {
  if (end - start >= ID3V1_BYTES && asciiAt(bytes, end - ID3V1_BYTES, 3) === 'TAG') {
    const enhanced =
      end - start >= ID3V1_BYTES + ENHANCED_ID3V1_BYTES &&
      asciiAt(bytes, end - ID3V1_BYTES - ENHANCED_ID3V1_BYTES, 4) === 'TAG+';
    return ID3V1_BYTES + (enhanced ? ENHANCED_ID3V1_BYTES : 0);
  }
  if (end - start >= APE_FOOTER_BYTES && asciiAt(bytes, end - APE_FOOTER_BYTES, 8) === 'APETAGEX') {
    const footer = end - APE_FOOTER_BYTES;
    const view = viewOf(bytes);
    const size = view.getUint32(footer + 12, true); // items and footer, not the header
    const hasHeader = (view.getUint32(footer + 20, true) & 0x80000000) !== 0;
    const total = size + (hasHeader ? APE_FOOTER_BYTES : 0);
    return total >= APE_FOOTER_BYTES && total <= end - start ? total : undefined;
  }
  if (end - start >= 15 && asciiAt(bytes, end - 9, 9) === 'LYRICS200') {
    const digits = asciiAt(bytes, end - 15, 6);
    const size = /^\d{6}$/.test(digits) ? Number(digits) + 15 : undefined;
    if (size === undefined || size > end - start || asciiAt(bytes, end - size, 11) !== 'LYRICSBEGIN')
      return undefined;
    return size;
  }
  if (end - start >= ID3V2_HEADER_BYTES && asciiAt(bytes, end - ID3V2_HEADER_BYTES, 3) === '3DI') {
    const body = syncsafe(bytes, end - ID3V2_HEADER_BYTES + 6);
    const size = body === undefined ? undefined : body + 2 * ID3V2_HEADER_BYTES;
    return size !== undefined && size <= end - start && asciiAt(bytes, end - size, 3) === 'ID3'
      ? size
      : undefined;
  }
  return 0;
}

/** A 28-bit "syncsafe" integer (7 bits a byte), or undefined when a byte has its top bit set. */
function syncsafe(bytes: Uint8Array, offset: number): number | undefined {
  let value = 0;
  for (let index = 0; index < 4; index++) {
    const byte = bytes[offset + index];
    if (byte === undefined || byte >= 0x80) return undefined;
    value = value * 128 + byte;
  }
  return value;
}
