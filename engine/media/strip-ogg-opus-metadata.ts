import {
  asciiAt,
  copyOf,
  partLimit,
  strippedAudio,
  unreadableAudio,
  viewOf,
  type StrippedAudio,
} from './audio-metadata-result.js';
import { oggCrc } from './ogg-crc.js';

interface OggPage {
  headerType: number;
  granule: Uint8Array;
  serial: number;
  sequence: number;
  lacing: Uint8Array;
  body: Uint8Array;
}

const PAGE_HEADER_BYTES = 27;
/** Encoders write a page a second or so; even a page every 100 ms of 6 kbit/s speech is over this. */
const BYTES_PER_PAGE = 64;
const CONTINUED = 0x01;
const FIRST_PAGE = 0x02;
/** `OpusTags`, an empty vendor string and no comments: the smallest comment header RFC 7845 allows. */
const EMPTY_OPUS_TAGS = new Uint8Array(
  [...'OpusTags'].map((c) => c.charCodeAt(0)).concat(0, 0, 0, 0, 0, 0, 0, 0),
);

/**
 * An Ogg Opus clip whose comment header (OpusTags: the encoder's vendor string, title, artist, pictures,
 * anything) is replaced by an empty one on a page of its own; later pages are renumbered and every page
 * gets its CRC again. The audio packets are copied untouched. One logical stream only: anything else (a
 * chained or multiplexed file, a damaged page, a file of countless tiny pages) is refused.
 */
export function stripOggOpusMetadata(bytes: Uint8Array): StrippedAudio {
  const pages = readPages(bytes);
  if (typeof pages === 'string') return unreadableAudio(pages);
  const [head, tagsStart] = pages;
  if (!head || !tagsStart) return unreadableAudio('the Ogg file has no comment header');
  if (head.headerType !== FIRST_PAGE || head.lacing.length !== 1 || asciiAt(head.body, 0, 8) !== 'OpusHead')
    return unreadableAudio('the Ogg file does not start with an Opus header page');
  if (pages.some((page) => page.serial !== head.serial))
    return unreadableAudio('the Ogg file holds more than one stream');
  if (tagsStart.headerType & CONTINUED || asciiAt(tagsStart.body, 0, 8) !== 'OpusTags')
    return unreadableAudio('the Ogg file has no Opus comment header on its second page');
  // The comment packet may span pages; the first audio packet starts on a fresh page (RFC 7845, 3).
  let tagsEnd = 1;
  for (;;) {
    const page = pages[tagsEnd];
    if (!page) return unreadableAudio('the Opus comment header never ends');
    const last = page.lacing[page.lacing.length - 1];
    const ends = page.lacing.findIndex((value) => value < 255);
    if (ends !== -1) {
      if (ends !== page.lacing.length - 1 || last === undefined)
        return unreadableAudio('audio shares a page with the Opus comment header');
      break;
    }
    tagsEnd += 1;
  }
  const tagsPage: OggPage = {
    headerType: 0,
    granule: new Uint8Array(8),
    serial: head.serial,
    sequence: 1,
    lacing: new Uint8Array([EMPTY_OPUS_TAGS.length]),
    body: EMPTY_OPUS_TAGS,
  };
  const kept = [head, tagsPage, ...pages.slice(tagsEnd + 1)].map((page, index) => ({
    ...page,
    sequence: index,
  }));
  const written = kept.map(writePage);
  const out = new Uint8Array(written.reduce((sum, page) => sum + page.length, 0));
  let offset = 0;
  for (const page of written) {
    out.set(page, offset);
    offset += page.length;
  }
  return strippedAudio(out);
}

/** Every page of the file, checked (capture pattern, version, CRC, lengths), or why it cannot be read. */
function readPages(bytes: Uint8Array): OggPage[] | string {
  const pages: OggPage[] = [];
  const view = viewOf(bytes);
  const limit = partLimit(bytes, BYTES_PER_PAGE);
  let offset = 0;
  while (offset < bytes.length) {
    if (pages.length === limit) return 'the clip has more Ogg pages than a recording holds';
    if (offset + PAGE_HEADER_BYTES > bytes.length || asciiAt(bytes, offset, 4) !== 'OggS')
      return 'the Ogg file has bytes that are not a page';
    if (bytes[offset + 4] !== 0) return 'the Ogg page version is unknown';
    const segments = bytes[offset + 26]!;
    const lacingEnd = offset + PAGE_HEADER_BYTES + segments;
    if (lacingEnd > bytes.length) return 'an Ogg page runs past the end';
    const lacing = bytes.subarray(offset + PAGE_HEADER_BYTES, lacingEnd);
    const bodyLength = lacing.reduce((sum, value) => sum + value, 0);
    const end = lacingEnd + bodyLength;
    if (end > bytes.length) return 'an Ogg page runs past the end';
    const page = copyOf(bytes, offset, end);
    const stored = view.getUint32(offset + 22, true);
    page.fill(0, 22, 26);
    if (oggCrc(page) !== stored) return 'an Ogg page is damaged (its checksum does not match)';
    pages.push({
      headerType: bytes[offset + 5]!,
      granule: copyOf(bytes, offset + 6, offset + 14),
      serial: view.getUint32(offset + 14, true),
      sequence: view.getUint32(offset + 18, true),
      lacing,
      body: bytes.subarray(lacingEnd, end),
    });
    offset = end;
  }
  return pages;
}

function writePage(page: OggPage): Uint8Array {
  const out = new Uint8Array(PAGE_HEADER_BYTES + page.lacing.length + page.body.length);
  const view = viewOf(out);
  out.set([0x4f, 0x67, 0x67, 0x53, 0, page.headerType]);
  out.set(page.granule, 6);
  view.setUint32(14, page.serial, true);
  view.setUint32(18, page.sequence, true);
  out[26] = page.lacing.length;
  out.set(page.lacing, PAGE_HEADER_BYTES);
  out.set(page.body, PAGE_HEADER_BYTES + page.lacing.length);
  view.setUint32(22, oggCrc(out), true);
  return out;
}
