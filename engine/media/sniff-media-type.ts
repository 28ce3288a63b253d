/**
 * What a file is, decided from its bytes only: never from its name or a client's header. Each type here
 * has a signature at a fixed place; anything else (SVG, HTML, scripts, archives, video) is unknown.
 */
export type SniffedFamily = 'image' | 'audio' | 'document' | 'text';

export interface SniffedType {
  family: SniffedFamily;
  mime: string;
  /** The file type an operator names in LIVEDESK_MEDIA_FILE_TYPES (`pdf`, `text`). */
  fileType: string;
}

const ascii = (bytes: Uint8Array, start: number, end: number): string =>
  String.fromCharCode(...bytes.subarray(start, Math.min(end, bytes.length)));

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0): boolean =>
  bytes.length >= offset + signature.length &&
  signature.every((value, index) => bytes[offset + index] === value);

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const EBML = [0x1a, 0x45, 0xdf, 0xa3];

/** The bytes a caller should hold before sniffing: every signature below fits in them. */
export const SNIFF_HEAD_BYTES = 4096;

/**
 * The type of `bytes` (the whole file, or at least its first SNIFF_HEAD_BYTES), or undefined for anything
 * not on the list. MPEG-4 audio and WebM are read more closely where the head alone cannot tell audio
 * from video: a caller with the whole file gets the final word from `confirmSniffedType`.
 */
export function sniffMediaType(bytes: Uint8Array): SniffedType | undefined {
  if (startsWith(bytes, PNG)) return { family: 'image', mime: 'image/png', fileType: 'png' };
  if (startsWith(bytes, JPEG)) return { family: 'image', mime: 'image/jpeg', fileType: 'jpeg' };
  const head6 = ascii(bytes, 0, 6);
  if (head6 === 'GIF87a' || head6 === 'GIF89a')
    return { family: 'image', mime: 'image/gif', fileType: 'gif' };
  const riff = ascii(bytes, 0, 4) === 'RIFF' ? ascii(bytes, 8, 12) : undefined;
  if (riff === 'WEBP') return { family: 'image', mime: 'image/webp', fileType: 'webp' };
  if (riff === 'WAVE') return { family: 'audio', mime: 'audio/wav', fileType: 'wav' };
  if (startsWith(bytes, EBML) && isWebmAudio(bytes))
    return { family: 'audio', mime: 'audio/webm', fileType: 'webm' };
  if (ascii(bytes, 0, 4) === 'OggS' && ascii(bytes, 28, 36) === 'OpusHead')
    return { family: 'audio', mime: 'audio/ogg', fileType: 'ogg' };
  if (ascii(bytes, 0, 3) === 'ID3' || isMpegFrameAt(bytes, 0))
    return { family: 'audio', mime: 'audio/mpeg', fileType: 'mp3' };
  if (ascii(bytes, 4, 8) === 'ftyp' && isMp4Audio(bytes))
    return { family: 'audio', mime: 'audio/mp4', fileType: 'm4a' };
  if (ascii(bytes, 0, 5) === '%PDF-') return { family: 'document', mime: 'application/pdf', fileType: 'pdf' };
  if (isPlainText(bytes)) return { family: 'text', mime: 'text/plain; charset=utf-8', fileType: 'text' };
  return undefined;
}

/** An MPEG audio frame header at `offset`: sync bits, a layer, a bitrate and a sample rate that exist. */
export function isMpegFrameAt(bytes: Uint8Array, offset: number): boolean {
  const [b0, b1, b2] = [bytes[offset], bytes[offset + 1], bytes[offset + 2]];
  if (b0 !== 0xff || b1 === undefined || b2 === undefined || (b1 & 0xe0) !== 0xe0) return false;
  const version = (b1 >> 3) & 0x03;
  const layer = (b1 >> 1) & 0x03;
  const bitrate = b2 >> 4;
  const sampleRate = (b2 >> 2) & 0x03;
  return version !== 0x01 && layer !== 0x00 && bitrate !== 0x0f && bitrate !== 0x00 && sampleRate !== 0x03;
}

/** A WebM whose head names no video codec (Matroska codec ids `V_…`): a voice recording, not a film. */
function isWebmAudio(bytes: Uint8Array): boolean {
  const head = ascii(bytes, 0, 4096);
  if (!head.includes('webm')) return false;
  return !/V_(VP8|VP9|AV1|MPEG4|MS)/.test(head) && /A_(OPUS|VORBIS)/.test(head);
}

const AUDIO_BRANDS = new Set(['M4A ', 'M4B ']);
const GENERIC_BRANDS = new Set(['isom', 'iso2', 'mp41', 'mp42', 'dash']);

/**
 * An MPEG-4 file that holds sound and no picture. `M4A ` says so itself; a generic brand is read for its
 * track handlers (`soun`, no `vide`), which sit in `moov`: at the start of a streamable file, else at its end.
 */
function isMp4Audio(bytes: Uint8Array): boolean {
  const brand = ascii(bytes, 8, 12);
  if (AUDIO_BRANDS.has(brand)) return true;
  if (!GENERIC_BRANDS.has(brand)) return false;
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return /hdlr[\s\S]{8}soun/.test(text) && !/hdlr[\s\S]{8}vide/.test(text);
}

/** UTF-8 text with no control characters but tab and line breaks, and not markup (a browser would run it). */
function isPlainText(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return false;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) return false;
  return !/^\s*</.test(text.replace(/^\uFEFF/, ''));
}
