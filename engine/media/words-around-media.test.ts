import { describe, expect, it } from 'vitest';
import type { TranscriptLine } from '../conversation/transcript.js';
import { mediaHandoffLine } from './media-handoff-lines.js';
import { viewerWordsBefore } from './words-around-media.js';

const line = (at: string, speaker: TranscriptLine['speaker'], text: string): TranscriptLine => ({
  at: `2026-12-07T10:${at}.000Z`,
  speaker,
  text,
});

describe('the words around a media message', () => {
  const transcript = [
    line('00:00', 'viewer', '在吗'),
    line('04:10', 'viewer', '充值没到账'),
    line('04:20', 'assistant', '请提供订单号'),
    line('04:40', 'viewer', '看截图'),
  ];

  it('reads the viewer’s recent messages, not the assistant’s or old ones', () => {
    const atMs = Date.parse('2026-12-07T10:05:00.000Z');
    expect(viewerWordsBefore(transcript, { atMs, windowMs: 60_000 })).toBe('充值没到账 看截图');
    expect(viewerWordsBefore(transcript, { atMs, windowMs: 10_000 })).toBe('');
  });

  it('tells the viewer honestly, in Chinese for Chinese and English otherwise', () => {
    expect(mediaHandoffLine('image', 'zh')).toMatch(/看不了图片/);
    expect(mediaHandoffLine('image', 'zh-Hant')).toMatch(/图片/);
    expect(mediaHandoffLine('voice', 'en')).toMatch(/can't listen/);
    expect(mediaHandoffLine('file', undefined)).toMatch(/person/);
  });
});
