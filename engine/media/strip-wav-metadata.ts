import {
  asciiAt,
  strippedAudio,
  unreadableAudio,
  viewOf,
  type StrippedAudio,
} from './audio-metadata-result.js';

/**
 * A RIFF/WAVE clip with only its `fmt ` and `data` chunks: LIST/INFO (names, comments, dates), `id3 `,
 * `bext` and every other chunk go, and the RIFF size is written again. The samples are copied untouched.
 */
export function stripWavMetadata(bytes: Uint8Array): StrippedAudio {
  if (bytes.length < 12 || asciiAt(bytes, 0, 4) !== 'RIFF' || asciiAt(bytes, 8, 4) !== 'WAVE')
    return unreadableAudio('the WAV file has no RIFF/WAVE header');
  const view = viewOf(bytes);
  let format: Uint8Array | undefined;
  let data: Uint8Array | undefined;
  let offset = 12;
  while (offset + 8 <= bytes.length && data === undefined) {
    const id = asciiAt(bytes, offset, 4);
    const size = view.getUint32(offset + 4, true);
    const start = offset + 8;
    if (id === 'data') {
      const exact = size !== 0 && start + size <= bytes.length;
      // A recorder that streamed the file may leave a placeholder size (0, 0xFFFFFFFF): the samples are what
      // is there, unless a metadata chunk follows them, which cannot be told apart from samples safely.
      if (!exact && metadataChunkAfter(bytes, start))
        return unreadableAudio('the WAV data chunk has no length and metadata may follow it');
      data = bytes.subarray(start, exact ? start + size : bytes.length);
      break;
    }
    if (start + size > bytes.length) return unreadableAudio(`the WAV chunk "${id}" runs past the end`);
    if (id === 'fmt ' && format === undefined) format = bytes.subarray(start, start + size);
    offset = start + size + (size % 2);
  }
  if (!format || format.length < 16) return unreadableAudio('the WAV file has no usable fmt chunk');
  if (!data) return unreadableAudio('the WAV file has no data chunk');
  const formatChunk = 8 + format.length + (format.length % 2);
  const dataChunk = 8 + data.length + (data.length % 2);
  const out = new Uint8Array(12 + formatChunk + dataChunk);
  const outView = viewOf(out);
  writeAscii(out, 0, 'RIFF');
  outView.setUint32(4, out.length - 8, true);
  writeAscii(out, 8, 'WAVE');
  writeAscii(out, 12, 'fmt ');
  outView.setUint32(16, format.length, true);
  out.set(format, 20);
  const dataAt = 12 + formatChunk;
  writeAscii(out, dataAt, 'data');
  outView.setUint32(dataAt + 4, data.length, true);
  out.set(data, dataAt + 8);
  return strippedAudio(out);
}

/** Chunks with words about the recording that a writer may append after the samples. */
const METADATA_CHUNKS = ['LIST', 'id3 ', 'ID3 ', 'bext', 'iXML', '_PMX', 'cue '].map((id) =>
  [...id].map((c) => c.charCodeAt(0)),
);

/** Whether a metadata chunk id stands at an even offset (chunks are word-aligned) after `from`. */
function metadataChunkAfter(bytes: Uint8Array, from: number): boolean {
  for (let offset = from; offset + 8 <= bytes.length; offset += 2)
    for (const id of METADATA_CHUNKS)
      if (
        bytes[offset] === id[0] &&
        bytes[offset + 1] === id[1] &&
        bytes[offset + 2] === id[2] &&
        bytes[offset + 3] === id[3]
      )
        return true;
  return false;
}

function writeAscii(bytes: Uint8Array, offset: number, text: string): void {
  for (let index = 0; index < text.length; index++) bytes[offset + index] = text.charCodeAt(index);
}
