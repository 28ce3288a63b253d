import { describe, expect, it } from 'vitest';
import { classifySpeech, countWords } from './classify-speech.js';
import { VoiceConfigSchema } from './voice-config.js';

const config = VoiceConfigSchema.parse({});

describe('speech heard while the assistant talks', () => {
  it.each([
    ['嗯', 300],
    ['嗯嗯嗯', 600],
    ['好的好的', 800],
    ['对对对', undefined],
    ['uh-huh', 400],
    ['Mm.', 200],
    ['ok, yeah', 700],
  ])('treats "%s" as a backchannel', (text, durationMs) => {
    expect(classifySpeech(text, durationMs, config)).toBe('backchannel');
  });

  it.each([
    ['', 100],
    ['[咳]', 200],
    ['uh', 300],
    ['...', 1500],
  ])('does not let a cough or a click ("%s") take the floor', (text, durationMs) => {
    expect(classifySpeech(text, durationMs, config)).toBe('too-short');
  });

  it.each([
    ['等一下', 400],
    ['wait, that is wrong', 600],
    ['stop', 700],
    ['嗯，不对，我问的是退款', 1600],
    ['好的 but how much does it cost', 1800],
  ])('lets real words ("%s") interrupt', (text, durationMs) => {
    expect(classifySpeech(text, durationMs, config)).toBe('interruption');
  });

  it('does not count a long "okay" as a backchannel once it passes the backchannel window', () => {
    expect(classifySpeech('okay', 1500, config)).toBe('too-short');
  });

  it('counts Han characters and Latin words', () => {
    expect(countWords('我要退款 please now')).toBe(6);
  });
});
