import { describe, expect, it } from 'vitest';
import { DEFAULT_MEDIA_POLICY, decideMedia, type MediaPolicy } from './media-policy.js';
import { sniffMediaType } from './sniff-media-type.js';
import { wavDurationMs } from './wav-duration.js';
import { pcm16ToWav } from '../voice/pcm-wav.js';

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Buffer.concat(
    parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part))),
  );
const padded = (head: Uint8Array, length = 64): Uint8Array => Buffer.concat([head, Buffer.alloc(length)]);

const wav = (seconds: number, sampleRate = 16_000): Uint8Array =>
  pcm16ToWav(new Int16Array(seconds * sampleRate), sampleRate);

const WITH_FILES: MediaPolicy = {
  ...DEFAULT_MEDIA_POLICY,
  allowed: ['image', 'sticker', 'voice', 'file'],
  fileTypes: ['pdf', 'text'],
};

describe('media types decided by content', () => {
  it.each([
    ['png', padded(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), 'image/png'],
    ['jpeg', padded(bytes([0xff, 0xd8, 0xff, 0xe0])), 'image/jpeg'],
    ['gif', padded(bytes('GIF89a')), 'image/gif'],
    ['webp', padded(bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 ')), 'image/webp'],
    ['wav', wav(1), 'audio/wav'],
    ['ogg opus', padded(bytes('OggS', Array(24).fill(0) as number[], 'OpusHead')), 'audio/ogg'],
    ['mp3 with ID3', padded(bytes('ID3', [4, 0, 0])), 'audio/mpeg'],
    ['mp3 frame', padded(bytes([0xff, 0xfb, 0x90, 0x64])), 'audio/mpeg'],
    ['m4a', padded(bytes([0, 0, 0, 0x20], 'ftypM4A ')), 'audio/mp4'],
    ['webm opus', padded(bytes([0x1a, 0x45, 0xdf, 0xa3], 'B\x82webm', 'A_OPUS')), 'audio/webm'],
    ['pdf', padded(bytes('%PDF-1.7\n')), 'application/pdf'],
  ])('knows %s', (_name, content, mime) => {
    expect(sniffMediaType(content)?.mime).toBe(mime);
  });

  it('knows nothing of SVG, HTML, scripts, video or random bytes', () => {
    expect(sniffMediaType(bytes('<svg xmlns="http://www.w3.org/2000/svg"></svg>'))?.family).toBeUndefined();
    expect(sniffMediaType(bytes('  <html><script>alert(1)</script>'))).toBeUndefined();
    expect(sniffMediaType(bytes([0x1a, 0x45, 0xdf, 0xa3], 'B\x82webm', 'V_VP9', 'A_OPUS'))).toBeUndefined();
    expect(
      sniffMediaType(bytes([0, 0, 0, 0x20], 'ftypisom', 'hdlr', Array(8).fill(0) as number[], 'vide')),
    ).toBeUndefined();
    expect(sniffMediaType(bytes([0x00, 0x01, 0x02, 0xfe]))).toBeUndefined();
  });

  it('takes an MPEG-4 with a generic brand only when its tracks are sound', () => {
    const audio = bytes([0, 0, 0, 0x20], 'ftypisom', 'moov', 'hdlr', Array(8).fill(0) as number[], 'soun');
    expect(sniffMediaType(audio)?.mime).toBe('audio/mp4');
  });

  it('reads a WAV clip length from its header', () => {
    expect(wavDurationMs(wav(2))).toBe(2000);
    expect(wavDurationMs(bytes('RIFF', [0, 0, 0, 0], 'WAVE'))).toBeUndefined();
  });
});

describe('the upload policy', () => {
  it('refuses arbitrary files unless the operator allows them', () => {
    const pdf = padded(bytes('%PDF-1.7\n'));
    expect(decideMedia(DEFAULT_MEDIA_POLICY, pdf, { complete: true })).toMatchObject({
      ok: false,
      reason: 'unsupported_type',
    });
    expect(decideMedia(WITH_FILES, pdf, { complete: true })).toMatchObject({ ok: true, kind: 'file' });
    const text = new Uint8Array(Buffer.from('充值没到账 order 123\n', 'utf8'));
    expect(decideMedia(DEFAULT_MEDIA_POLICY, text, { complete: true })).toMatchObject({ ok: false });
    expect(decideMedia(WITH_FILES, text, { complete: true })).toMatchObject({
      ok: true,
      kind: 'file',
      type: { mime: 'text/plain; charset=utf-8' },
    });
  });

  it('refuses polyglots: a GIF header before a script, a PDF that is an HTML page', () => {
    const gif = bytes(
      'GIF89a/*',
      Array(20).fill(0) as number[],
      '*/=1;<script>alert(document.cookie)</script>',
    );
    expect(decideMedia(DEFAULT_MEDIA_POLICY, gif, { complete: true })).toMatchObject({
      ok: false,
      reason: 'unsupported_type',
    });
    const pdf = bytes('%PDF-1.4\n<html><body onload="x()">hi</body></html>');
    expect(decideMedia(WITH_FILES, pdf, { complete: true })).toMatchObject({
      ok: false,
      reason: 'unsupported_type',
    });
    const pdfScript = bytes('%PDF-1.4\n1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>');
    expect(decideMedia(WITH_FILES, pdfScript, { complete: true })).toMatchObject({ ok: false });
  });

  it('makes a sticker only of an image, and keeps each kind to its size', () => {
    const png = padded(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(decideMedia(DEFAULT_MEDIA_POLICY, png, { requested: 'sticker', complete: true })).toMatchObject({
      ok: true,
      kind: 'sticker',
    });
    expect(decideMedia(DEFAULT_MEDIA_POLICY, wav(1), { requested: 'sticker', complete: true })).toMatchObject(
      { ok: false, reason: 'unsupported_type' },
    );
    const small = { ...DEFAULT_MEDIA_POLICY, maxBytes: { ...DEFAULT_MEDIA_POLICY.maxBytes, voice: 1000 } };
    expect(decideMedia(small, wav(1), { complete: true })).toMatchObject({ ok: false, reason: 'too_large' });
    expect(decideMedia(DEFAULT_MEDIA_POLICY, new Uint8Array(0), { complete: true })).toMatchObject({
      ok: false,
      reason: 'empty',
    });
  });

  it('refuses a kind the operator left out', () => {
    const imagesOnly = { ...DEFAULT_MEDIA_POLICY, allowed: ['image' as const] };
    expect(decideMedia(imagesOnly, wav(1), { complete: true })).toMatchObject({
      ok: false,
      reason: 'unsupported_type',
    });
  });
});
