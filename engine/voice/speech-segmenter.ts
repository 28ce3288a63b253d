import type { VadConfig } from './vad-config.js';

/** What one frame's probability changed. `audio`: 16-bit mono samples of the whole segment, padding included. */
export type SegmenterEvent =
  | { type: 'speech-start'; atSample: number }
  | { type: 'speech-end'; atSample: number; audio: Int16Array; speechMs: number; cut: boolean }
  /** The segment ended with too little speech to be any (a knock, a click): whoever paused may resume. */
  | { type: 'misfire'; atSample: number };

/**
 * Turns per-frame speech probabilities into speech segments with hysteresis: a segment opens at the first
 * frame at or above the positive threshold, and closes after `redemptionMs` of frames below the negative
 * one. Pure: the caller runs the model and gives each frame with its probability, in order.
 */
export class SpeechSegmenter {
  private readonly config: VadConfig;
  private readonly sampleRate: number;
  /** Frames before the segment, newest last: the pre-speech padding. */
  private readonly recent: Int16Array[] = [];
  private recentSamples = 0;
  private segment: Int16Array[] | undefined;
  private segmentSamples = 0;
  private speechSamples = 0;
  private silentSamples = 0;
  /** Samples seen so far: positions in events count from the stream's start. */
  private position = 0;

  constructor(config: VadConfig, sampleRate: number) {
    this.config = config;
    this.sampleRate = sampleRate;
  }

  get speaking(): boolean {
    return this.segment !== undefined;
  }

  /** Takes one frame and its probability; returns what it started or ended, if anything. */
  push(frame: Int16Array, probability: number): SegmenterEvent[] {
    const start = this.position;
    this.position += frame.length;
    if (!this.segment) {
      if (probability < this.config.positiveThreshold) {
        this.remember(frame);
        return [];
      }
      this.segment = [...this.recent, frame];
      this.segmentSamples = this.recentSamples + frame.length;
      this.recent.length = 0;
      this.recentSamples = 0;
      this.speechSamples = frame.length;
      this.silentSamples = 0;
      return [{ type: 'speech-start', atSample: start }];
    }
    this.segment.push(frame);
    this.segmentSamples += frame.length;
    if (probability < this.config.negativeThreshold) this.silentSamples += frame.length;
    else {
      this.silentSamples = 0;
      if (probability >= this.config.positiveThreshold) this.speechSamples += frame.length;
    }
    const cut = this.segmentSamples >= this.samples(this.config.maxSegmentMs);
    if (!cut && this.silentSamples < this.samples(this.config.redemptionMs)) return [];
    return [this.close(cut)];
  }

  /** Ends an open segment now (the viewer stopped the microphone); nothing when none is open. */
  flush(): SegmenterEvent[] {
    return this.segment ? [this.close(false)] : [];
  }

  private close(cut: boolean): SegmenterEvent {
    const frames = this.segment ?? [];
    this.segment = undefined;
    // The speech ended where the trailing silence began.
    const atSample = this.position - this.silentSamples;
    const speechMs = (this.speechSamples * 1000) / this.sampleRate;
    if (speechMs < this.config.minSpeechMs) return { type: 'misfire', atSample };
    const audio = new Int16Array(this.segmentSamples);
    let offset = 0;
    for (const frame of frames) {
      audio.set(frame, offset);
      offset += frame.length;
    }
    return { type: 'speech-end', atSample, audio, speechMs, cut };
  }

  private remember(frame: Int16Array): void {
    this.recent.push(frame);
    this.recentSamples += frame.length;
    const keep = this.samples(this.config.preSpeechPadMs);
    while (this.recent.length > 0 && this.recentSamples - this.recent[0]!.length >= keep) {
      this.recentSamples -= this.recent.shift()!.length;
    }
  }

  private samples(ms: number): number {
    return Math.round((ms * this.sampleRate) / 1000);
  }
}
