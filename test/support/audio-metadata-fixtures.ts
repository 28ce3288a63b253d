import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { oggCrc } from '../../engine/media/ogg-crc.js';

/**
 * Voice clips that carry metadata, for the stripping tests: WAV from sox (a real encoder writing a LIST
 * chunk), the others built byte by byte where sox cannot write the format. Each hides SECRET somewhere a
 * recorder or a tagging tool would put it.
 */
export const SECRET = 'GPS 31.2,121.4';

const ascii = (text: string) => Buffer.from(text, 'latin1');

/**
 * A 440 Hz tone from sox (16 kHz mono), tagged the way recorders and editors tag: a LIST/INFO chunk with a
 * comment and a date between `fmt ` and `data`, and `bext` and `id3 ` chunks after the samples (sox's own
 * `--comment` is not written into WAV files).
 */
export function soxWavWithMetadata(seconds = 1): Buffer {
  const folder = mkdtempSync(path.join(tmpdir(), 'livedesk-sox-'));
  let plain: Buffer;
  try {
    const file = path.join(folder, 'clip.wav');
    execFileSync('sox', [
      '-n',
      '-r',
      '16000',
      '-c',
      '1',
      '-b',
      '16',
      file,
      'synth',
      String(seconds),
      'sine',
      '440',
    ]);
    plain = readFileSync(file);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  const dataAt = plain.indexOf(Buffer.from('data'));
  const info = riffChunk(
    'LIST',
    Buffer.concat([
      ascii('INFO'),
      riffChunk('ICMT', ascii(`${SECRET}\0`)),
      riffChunk('ICRD', ascii('2026-12-07\0')),
    ]),
  );
  const tagged = Buffer.concat([
    plain.subarray(0, dataAt),
    info,
    plain.subarray(dataAt),
    riffChunk('bext', ascii(`made at ${SECRET}`)),
    riffChunk('id3 ', ascii(SECRET)),
  ]);
  tagged.writeUInt32LE(tagged.length - 8, 4);
  return tagged;
}

/** What sox says about a WAV: its length in samples (throws when sox cannot read the file). */
export function soxiSamples(wav: Uint8Array): number {
  const folder = mkdtempSync(path.join(tmpdir(), 'livedesk-soxi-'));
  try {
    const file = path.join(folder, 'clip.wav');
    writeFileSync(file, wav);
    return Number(execFileSync('soxi', ['-s', file]).toString().trim());
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** A WAV chunk: id, little-endian size, body, pad byte. */
export function riffChunk(id: string, body: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.write(id, 0, 'latin1');
  header.writeUInt32LE(body.length, 4);
  return Buffer.concat([header, body, body.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
}

/** An MPEG-1 Layer III frame (128 kb/s, 44.1 kHz, 417 bytes) of silence. */
export function mp3Frame(): Buffer {
  const frame = Buffer.alloc(417);
  frame.set([0xff, 0xfb, 0x90, 0x64]);
  return frame;
}

/** MP3 frames wrapped in ID3v2 (a TXXX frame), an APE tag and ID3v1, each with SECRET. */
export function taggedMp3(frames = 20): Buffer {
  const text = Buffer.concat([Buffer.from([0]), ascii(`location\0${SECRET}`)]);
  const frameHeader = Buffer.alloc(10);
  frameHeader.write('TXXX', 0, 'latin1');
  frameHeader.writeUInt32BE(text.length, 4);
  const id3Body = Buffer.concat([frameHeader, text, Buffer.alloc(32)]);
  const id3 = Buffer.concat([ascii('ID3'), Buffer.from([4, 0, 0]), syncsafe(id3Body.length), id3Body]);
  const apeItem = Buffer.concat([Buffer.alloc(8), ascii('Comment\0'), ascii(SECRET)]);
  apeItem.writeUInt32LE(SECRET.length, 0);
  const apeFooter = Buffer.alloc(32);
  apeFooter.write('APETAGEX', 0, 'latin1');
  apeFooter.writeUInt32LE(2000, 8);
  apeFooter.writeUInt32LE(apeItem.length + 32, 12);
  apeFooter.writeUInt32LE(1, 16);
  const id3v1 = Buffer.alloc(128);
  id3v1.write('TAG', 0, 'latin1');
  id3v1.write(SECRET, 33, 'latin1');
  return Buffer.concat([id3, ...Array.from({ length: frames }, mp3Frame), apeItem, apeFooter, id3v1]);
}

function syncsafe(value: number): Buffer {
  return Buffer.from([(value >> 21) & 0x7f, (value >> 14) & 0x7f, (value >> 7) & 0x7f, value & 0x7f]);
}

/** MPEG frames one after another from `offset` to the end (throws at anything that is not a frame). */
export function countMp3Frames(bytes: Uint8Array): number {
  let offset = 0;
  let frames = 0;
  while (offset < bytes.length) {
    if (bytes[offset] !== 0xff || (bytes[offset + 1]! & 0xe0) !== 0xe0)
      throw new Error(`no MPEG frame at ${offset}`);
    const bitrate = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320][
      bytes[offset + 2]! >> 4
    ]!;
    const padding = (bytes[offset + 2]! >> 1) & 1;
    offset += Math.floor((144_000 * bitrate) / 44_100) + padding;
    frames += 1;
  }
  if (offset !== bytes.length) throw new Error('the last frame is cut short');
  return frames;
}

/** One Ogg page with its CRC. */
export function oggPage(options: {
  headerType: number;
  granule: bigint;
  serial: number;
  sequence: number;
  packets: Buffer[];
  /** The last packet goes on (its lacing ends with 255s). */
  open?: boolean;
}): Buffer {
  const lacing: number[] = [];
  options.packets.forEach((packet, index) => {
    let left = packet.length;
    while (left >= 255) {
      lacing.push(255);
      left -= 255;
    }
    if (!(options.open && index === options.packets.length - 1)) lacing.push(left);
  });
  const header = Buffer.alloc(27);
  header.write('OggS', 0, 'latin1');
  header[5] = options.headerType;
  header.writeBigInt64LE(options.granule, 6);
  header.writeUInt32LE(options.serial, 14);
  header.writeUInt32LE(options.sequence, 18);
  header[26] = lacing.length;
  const page = Buffer.concat([header, Buffer.from(lacing), ...options.packets]);
  page.writeUInt32LE(oggCrc(page), 22);
  return page;
}

/**
 * An Ogg Opus clip: OpusHead, an OpusTags packet spanning two pages (the encoder's vendor, SECRET as a
 * comment and a 300-byte picture), then `audioPages` pages of 20 ms silent CELT frames.
 */
export function taggedOggOpus(audioPages = 5): Buffer {
  const serial = 0x1234abcd;
  const head = Buffer.alloc(19);
  head.write('OpusHead', 0, 'latin1');
  head.set([1, 1], 8);
  head.writeUInt16LE(312, 10);
  head.writeUInt32LE(48_000, 12);
  const vendor = ascii('libopus 1.4 recorded on SecretPhone 9');
  const comments = [ascii(`LOCATION=${SECRET}`), ascii(`METADATA_BLOCK_PICTURE=${'A'.repeat(300)}`)];
  const u32 = (value: number) => {
    const buffer = Buffer.alloc(4);
    buffer.writeUInt32LE(value);
    return buffer;
  };
  const tags = Buffer.concat([
    ascii('OpusTags'),
    u32(vendor.length),
    vendor,
    u32(comments.length),
    ...comments.flatMap((comment) => [u32(comment.length), comment]),
  ]);
  const pages = [oggPage({ headerType: 2, granule: 0n, serial, sequence: 0, packets: [head] })];
  pages.push(
    oggPage({
      headerType: 0,
      granule: 0n,
      serial,
      sequence: 1,
      packets: [tags.subarray(0, 255)],
      open: true,
    }),
    oggPage({ headerType: 1, granule: 0n, serial, sequence: 2, packets: [tags.subarray(255)] }),
  );
  const silence = Buffer.from([0xf8, 0xff, 0xfe]);
  for (let page = 0; page < audioPages; page++)
    pages.push(
      oggPage({
        headerType: page === audioPages - 1 ? 4 : 0,
        granule: BigInt((page + 1) * 50 * 960),
        serial,
        sequence: 3 + page,
        packets: Array.from({ length: 50 }, () => silence),
      }),
    );
  return Buffer.concat(pages);
}

/** An EBML element: id bytes, an 8-byte size (or unknown), the body. */
export function ebml(id: number[], body: Buffer | Buffer[], unknownSize = false): Buffer {
  const content = Array.isArray(body) ? Buffer.concat(body) : body;
  const size = Buffer.alloc(8);
  if (unknownSize) size.set([0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
  else {
    size.writeBigUInt64BE(BigInt(content.length));
    size[0] = 0x01;
  }
  return Buffer.concat([Buffer.from(id), size, content]);
}

const simpleBlock = (index: number) =>
  ebml([0xa3], Buffer.from([0x81, 0x00, index * 20, 0x80, 0xf8, 0xff, 0xfe]));

/**
 * A WebM voice recording as MediaRecorder writes it (Segment and Clusters of unknown size), with a Title
 * and a DateUTC in Info, Tags holding SECRET after the first Cluster and an Attachment (a photo) at the end.
 */
export function taggedWebm(): { bytes: Buffer; blocks: Buffer[] } {
  const header = ebml([0x1a, 0x45, 0xdf, 0xa3], [ebml([0x42, 0x82], ascii('webm'))]);
  const info = ebml(
    [0x15, 0x49, 0xa9, 0x66],
    [
      ebml([0x2a, 0xd7, 0xb1], Buffer.from([0x0f, 0x42, 0x40])),
      ebml([0x4d, 0x80], ascii('Chrome')),
      ebml([0x57, 0x41], ascii('Chrome')),
      ebml([0x7b, 0xa9], ascii(`Voice note at ${SECRET}`)),
      ebml([0x44, 0x61], Buffer.alloc(8, 7)),
    ],
  );
  const tracks = ebml(
    [0x16, 0x54, 0xae, 0x6b],
    [
      ebml(
        [0xae],
        [ebml([0xd7], Buffer.from([1])), ebml([0x86], ascii('A_OPUS')), ebml([0x83], Buffer.from([2]))],
      ),
    ],
  );
  const blocks = [0, 1, 2].map(simpleBlock);
  const cluster = ebml([0x1f, 0x43, 0xb6, 0x75], [ebml([0xe7], Buffer.from([0])), ...blocks], true);
  const tags = ebml(
    [0x12, 0x54, 0xc3, 0x67],
    [
      ebml(
        [0x73, 0x73],
        [ebml([0x67, 0xc8], [ebml([0x45, 0xa3], ascii('LOCATION')), ebml([0x44, 0x87], ascii(SECRET))])],
      ),
    ],
  );
  const moreBlocks = [3, 4].map(simpleBlock);
  const second = ebml([0x1f, 0x43, 0xb6, 0x75], [ebml([0xe7], Buffer.from([60])), ...moreBlocks], true);
  const attachments = ebml(
    [0x19, 0x41, 0xa4, 0x69],
    [
      ebml(
        [0x61, 0xa7],
        [ebml([0x46, 0x6e], ascii('where.jpg')), ebml([0x46, 0x5c], ascii(`JPEG ${SECRET}`))],
      ),
    ],
  );
  const segment = ebml([0x18, 0x53, 0x80, 0x67], [info, tracks, cluster, tags, second, attachments], true);
  return { bytes: Buffer.concat([header, segment]), blocks: [...blocks, ...moreBlocks] };
}

/** An MP4 box. */
export function box(type: string, ...children: Buffer[]): Buffer {
  const body = Buffer.concat(children);
  const header = Buffer.alloc(8);
  header.writeUInt32BE(body.length + 8);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, body]);
}

/**
 * An M4A voice memo: ftyp, moov (a sound track with a name in its udta; iTunes tags and a `©xyz`
 * location in moov/udta/meta), then mdat; the chunk offset (stco) points at mdat's samples.
 */
export function taggedM4a(): { bytes: Buffer; samples: Buffer } {
  const samples = Buffer.from(Array.from({ length: 64 }, (_, index) => index));
  const hdlr = box('hdlr', Buffer.alloc(8), ascii('soun'), Buffer.alloc(12), ascii('SoundHandler\0'));
  const stco = (offset: number) => {
    const body = Buffer.alloc(12);
    body.writeUInt32BE(1, 4);
    body.writeUInt32BE(offset, 8);
    return box('stco', body);
  };
  const build = (offset: number) =>
    box(
      'moov',
      box('mvhd', Buffer.alloc(100)),
      box(
        'trak',
        box('tkhd', Buffer.alloc(84)),
        box('mdia', box('mdhd', Buffer.alloc(24)), hdlr, box('minf', box('stbl', stco(offset)))),
        box('udta', box('name', ascii(`track by ${SECRET}`))),
      ),
      box(
        'udta',
        box('\u00a9xyz', ascii(`+31.2+121.4/ ${SECRET}`)),
        box(
          'meta',
          Buffer.alloc(4),
          box('ilst', box('\u00a9nam', box('data', Buffer.alloc(8), ascii(SECRET)))),
        ),
      ),
    );
  const ftyp = box('ftyp', ascii('M4A '), Buffer.alloc(4), ascii('M4A isom'));
  const moovLength = build(0).length;
  const moov = build(ftyp.length + moovLength + 8);
  return { bytes: Buffer.concat([ftyp, moov, box('mdat', samples)]), samples };
}
