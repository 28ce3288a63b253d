import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sniffMediaType } from '../../engine/media/sniff-media-type.js';
import { stripAudioMetadata } from '../../engine/media/strip-audio-metadata.js';
import { SECRET, box, ebml } from '../support/audio-metadata-fixtures.js';
import { chromiumAvailable, launchChromium } from '../support/chromium.js';

/**
 * Records `seconds` of a tone with the browser's own MediaRecorder, in `mime`; base64 of the file. The page
 * scripts are text: the tests are type-checked without the DOM's types.
 */
function record(page: Page, mime: string, seconds: number): Promise<string> {
  return page.evaluate(`(async () => {
    const context = new AudioContext({ sampleRate: 48000 });
    const tone = context.createOscillator();
    const sink = context.createMediaStreamDestination();
    tone.connect(sink);
    tone.start();
    const recorder = new MediaRecorder(sink.stream, { mimeType: ${JSON.stringify(mime)} });
    const parts = [];
    recorder.ondataavailable = (event) => parts.push(event.data);
    const stopped = new Promise((resolve) => (recorder.onstop = resolve));
    recorder.start(250);
    await new Promise((resolve) => setTimeout(resolve, ${seconds * 1000}));
    recorder.stop();
    await stopped;
    await context.close();
    const bytes = new Uint8Array(await new Blob(parts).arrayBuffer());
    let text = '';
    for (const byte of bytes) text += String.fromCharCode(byte);
    return btoa(text);
  })()`);
}

/** How long the browser's decoder finds a file (seconds), or its error. */
function decodedSeconds(page: Page, bytes: Uint8Array): Promise<number | string> {
  return page.evaluate(`(async () => {
    const binary = atob(${JSON.stringify(Buffer.from(bytes).toString('base64'))});
    const buffer = new Uint8Array(binary.length);
    for (let index = 0; index < binary.length; index++) buffer[index] = binary.charCodeAt(index);
    try {
      const decoded = await new OfflineAudioContext(1, 1, 48000).decodeAudioData(buffer.buffer);
      return decoded.duration;
    } catch (error) {
      return String(error);
    }
  })()`);
}

describe.runIf(chromiumAvailable())('voice clips a browser recorded, cleaned of metadata', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage();
    await page.setContent('<!doctype html><title>recorder</title>');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('still decodes to the same length after its tags are overwritten (WebM/Opus from MediaRecorder)', async () => {
    const recorded = Buffer.from(await record(page, 'audio/webm;codecs=opus', 1.2), 'base64');
    expect(sniffMediaType(recorded)?.mime).toBe('audio/webm');
    // MediaRecorder writes no tags; a tagging tool would append them to the open-ended segment.
    const tags = ebml(
      [0x12, 0x54, 0xc3, 0x67],
      [
        ebml(
          [0x73, 0x73],
          [
            ebml(
              [0x67, 0xc8],
              [ebml([0x45, 0xa3], Buffer.from('LOCATION')), ebml([0x44, 0x87], Buffer.from(SECRET))],
            ),
          ],
        ),
      ],
    );
    const tagged = Buffer.concat([recorded, tags]);
    const before = await decodedSeconds(page, tagged);
    expect(typeof before === 'number' && before > 0.8, String(before)).toBe(true);
    const stripped = stripAudioMetadata('audio/webm', tagged);
    if (!stripped.ok) throw new Error(stripped.message);
    expect(Buffer.from(stripped.bytes).includes(SECRET)).toBe(false);
    expect(await decodedSeconds(page, stripped.bytes)).toBeCloseTo(before as number, 3);
  }, 30_000);

  it('still decodes to the same length after its udta is freed (MP4 from MediaRecorder)', async () => {
    const mime = 'audio/mp4;codecs=opus';
    const supported = await page.evaluate<boolean>(`MediaRecorder.isTypeSupported(${JSON.stringify(mime)})`);
    if (!supported) return; // Chromium before MP4 recording: the WebM case above still runs
    const recorded = Buffer.from(await record(page, mime, 1.2), 'base64');
    expect(sniffMediaType(recorded)?.mime).toBe('audio/mp4');
    // A tagging tool's user data (a location) added at the end of the movie box, which grows by as much.
    const moovAt = recorded.indexOf(Buffer.from('moov')) - 4;
    const moovSize = recorded.readUInt32BE(moovAt);
    const udta = box('udta', box('\u00a9xyz', Buffer.from(`+31.2+121.4/ ${SECRET}`, 'latin1')));
    const moov = Buffer.concat([recorded.subarray(moovAt, moovAt + moovSize), udta]);
    moov.writeUInt32BE(moov.length, 0);
    const tagged = Buffer.concat([recorded.subarray(0, moovAt), moov, recorded.subarray(moovAt + moovSize)]);
    const before = await decodedSeconds(page, tagged);
    expect(typeof before === 'number' && before > 0.8, String(before)).toBe(true);
    const stripped = stripAudioMetadata('audio/mp4', tagged);
    if (!stripped.ok) throw new Error(stripped.message);
    expect(Buffer.from(stripped.bytes).includes(SECRET)).toBe(false);
    expect(await decodedSeconds(page, stripped.bytes)).toBeCloseTo(before as number, 3);
  }, 30_000);
});
