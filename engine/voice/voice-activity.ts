import { SpeechSegmenter, type SegmenterEvent } from './speech-segmenter.js';
import type { VadConfig } from './vad-config.js';

/** A voice-activity model (Silero in adapters/silero): one speech probability per fixed-size frame. */
export interface VoiceActivityModel {
  readonly sampleRate: number;
  /** Samples in one frame the model reads. */
  readonly frameSamples: number;
  /** A stream of one speaker's frames: the model carries state from one frame to the next. */
  openStream(): VoiceActivityStream;
}

export interface VoiceActivityStream {
  /** The speech probability of the next frame (exactly `frameSamples` samples). */
  probability(frame: Int16Array): Promise<number>;
  close(): void;
}

export type VoiceActivityEvent = SegmenterEvent;

/**
 * One speaker's voice activity: audio pushed in pieces of any size is cut into the model's frames, each
 * frame is scored in order, and the segmenter's starts and ends are told to `onEvent` as they happen.
 */
export class VoiceActivityDetector {
  private readonly stream: VoiceActivityStream;
  private readonly segmenter: SpeechSegmenter;
  private readonly frameSamples: number;
  private readonly onEvent: (event: VoiceActivityEvent) => void;
  private remainder = new Int16Array(0);
  private chain: Promise<void> = Promise.resolve();
  private waitingFrames = 0;
  private closed = false;

  constructor(options: {
    model: VoiceActivityModel;
    config: VadConfig;
    onEvent: (event: VoiceActivityEvent) => void;
    onError?: ((error: unknown) => void) | undefined;
  }) {
    this.stream = options.model.openStream();
    this.segmenter = new SpeechSegmenter(options.config, options.model.sampleRate);
    this.frameSamples = options.model.frameSamples;
    this.onEvent = options.onEvent;
    this.onError = options.onError ?? ((error) => console.error('voice activity failed', { error }));
  }

  private readonly onError: (error: unknown) => void;

  /** Frames given to the model and not yet scored: grows when the model falls behind. */
  get backlogFrames(): number {
    return this.waitingFrames;
  }

  get speaking(): boolean {
    return this.segmenter.speaking;
  }

  push(samples: Int16Array): void {
    if (this.closed) return;
    const joined = new Int16Array(this.remainder.length + samples.length);
    joined.set(this.remainder);
    joined.set(samples, this.remainder.length);
    let offset = 0;
    while (joined.length - offset >= this.frameSamples) {
      this.score(joined.slice(offset, offset + this.frameSamples));
      offset += this.frameSamples;
    }
    this.remainder = joined.slice(offset);
  }

  /** Scores what was pushed, then ends an open segment (the microphone stopped). */
  async end(): Promise<void> {
    this.chain = this.chain.then(() => {
      if (!this.closed) for (const event of this.segmenter.flush()) this.onEvent(event);
    });
    await this.chain;
  }

  close(): void {
    this.closed = true;
    this.stream.close();
  }

  private score(frame: Int16Array): void {
    this.waitingFrames++;
    // Requested at once (the model batches across streams); results are applied in order.
    const probability = this.stream.probability(frame);
    this.chain = this.chain.then(async () => {
      try {
        const value = await probability;
        if (this.closed) return;
        for (const event of this.segmenter.push(frame, value)) this.onEvent(event);
      } catch (error) {
        if (!this.closed) this.onError(error);
      } finally {
        this.waitingFrames--;
      }
    });
  }
}
