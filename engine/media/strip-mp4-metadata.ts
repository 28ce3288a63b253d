import {
  UnreadableAudio,
  copyOf,
  partBudget,
  refuseUnreadable,
  viewOf,
  type StrippedAudio,
} from './audio-metadata-result.js';

/** Boxes with words about the recording: iTunes-style tags, user data (location `©xyz`, names), XMP. */
const METADATA_BOXES = new Set(['udta', 'meta', 'uuid']);
/** Boxes of the movie that are walked for metadata boxes of their own (ISO 14496-12 plain containers). */
const CONTAINERS = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl', 'edts', 'dinf']);
/** Headers whose creation and modification times say when the clip was recorded. */
const TIMED_HEADERS = new Set(['mvhd', 'tkhd', 'mdhd']);
/** moov › trak › mdia › minf › stbl is as deep as a movie goes; deeper nesting is a crafted file. */
const MAX_DEPTH = 8;
/** The smallest real part: a fragment (moof and mdat) of an fMP4 is well over this. */
const BYTES_PER_BOX = 128;

interface Box {
  type: string;
  start: number;
  headerBytes: number;
  end: number;
  depth: number;
}

/**
 * An M4A/MP4 clip whose `udta`, `meta` and `uuid` (XMP) boxes, at the top level and anywhere in the movie,
 * become `free` boxes of the same size with zeroed content, and whose movie, track and media headers lose
 * their creation and modification times (zero: "unknown"): chunk offsets in `stco`/`co64` stay valid, the
 * samples are untouched. A box that does not add up, nesting deeper than a movie does, a file of countless
 * tiny boxes or one without a single `moov` is refused.
 */
export function stripMp4Metadata(bytes: Uint8Array): StrippedAudio {
  return refuseUnreadable(() => {
    const out = copyOf(bytes);
    const count = partBudget(out, 'MP4 boxes', BYTES_PER_BOX);
    const pending: Box[] = [];
    let movies = 0;
    for (const box of readBoxes(out, 0, out.length, 0, count)) {
      if (box.type === 'moov') {
        movies += 1;
        pending.push(box);
      } else if (METADATA_BOXES.has(box.type)) free(out, box);
    }
    if (movies !== 1) throw new UnreadableAudio('the MP4 file has no single movie box (moov)');
    // An explicit stack, not recursion: a crafted nesting must not reach the call stack's limit.
    for (let parent = pending.pop(); parent; parent = pending.pop()) {
      if (parent.depth >= MAX_DEPTH) throw new UnreadableAudio('the MP4 boxes nest deeper than a movie does');
      for (const child of readBoxes(
        out,
        parent.start + parent.headerBytes,
        parent.end,
        parent.depth + 1,
        count,
      )) {
        if (METADATA_BOXES.has(child.type)) free(out, child);
        else if (TIMED_HEADERS.has(child.type)) forgetTimes(out, child);
        else if (CONTAINERS.has(child.type)) pending.push(child);
      }
    }
    return out;
  });
}

function free(bytes: Uint8Array, box: Box): void {
  bytes.fill(0, box.start + box.headerBytes, box.end);
  bytes.set([0x66, 0x72, 0x65, 0x65], box.start + 4); // 'free'
  // A box with a 64-bit size keeps it; `uuid` boxes lose their 16-byte user type with the rest.
}

/** mvhd, tkhd and mdhd start with version, flags, creation and modification time (32 or 64 bits each). */
function forgetTimes(bytes: Uint8Array, box: Box): void {
  const content = box.start + box.headerBytes;
  const version = bytes[content];
  const times = version === 1 ? 16 : version === 0 ? 8 : undefined;
  if (times === undefined || content + 4 + times > box.end)
    throw new UnreadableAudio(`the MP4 box "${box.type}" cannot be read`);
  bytes.fill(0, content + 4, content + 4 + times);
}

function readBoxes(bytes: Uint8Array, from: number, to: number, depth: number, count: () => void): Box[] {
  const view = viewOf(bytes);
  const boxes: Box[] = [];
  let offset = from;
  while (offset < to) {
    count();
    if (offset + 8 > to) throw new UnreadableAudio('an MP4 box header runs past its parent');
    const size32 = view.getUint32(offset);
    const type = String.fromCharCode(
      bytes[offset + 4]!,
      bytes[offset + 5]!,
      bytes[offset + 6]!,
      bytes[offset + 7]!,
    );
    let headerBytes = 8;
    let size: number;
    if (size32 === 1) {
      if (offset + 16 > to) throw new UnreadableAudio('an MP4 box header runs past its parent');
      size = Number(view.getBigUint64(offset + 8));
      headerBytes = 16;
    } else size = size32 === 0 ? to - offset : size32;
    if (size < headerBytes || offset + size > to)
      throw new UnreadableAudio(`the MP4 box "${type}" does not fit`);
    boxes.push({ type, start: offset, headerBytes, end: offset + size, depth });
    offset += size;
  }
  return boxes;
}
