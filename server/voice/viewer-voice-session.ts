import type { Conversation } from '../../engine/conversation/conversation.js';
import { pcm16FromBytes, pcm16ToWav } from '../../engine/voice/pcm-wav.js';
import type { SpeechToText } from '../../engine/voice/speech-ports.js';
import type { VadConfig } from '../../engine/voice/vad-config.js';
import {
  VoiceActivityDetector,
  type VoiceActivityEvent,
  type VoiceActivityModel,
} from '../../engine/voice/voice-activity.js';
import { isAbortError } from '../../knowledge/errors.js';
import { VOICE_SAMPLE_RATE, type VoiceServerFrame } from './voice-frames.js';

const MAX_WAITING_SEGMENTS = 3;

/** What one stretch of speech was heard to say, and its sound. */
export interface SpokenSegment {
  text: string;
  durationMs: number;
  /** The segment's PCM, from speech start (with the detector's padding) to its end, as a WAV file. */
  wav: Uint8Array;
}

export interface VoiceSessionOptions {
  conversation: () => Conversation;
  stt: SpeechToText;
  vad: VoiceActivityModel;
  vadConfig: VadConfig;
  language?: string | undefined;
  send: (frame: VoiceServerFrame) => void;
  /**
   * A segment's final transcript (the connection takes it as a viewer's voice turn, with its limits), with
   * the segment's sound as a 16 kHz mono WAV (kept for the agents when it became a turn).
   */
  onFinalTranscript: (transcript: SpokenSegment) => void;
  /** The recogniser failed on a segment: the client is told, and the conversation carries on. */
  onRecognitionFailed: (error: unknown) => void;
  /** Told of every voice-activity event with when it was known (`performance.now()`), for benchmarks. */
  onActivity?: ((event: VoiceActivityEvent, atMs: number) => void) | undefined;
}

/**
 * One viewer's microphone: audio goes through the voice-activity detector; speech starting pauses the
 * assistant at once, a segment's end sends its audio to the recogniser, and what it heard goes through the
 * conversation's barge-in policy (engine/voice/classify-speech.ts) like a transcript from the client.
 */
export class ViewerVoiceSession {
  private readonly options: VoiceSessionOptions;
  private readonly detector: VoiceActivityDetector;
  private readonly controller = new AbortController();
  /** Segments are recognised one after another, so their turns keep the order they were spoken in. */
  private recognising: Promise<void> = Promise.resolve();
  /** Segments waiting for the recogniser: past a few, a slow recogniser is not queued more (bounded memory). */
  private waitingSegments = 0;
  private speechStartSample = 0;
  private closed = false;

  constructor(options: VoiceSessionOptions) {
    this.options = options;
    this.detector = new VoiceActivityDetector({
      model: options.vad,
      config: options.vadConfig,
      onEvent: (event) => this.heard(event),
    });
  }

  /** Frames scored late: the model falls behind when this grows. */
  get backlogFrames(): number {
    return this.detector.backlogFrames;
  }

  /** PCM16LE mono at 16 kHz, in a piece of any (even) size. */
  push(bytes: Uint8Array): void {
    if (!this.closed) this.detector.push(pcm16FromBytes(bytes));
  }

  /** The microphone stopped: open speech is ended and recognised; resolves once it has been. */
  async stop(): Promise<void> {
    await this.detector.end();
    await this.recognising;
    this.close();
  }

  /** The socket went: nothing more is recognised. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.controller.abort();
    this.detector.close();
  }

  private heard(event: VoiceActivityEvent): void {
    this.options.onActivity?.(event, performance.now());
    const conversation = this.options.conversation();
    switch (event.type) {
      case 'speech-start':
        this.speechStartSample = event.atSample;
        conversation.viewerVoiceActivity('start');
        this.options.send({ type: 'voice-activity', state: 'speech-start' });
        return;
      case 'misfire':
        conversation.viewerVoiceActivity('misfire');
        this.options.send({ type: 'voice-activity', state: 'misfire' });
        return;
      case 'speech-end': {
        conversation.viewerVoiceActivity('end');
        this.options.send({ type: 'voice-activity', state: 'speech-end' });
        const durationMs = Math.round(((event.atSample - this.speechStartSample) * 1000) / VOICE_SAMPLE_RATE);
        if (this.waitingSegments >= MAX_WAITING_SEGMENTS) {
          // Heard nothing of it: a pause the sound caused is lifted.
          conversation.voiceTranscript({ text: '', final: true, durationMs });
          this.options.onRecognitionFailed(
            new Error('the speech recogniser is behind; a segment was dropped'),
          );
          return;
        }
        const clip = { bytes: pcm16ToWav(event.audio, VOICE_SAMPLE_RATE), mime: 'audio/wav' };
        this.waitingSegments++;
        const next = async (): Promise<void> => {
          try {
            await this.recognise(clip, durationMs);
          } catch (error) {
            // Whatever one segment throws, the segments after it are still heard.
            this.options.onRecognitionFailed(error);
          } finally {
            this.waitingSegments--;
          }
        };
        this.recognising = this.recognising.then(next, next);
        return;
      }
    }
  }

  private async recognise(clip: { bytes: Uint8Array; mime: string }, durationMs: number): Promise<void> {
    if (this.controller.signal.aborted) return;
    const conversation = this.options.conversation();
    let final = '';
    try {
      for await (const update of this.options.stt.transcribeStream(clip, {
        language: this.options.language,
        signal: this.controller.signal,
      })) {
        if (this.controller.signal.aborted) return;
        this.options.send({ type: 'voice-heard', text: update.text, final: update.final });
        if (update.final) final = update.text;
        // Interim words take part in the barge-in policy as they come, as a client's would.
        else conversation.voiceTranscript({ text: update.text, final: false, durationMs });
      }
    } catch (error) {
      if (this.controller.signal.aborted || isAbortError(error)) return;
      this.options.onRecognitionFailed(error);
      // Nothing heard: a pause the sound caused is lifted, as after a cough.
      conversation.voiceTranscript({ text: '', final: true, durationMs });
      return;
    }
    if (final.trim() === '') conversation.voiceTranscript({ text: '', final: true, durationMs });
    else this.options.onFinalTranscript({ text: final, durationMs, wav: clip.bytes });
  }
}
