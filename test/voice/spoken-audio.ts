import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodeWav } from '../support/fake-speech-server.js';

export const SAMPLE_RATE = 16_000;

/** Why real-sound tests cannot run here, or undefined when espeak-ng and sox are installed (CI installs both). */
export function missingSpeechTools(): string | undefined {
  for (const tool of ['espeak-ng', 'sox'])
    if (!['/usr/bin', '/usr/local/bin'].some((folder) => existsSync(path.join(folder, tool))))
      return `${tool} is not installed (Debian: apt-get install espeak-ng sox)`;
  return undefined;
}

/**
 * Speech made at test time: espeak-ng speaks, sox resamples to 16 kHz mono 16-bit and trims the silence
 * espeak leaves around it, so the speech starts at the clip's first sample and ends at its last.
 */
export class SpokenAudio {
  private readonly folder = mkdtempSync(path.join(tmpdir(), 'livedesk-voice-'));
  private made = 0;

  speak(text: string, voice: 'en' | 'cmn' = 'en', speed = 160): Int16Array {
    const raw = this.file('wav');
    const clean = this.file('wav');
    execFileSync('espeak-ng', ['-v', voice, '-s', String(speed), '-w', raw, text]);
    execFileSync('sox', [
      raw,
      '-r',
      String(SAMPLE_RATE),
      '-c',
      '1',
      '-b',
      '16',
      clean,
      'silence',
      '1',
      '0.02',
      '1%',
      'reverse',
      'silence',
      '1',
      '0.02',
      '1%',
      'reverse',
    ]);
    return this.read(clean);
  }

  /** A cough-like burst: brown noise shaped by a fast attack and decay. */
  cough(ms = 180): Int16Array {
    const out = this.file('wav');
    execFileSync('sox', [
      '-n',
      '-r',
      String(SAMPLE_RATE),
      '-c',
      '1',
      '-b',
      '16',
      out,
      'synth',
      String(ms / 1000),
      'brownnoise',
      'fade',
      'q',
      '0.01',
      String(ms / 1000),
      '0.12',
      'vol',
      '0.8',
    ]);
    return this.read(out);
  }

  close(): void {
    rmSync(this.folder, { recursive: true, force: true });
  }

  private file(extension: string): string {
    this.made += 1;
    return path.join(this.folder, `clip-${this.made}.${extension}`);
  }

  private read(file: string): Int16Array {
    const audio = decodeWav(readFileSync(file));
    if (!audio || audio.sampleRate !== SAMPLE_RATE) throw new Error(`sox made no 16 kHz WAV: ${file}`);
    return audio.samples;
  }
}

export function silence(ms: number): Int16Array {
  return new Int16Array(Math.round((ms * SAMPLE_RATE) / 1000));
}

/** The clips one after another, with where each one starts (in samples). */
export function sequence(...clips: Int16Array[]): { samples: Int16Array; starts: number[] } {
  const samples = new Int16Array(clips.reduce((sum, clip) => sum + clip.length, 0));
  const starts: number[] = [];
  let offset = 0;
  for (const clip of clips) {
    starts.push(offset);
    samples.set(clip, offset);
    offset += clip.length;
  }
  return { samples, starts };
}

/** Little-endian bytes of 16-bit samples, as the viewer's microphone sends them. */
export function pcmBytes(samples: Int16Array): Uint8Array {
  const bytes = new Uint8Array(samples.length * 2);
  const view = new DataView(bytes.buffer);
  samples.forEach((sample, index) => view.setInt16(index * 2, sample, true));
  return bytes;
}
