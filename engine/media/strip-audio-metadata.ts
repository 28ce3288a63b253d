import { unreadableAudio, type StrippedAudio } from './audio-metadata-result.js';
import { stripMatroskaMetadata } from './strip-matroska-metadata.js';
import { stripMp3Metadata } from './strip-mp3-metadata.js';
import { stripMp4Metadata } from './strip-mp4-metadata.js';
import { stripOggOpusMetadata } from './strip-ogg-opus-metadata.js';
import { stripWavMetadata } from './strip-wav-metadata.js';

export type { StrippedAudio } from './audio-metadata-result.js';

const STRIPPERS: Record<string, (bytes: Uint8Array) => StrippedAudio> = {
  'audio/wav': stripWavMetadata,
  'audio/mpeg': stripMp3Metadata,
  'audio/ogg': stripOggOpusMetadata,
  'audio/webm': stripMatroskaMetadata,
  'audio/mp4': stripMp4Metadata,
};

/**
 * A voice clip (of a sniffed audio type) without its metadata, the sound itself untouched: no re-encoding.
 * A type with no stripper, or a container that cannot be read safely, is refused rather than kept as sent.
 */
export function stripAudioMetadata(mime: string, bytes: Uint8Array): StrippedAudio {
  const strip = STRIPPERS[mime];
  return strip ? strip(bytes) : unreadableAudio(`${mime} clips cannot be cleaned of metadata`);
}
