import { writeFileSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { pcm16ToWav } from '../../engine/voice/pcm-wav.js';
import { sequence, silence, SpokenAudio } from '../voice/spoken-audio.js';
import { CHROMIUM_PATH } from './chromium.js';

/**
 * Writes what the fake microphone plays: a moment of silence, `text` spoken by espeak-ng, then long
 * silence. Chromium loops the file, so the silence keeps it to one question a test. `then`: more words,
 * `afterMs` after the question (to talk over its answer).
 */
export function writeSpokenQuestion(
  wavPath: string,
  text: string,
  voice: 'en' | 'cmn' = 'en',
  options: { then?: { afterMs: number; text: string } } = {},
): void {
  const audio = new SpokenAudio();
  try {
    const more = options.then ? [silence(options.then.afterMs), audio.speak(options.then.text, voice)] : [];
    const { samples } = sequence(silence(1500), audio.speak(text, voice), ...more, silence(20_000));
    writeFileSync(wavPath, pcm16ToWav(samples, 16_000));
  } finally {
    audio.close();
  }
}

/**
 * Headless Chromium whose microphone is `wavPath` (Chromium's fake capture device), allowed without a
 * prompt, and whose pages may play audio without a gesture of their own.
 */
export function launchChromiumWithMicrophone(wavPath: string): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-audio-capture=${wavPath}`,
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}
