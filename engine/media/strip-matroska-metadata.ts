import {
  UnreadableAudio as Unreadable,
  copyOf,
  partBudget,
  refuseUnreadable,
  type StrippedAudio,
} from './audio-metadata-result.js';

const EBML_HEADER = 0x1a45dfa3;
const SEGMENT = 0x18538067;
const CLUSTER = 0x1f43b675;
const INFO = 0x1549a966;
const VOID = 0xec;
/** Segment children that carry words about the recording rather than the sound. */
const METADATA_IN_SEGMENT = new Set([
  0x1254c367, // Tags
  0x1941a469, // Attachments
  0x1043a770, // Chapters
]);
/** Info children with a title or the recording's date (MuxingApp and WritingApp stay: players expect them). */
const METADATA_IN_INFO = new Set([0x7ba9 /* Title */, 0x4461 /* DateUTC */]);
/** Elements that may follow a Cluster of unknown size in its Segment: they end that Cluster. */
const SEGMENT_CHILDREN = new Set([
  0x114d9b74, // SeekHead
  INFO,
  0x1654ae6b, // Tracks
  0x1c53bb6b, // Cues
  CLUSTER,
  0x1254c367,
  0x1941a469,
  0x1043a770,
]);

interface Element {
  id: number;
  /** Where the element starts (its id) and where its content starts. */
  start: number;
  dataStart: number;
  /** Undefined for a live recording's "unknown size" (a Segment or a Cluster still being written). */
  size: number | undefined;
}

/** The smallest real element: an audio block (an Opus frame at 6 kbit/s and its header) is 20 bytes or more. */
const BYTES_PER_ELEMENT = 20;

/**
 * A WebM/Matroska clip whose Tags, Attachments and Chapters (and the Info's Title and DateUTC) are
 * overwritten in place by EBML Void elements of the same length: every offset (SeekHead, Cues) stays
 * valid and the audio blocks are untouched. Live recordings with Segments and Clusters of unknown size
 * (MediaRecorder's) are walked too; anything that does not add up, or a file of countless tiny elements,
 * is refused.
 */
export function stripMatroskaMetadata(bytes: Uint8Array): StrippedAudio {
  return refuseUnreadable(() => {
    const out = copyOf(bytes);
    const count = partBudget(out, 'WebM elements', BYTES_PER_ELEMENT);
    let offset = 0;
    let segments = 0;
    while (offset < out.length) {
      count();
      const element = readElement(out, offset);
      if (element.id === EBML_HEADER || element.id === VOID) offset = endOf(element, out);
      else if (element.id === SEGMENT) {
        segments += 1;
        if (segments > 1) throw new Unreadable('the WebM file holds more than one segment');
        offset = walkSegment(out, element, count);
      } else throw new Unreadable('the WebM file has an unknown top-level element');
    }
    if (segments === 0) throw new Unreadable('the WebM file has no segment');
    return out;
  });
}

function walkSegment(bytes: Uint8Array, segment: Element, count: () => void): number {
  const end = segment.size === undefined ? bytes.length : endOf(segment, bytes);
  let offset = segment.dataStart;
  while (offset < end) {
    count();
    const child = readElement(bytes, offset);
    if (child.id === CLUSTER && child.size === undefined) {
      offset = skipOpenCluster(bytes, child, end, count);
      continue;
    }
    const childEnd = endOf(child, bytes);
    if (childEnd > end) throw new Unreadable('a WebM element runs past its segment');
    if (METADATA_IN_SEGMENT.has(child.id)) writeVoid(bytes, child.start, childEnd);
    else if (child.id === INFO) voidChildren(bytes, child, METADATA_IN_INFO, count);
    offset = childEnd;
  }
  return end;
}

/** A Cluster of unknown size ends where an element that cannot be inside it (the next Cluster, Cues…) starts. */
function skipOpenCluster(bytes: Uint8Array, cluster: Element, end: number, count: () => void): number {
  let offset = cluster.dataStart;
  while (offset < end) {
    count();
    const child = readElement(bytes, offset);
    if (SEGMENT_CHILDREN.has(child.id)) return offset;
    const childEnd = endOf(child, bytes);
    if (childEnd > end) throw new Unreadable('a WebM block runs past the end');
    offset = childEnd;
  }
  return end;
}

function voidChildren(bytes: Uint8Array, parent: Element, ids: ReadonlySet<number>, count: () => void): void {
  const end = endOf(parent, bytes);
  let offset = parent.dataStart;
  while (offset < end) {
    count();
    const child = readElement(bytes, offset);
    const childEnd = endOf(child, bytes);
    if (childEnd > end) throw new Unreadable('a WebM element runs past its parent');
    if (ids.has(child.id)) writeVoid(bytes, child.start, childEnd);
    offset = childEnd;
  }
}

function endOf(element: Element, bytes: Uint8Array): number {
  if (element.size === undefined) throw new Unreadable('a WebM element has an unknown size where none may');
  const end = element.dataStart + element.size;
  if (end > bytes.length) throw new Unreadable('a WebM element runs past the end');
  return end;
}

function readElement(bytes: Uint8Array, offset: number): Element {
  const first = bytes[offset];
  if (first === undefined || first === 0) throw new Unreadable('a WebM element id is not valid');
  const idLength = Math.clz32(first) - 23;
  if (idLength > 4 || offset + idLength > bytes.length)
    throw new Unreadable('a WebM element id is not valid');
  let id = 0;
  for (let index = 0; index < idLength; index++) id = id * 256 + bytes[offset + index]!;
  const sizeAt = offset + idLength;
  const sizeFirst = bytes[sizeAt];
  if (sizeFirst === undefined || sizeFirst === 0) throw new Unreadable('a WebM element size is not valid');
  const sizeLength = Math.clz32(sizeFirst) - 23;
  if (sizeAt + sizeLength > bytes.length) throw new Unreadable('a WebM element size runs past the end');
  let size = sizeFirst & (0xff >> sizeLength);
  let unknown = size === 0xff >> sizeLength;
  for (let index = 1; index < sizeLength; index++) {
    const byte = bytes[sizeAt + index]!;
    size = size * 256 + byte;
    unknown &&= byte === 0xff;
  }
  if (!unknown && !Number.isSafeInteger(size)) throw new Unreadable('a WebM element is too large');
  return { id, start: offset, dataStart: sizeAt + sizeLength, size: unknown ? undefined : size };
}

/** Overwrites [start, end) with one Void element of that exact length (its content zeroed). */
function writeVoid(bytes: Uint8Array, start: number, end: number): void {
  const total = end - start;
  for (let sizeLength = 1; sizeLength <= 8; sizeLength++) {
    const content = total - 1 - sizeLength;
    // The all-ones value of each length means "unknown", so the largest usable size is one less.
    if (content < 0 || content >= 2 ** (7 * sizeLength) - 1) continue;
    bytes.fill(0, start, end);
    bytes[start] = VOID;
    let value = content;
    for (let index = sizeLength; index >= 1; index--) {
      bytes[start + index] = value % 256;
      value = Math.floor(value / 256);
    }
    bytes[start + 1]! |= 0x80 >> (sizeLength - 1);
    return;
  }
  throw new Unreadable('a WebM metadata element is too small to overwrite');
}
