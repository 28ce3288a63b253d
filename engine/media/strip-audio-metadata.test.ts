import { describe, expect, it } from 'vitest';
import {
  SECRET,
  box,
  countMp3Frames,
  mp3Frame,
  oggPage,
  riffChunk,
  soxWavWithMetadata,
  soxiSamples,
  taggedM4a,
  taggedMp3,
  taggedOggOpus,
  taggedWebm,
} from '../../test/support/audio-metadata-fixtures.js';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { oggCrc } from './ogg-crc.js';
import { sniffMediaType } from './sniff-media-type.js';
import { MAX_TAGS } from './audio-metadata-result.js';
import { stripAudioMetadata, type StrippedAudio } from './strip-audio-metadata.js';
import { wavDurationMs } from './wav-duration.js';

const contains = (bytes: Uint8Array, text: string) =>
  Buffer.from(bytes).includes(Buffer.from(text, 'latin1'));

function cleaned(result: StrippedAudio): Buffer {
  if (!result.ok) throw new Error(result.message);
  return Buffer.from(result.bytes);
}

describe('stripping metadata from voice clips', () => {
  it('keeps a WAV’s fmt and data chunks only, with the RIFF size written again', () => {
    const clip = soxWavWithMetadata(1);
    expect(contains(clip, SECRET)).toBe(true);
    expect(soxiSamples(clip)).toBe(16_000);
    for (const original of [clip]) {
      const stripped = cleaned(stripAudioMetadata('audio/wav', original));
      expect(contains(stripped, SECRET)).toBe(false);
      expect(stripped.subarray(12, 16).toString('latin1')).toBe('fmt ');
      expect(stripped.readUInt32LE(4)).toBe(stripped.length - 8);
      expect(soxiSamples(stripped)).toBe(16_000);
      expect(wavDurationMs(stripped)).toBe(1000);
      expect(sniffMediaType(stripped)?.mime).toBe('audio/wav');
    }
  });

  it('refuses a WAV without a format or with a chunk that runs past the end', () => {
    const noFormat = Buffer.concat([Buffer.from('RIFF\0\0\0\0WAVE'), riffChunk('data', Buffer.alloc(8))]);
    expect(stripAudioMetadata('audio/wav', noFormat).ok).toBe(false);
    const clip = soxWavWithMetadata(0.1);
    const broken = Buffer.from(clip);
    broken.writeUInt32LE(0x7fffffff, 16); // the fmt chunk claims 2 GiB
    expect(stripAudioMetadata('audio/wav', broken)).toMatchObject({ ok: false, message: /past the end/ });
  });

  it('cuts ID3v2, APE and ID3v1 tags off an MP3, every frame kept', () => {
    const clip = taggedMp3(20);
    expect(contains(clip, SECRET)).toBe(true);
    const stripped = cleaned(stripAudioMetadata('audio/mpeg', clip));
    expect(contains(stripped, SECRET)).toBe(false);
    expect(countMp3Frames(stripped)).toBe(20);
    expect(stripped.equals(Buffer.concat(Array.from({ length: 20 }, mp3Frame)))).toBe(true);
    // Tags alone, or a tag size that runs past the file: nothing to keep safely.
    expect(stripAudioMetadata('audio/mpeg', clip.subarray(0, 60)).ok).toBe(false);
    const lying = Buffer.from(clip);
    lying.set([0x7f, 0x7f, 0x7f, 0x7f], 6);
    expect(stripAudioMetadata('audio/mpeg', lying).ok).toBe(false);
  });

  it('computes the Ogg CRC as libogg does (pages sox wrote)', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'livedesk-ogg-'));
    try {
      const file = path.join(folder, 'clip.ogg');
      execFileSync('sox', ['-n', '-r', '16000', '-c', '1', file, 'synth', '0.5', 'sine', '300']);
      const ogg = readFileSync(file);
      let offset = 0;
      let pages = 0;
      while (offset < ogg.length) {
        const segments = ogg[offset + 26]!;
        const lacing = ogg.subarray(offset + 27, offset + 27 + segments);
        const end = offset + 27 + segments + lacing.reduce((sum, value) => sum + value, 0);
        const page = Buffer.from(ogg.subarray(offset, end));
        const stored = page.readUInt32LE(22);
        page.fill(0, 22, 26);
        expect(oggCrc(page)).toBe(stored);
        pages += 1;
        offset = end;
      }
      expect(pages).toBeGreaterThan(2);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('replaces an Ogg Opus comment header by an empty one, renumbering pages with fresh CRCs', () => {
    const clip = taggedOggOpus(5);
    expect(contains(clip, SECRET) && contains(clip, 'SecretPhone')).toBe(true);
    const stripped = cleaned(stripAudioMetadata('audio/ogg', clip));
    expect(contains(stripped, SECRET) || contains(stripped, 'SecretPhone')).toBe(false);
    const pages = readOggPages(stripped);
    expect(pages.map((page) => page.sequence)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(pages[1]!.body.equals(Buffer.from('OpusTags\0\0\0\0\0\0\0\0', 'latin1'))).toBe(true);
    // The audio pages are the same packets at the same granule positions: the same sound, the same length.
    const audio = readOggPages(clip).slice(3);
    expect(pages.slice(2).map((page) => [page.granule, page.body.toString('hex')])).toEqual(
      audio.map((page) => [page.granule, page.body.toString('hex')]),
    );
    expect(sniffMediaType(stripped)?.mime).toBe('audio/ogg');
  });

  it('refuses an Ogg file with a damaged page, a second stream or audio on the comment page', () => {
    const damaged = Buffer.from(taggedOggOpus(2));
    damaged[damaged.length - 1]! ^= 0xff;
    expect(stripAudioMetadata('audio/ogg', damaged)).toMatchObject({ ok: false, message: /checksum/ });
    const clip = taggedOggOpus(1);
    const other = oggPage({
      headerType: 2,
      granule: 0n,
      serial: 7,
      sequence: 0,
      packets: [Buffer.from('OpusHead')],
    });
    expect(stripAudioMetadata('audio/ogg', Buffer.concat([clip, other])).ok).toBe(false);
    const head = clip.subarray(0, readOggPages(clip)[0]!.length);
    const shared = oggPage({
      headerType: 0,
      granule: 0n,
      serial: 0x1234abcd,
      sequence: 1,
      packets: [Buffer.from('OpusTags\0\0\0\0\0\0\0\0'), Buffer.from([0xf8, 0xff, 0xfe])],
    });
    expect(stripAudioMetadata('audio/ogg', Buffer.concat([head, shared]))).toMatchObject({
      ok: false,
      message: /shares a page/,
    });
  });

  it('overwrites WebM Tags, Attachments, Title and DateUTC with Void elements of the same size', () => {
    const { bytes: clip, blocks } = taggedWebm();
    const stripped = cleaned(stripAudioMetadata('audio/webm', clip));
    expect(stripped.length).toBe(clip.length);
    expect(contains(stripped, SECRET)).toBe(false);
    for (const block of blocks) expect(clip.indexOf(block)).toBe(stripped.indexOf(block));
    expect(contains(stripped, 'A_OPUS') && contains(stripped, 'Chrome')).toBe(true);
    // Where Tags stood there is one Void element (0xEC) spanning exactly as many bytes.
    const tagsAt = clip.indexOf(Buffer.from([0x12, 0x54, 0xc3, 0x67]));
    expect(stripped[tagsAt]).toBe(0xec);
    expect(sniffMediaType(stripped)?.mime).toBe('audio/webm');
    // A known-size element that claims more than the file holds cannot be walked safely.
    expect(stripAudioMetadata('audio/webm', clip.subarray(0, clip.length - 5)).ok).toBe(false);
  });

  it('turns M4A udta and meta boxes into free boxes of the same size, offsets kept', () => {
    const { bytes: clip, samples } = taggedM4a();
    expect(sniffMediaType(clip)?.mime).toBe('audio/mp4');
    const stripped = cleaned(stripAudioMetadata('audio/mp4', clip));
    expect(stripped.length).toBe(clip.length);
    expect(contains(stripped, SECRET) || contains(stripped, '+31.2')).toBe(false);
    expect(contains(stripped, 'udta')).toBe(false);
    const stco = stripped.indexOf(Buffer.from('stco'));
    const chunkOffset = stripped.readUInt32BE(stco + 12);
    expect(stripped.subarray(chunkOffset, chunkOffset + samples.length).equals(samples)).toBe(true);
    expect(sniffMediaType(stripped)?.mime).toBe('audio/mp4');
    // A box that claims more than its parent holds, or no moov at all: refused.
    const lying = Buffer.from(clip);
    lying.writeUInt32BE(0xffff, clip.indexOf(Buffer.from('trak')) - 4);
    expect(stripAudioMetadata('audio/mp4', lying).ok).toBe(false);
    expect(
      stripAudioMetadata('audio/mp4', Buffer.concat([box('ftyp', Buffer.from('M4A ')), box('mdat')])).ok,
    ).toBe(false);
  });

  it('leaves the caller’s bytes as they were (a Node Buffer’s slice is a view)', () => {
    const clips: [string, Buffer][] = [
      ['audio/wav', soxWavWithMetadata(0.1)],
      ['audio/mpeg', taggedMp3(3)],
      ['audio/ogg', taggedOggOpus(2)],
      ['audio/webm', taggedWebm().bytes],
      ['audio/mp4', taggedM4a().bytes],
    ];
    for (const [mime, clip] of clips) {
      const before = Buffer.from(clip);
      expect(cleaned(stripAudioMetadata(mime, clip)).equals(clip), mime).toBe(false);
      expect(clip.equals(before), mime).toBe(true);
    }
  });

  it('refuses an audio type it has no stripper for', () => {
    expect(stripAudioMetadata('audio/flac', Buffer.from('fLaC')).ok).toBe(false);
  });
});

describe('stripping metadata from crafted clips', () => {
  const ftyp = box('ftyp', Buffer.from('M4A \0\0\0\0M4A isom', 'latin1'));

  /** moov holding `depth` trak boxes each inside the one before: a few bytes a level. */
  function nestedM4a(depth: number): Buffer {
    const moov = Buffer.alloc(8 + depth * 8);
    for (let level = 0; level <= depth; level++) {
      moov.writeUInt32BE(moov.length - level * 8, level * 8);
      moov.write(level === 0 ? 'moov' : 'trak', level * 8 + 4, 'latin1');
    }
    return Buffer.concat([ftyp, moov]);
  }

  it('refuses MP4 boxes nested deeper than a movie goes, without running out of stack', () => {
    const deep = nestedM4a(30_000);
    expect(deep.length).toBeLessThan(250_000);
    expect(stripAudioMetadata('audio/mp4', deep)).toMatchObject({ ok: false, message: /nest deeper/ });
    expect(stripAudioMetadata('audio/mp4', nestedM4a(20))).toMatchObject({
      ok: false,
      message: /nest deeper/,
    });
    // A movie's real depth (moov › trak › mdia › minf › stbl) is walked.
    expect(cleaned(stripAudioMetadata('audio/mp4', taggedM4a().bytes)).length).toBe(taggedM4a().bytes.length);
  });

  it('refuses a clip of countless tiny parts rather than walking them all', () => {
    const frame = mp3Frame();
    const emptyId3 = Buffer.from([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 0]);
    const id3s = (count: number) => Buffer.concat([...Array.from({ length: count }, () => emptyId3), frame]);
    expect(stripAudioMetadata('audio/mpeg', id3s(2)).ok).toBe(true);
    expect(stripAudioMetadata('audio/mpeg', id3s(MAX_TAGS + 1))).toMatchObject({
      ok: false,
      message: /more ID3v2/,
    });
    const id3v1 = Buffer.alloc(128);
    id3v1.write('TAG', 'latin1');
    const trailing = Buffer.concat([frame, ...Array.from({ length: MAX_TAGS + 1 }, () => id3v1)]);
    expect(stripAudioMetadata('audio/mpeg', trailing)).toMatchObject({ ok: false, message: /more tags/ });

    // 200 000 empty 8-byte boxes in moov: 1.6 MB, far more boxes than its size allows a real file.
    const tiny = Buffer.alloc(200_000 * 8);
    for (let offset = 0; offset < tiny.length; offset += 8) {
      tiny.writeUInt32BE(8, offset);
      tiny.write('free', offset + 4, 'latin1');
    }
    const crowdedMovie = Buffer.concat([ftyp, box('moov', tiny)]);
    expect(stripAudioMetadata('audio/mp4', crowdedMovie)).toMatchObject({
      ok: false,
      message: /more MP4 boxes/,
    });

    // A live Segment of 2-byte Void elements.
    const voids = Buffer.alloc(400_000 * 2);
    for (let offset = 0; offset < voids.length; offset += 2) voids.set([0xec, 0x80], offset);
    const webm = Buffer.concat([
      Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x80, 0x18, 0x53, 0x80, 0x67, 0x01, 0xff, 0xff, 0xff]),
      Buffer.from([0xff, 0xff, 0xff, 0xff]),
      voids,
    ]);
    expect(stripAudioMetadata('audio/webm', webm)).toMatchObject({
      ok: false,
      message: /more WebM elements/,
    });

    // An Opus stream whose audio is 20 000 empty pages.
    const clip = taggedOggOpus(1);
    const empty = (sequence: number) =>
      oggPage({ headerType: 0, granule: 0n, serial: 0x1234abcd, sequence, packets: [] });
    const pages = Buffer.concat([clip, ...Array.from({ length: 20_000 }, (_, index) => empty(index + 5))]);
    expect(stripAudioMetadata('audio/ogg', pages)).toMatchObject({ ok: false, message: /more Ogg pages/ });
  });

  it('frees uuid (XMP) boxes inside the movie and forgets when it was recorded', () => {
    const { bytes: clip } = taggedM4a();
    const xmp = box('uuid', Buffer.from(`0123456789abcdef<x:xmpmeta>${SECRET}</x:xmpmeta>`, 'latin1'));
    // The uuid box goes at the end of the track: the trak and moov sizes grow by its length.
    const moovAt = clip.indexOf(Buffer.from('moov')) - 4;
    const trakAt = clip.indexOf(Buffer.from('trak')) - 4;
    const trakEnd = trakAt + clip.readUInt32BE(trakAt);
    const withXmp = Buffer.concat([clip.subarray(0, trakEnd), xmp, clip.subarray(trakEnd)]);
    withXmp.writeUInt32BE(clip.readUInt32BE(moovAt) + xmp.length, moovAt);
    withXmp.writeUInt32BE(clip.readUInt32BE(trakAt) + xmp.length, trakAt);
    const stamped = ['mvhd', 'tkhd', 'mdhd'].map((type) => withXmp.indexOf(Buffer.from(type)) + 4);
    for (const at of stamped) withXmp.writeUInt32BE(0xdeadbeef, at + 4); // version 0, flags, creation time
    for (const at of stamped) withXmp.writeUInt32BE(0xfeedface, at + 8); // modification time
    const stripped = cleaned(stripAudioMetadata('audio/mp4', withXmp));
    expect(stripped.length).toBe(withXmp.length);
    expect(contains(stripped, SECRET) || contains(stripped, 'xmpmeta')).toBe(false);
    for (const at of stamped) expect(stripped.readBigUInt64BE(at + 4), String(at)).toBe(0n);
    // Each header keeps its size and type; only the two times are zero.
    for (const at of stamped)
      expect(stripped.subarray(at - 8, at).equals(withXmp.subarray(at - 8, at))).toBe(true);
  });

  it('refuses a WAV with a placeholder data size followed by metadata, keeps one without', () => {
    const clip = soxWavWithMetadata(0.1);
    const dataAt = clip.indexOf(Buffer.from('data'));
    for (const placeholder of [0, 0xffffffff]) {
      const streamed = Buffer.from(clip);
      streamed.writeUInt32LE(placeholder, dataAt + 4);
      expect(contains(streamed.subarray(dataAt), SECRET)).toBe(true);
      expect(stripAudioMetadata('audio/wav', streamed)).toMatchObject({ ok: false, message: /no length/ });
    }
    const samples = Buffer.alloc(3200, 7);
    const format = clip.subarray(20, 20 + clip.readUInt32LE(16));
    const dataHeader = Buffer.from('data\xff\xff\xff\xff', 'latin1');
    const open = Buffer.concat([
      Buffer.from('RIFF\0\0\0\0WAVE'),
      riffChunk('fmt ', format),
      dataHeader,
      samples,
    ]);
    const stripped = cleaned(stripAudioMetadata('audio/wav', open));
    expect(stripped.readUInt32LE(stripped.indexOf(Buffer.from('data')) + 4)).toBe(samples.length);
    expect(stripped.subarray(stripped.length - samples.length).equals(samples)).toBe(true);
  });
});

function readOggPages(bytes: Buffer): { sequence: number; granule: bigint; body: Buffer; length: number }[] {
  const pages = [];
  let offset = 0;
  while (offset < bytes.length) {
    const segments = bytes[offset + 26]!;
    const lacing = bytes.subarray(offset + 27, offset + 27 + segments);
    const bodyStart = offset + 27 + segments;
    const end = bodyStart + lacing.reduce((sum, value) => sum + value, 0);
    const page = Buffer.from(bytes.subarray(offset, end));
    const stored = page.readUInt32LE(22);
    page.fill(0, 22, 26);
    expect(oggCrc(page)).toBe(stored);
    pages.push({
      sequence: bytes.readUInt32LE(offset + 18),
      granule: bytes.readBigInt64LE(offset + 6),
      body: bytes.subarray(bodyStart, end),
      length: end - offset,
    });
    offset = end;
  }
  return pages;
}
