import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import type { TextToSpeech } from '../../engine/voice/speech-ports.js';
import { SpeakableSegmenter, type SpeakableSegment } from '../../engine/voice/speakable-segments.js';
import type { SpeechAudioFrame, VoiceServerFrame } from './voice-frames.js';

export interface AnswerSpeakerOptions {
  tts: TextToSpeech;
  voice?: string | undefined;
  /** Sends a JSON frame, and for `speech-audio` the PCM as the binary message right after it. */
  send: (frame: VoiceServerFrame, pcm?: Uint8Array) => void;
  /** Asked of the synthesiser with the voice (one synthesis is shared per text, voice and language). */
  language?: string | undefined;
  /**
   * Resolves when the socket can take more audio: a slow client is not sent faster than it reads. Given a
   * signal that aborts when the answer stops or the wait is over `drainTimeoutMs`; the speaker stops waiting
   * then, whatever the function does.
   */
  drained?: ((signal: AbortSignal) => Promise<void>) | undefined;
  /** A client that reads none of the audio for this long gets no more of the answer (`failed`). Default 15 s. */
  drainTimeoutMs?: number | undefined;
  onError?: ((error: unknown) => void) | undefined;
}

const DEFAULT_DRAIN_TIMEOUT_MS = 15_000;

interface Speaking {
  turnId: string;
  segmenter: SpeakableSegmenter;
  queue: SpeakableSegment[];
  /** The turn's text has all arrived: once the queue is spoken, the audio ends. */
  complete: boolean;
  controller: AbortController;
  seq: number;
  /** Characters whose audio has all been sent. */
  chars: number;
  running: boolean;
  ended: boolean;
}

/**
 * Speaks one viewer socket's answers: follows the conversation's events, cuts each answer's streamed text
 * into segments as it comes (engine/voice/speakable-segments.ts), synthesises them in order and streams
 * the audio with the text span it speaks. The viewer taking the floor (a new message, an interrupted turn,
 * an answer cut short) aborts synthesis at once; a pause (`speech-stop`) does not, the client holds it.
 */
export class AnswerSpeaker {
  private readonly options: AnswerSpeakerOptions;
  private current: Speaking | undefined;
  private closed = false;

  constructor(options: AnswerSpeakerOptions) {
    this.options = options;
  }

  observe(event: ConversationEvent): void {
    if (this.closed) return;
    switch (event.type) {
      case 'turn-start':
        this.stop();
        this.current = {
          turnId: event.turnId,
          segmenter: new SpeakableSegmenter(),
          queue: [],
          complete: false,
          controller: new AbortController(),
          seq: 0,
          chars: 0,
          running: false,
          ended: false,
        };
        return;
      case 'text-delta': {
        const speaking = this.forTurn(event.turnId);
        if (!speaking) return;
        this.enqueue(speaking, speaking.segmenter.push(event.text, event.uninterruptible));
        return;
      }
      case 'turn-end': {
        const speaking = this.forTurn(event.turnId);
        if (!speaking) return;
        if (event.reason !== 'done') {
          this.stop();
          return;
        }
        speaking.complete = true;
        this.enqueue(speaking, speaking.segmenter.flush());
        return;
      }
      case 'answer-cut':
      case 'viewer-message':
        this.stop();
        return;
      default:
        return;
    }
  }

  /** Stops speaking the current answer, if any (the viewer took the floor, or the voice session ended). */
  stop(): void {
    const speaking = this.current;
    this.current = undefined;
    if (!speaking) return;
    speaking.controller.abort();
    this.end(speaking, 'stopped');
  }

  close(): void {
    this.stop();
    this.closed = true;
  }

  private forTurn(turnId: string): Speaking | undefined {
    const speaking = this.current;
    return speaking && speaking.turnId === turnId && !speaking.ended ? speaking : undefined;
  }

  private enqueue(speaking: Speaking, segments: SpeakableSegment[]): void {
    speaking.queue.push(...segments.filter((segment) => segment.text.trim() !== ''));
    if (!speaking.running) void this.run(speaking);
  }

  private async run(speaking: Speaking): Promise<void> {
    speaking.running = true;
    try {
      while (!speaking.controller.signal.aborted) {
        const segment = speaking.queue.shift();
        if (!segment) break;
        await this.speak(speaking, segment);
      }
      if (speaking.complete && speaking.queue.length === 0) this.end(speaking, 'done');
    } catch (error) {
      if (speaking.controller.signal.aborted) return;
      this.options.onError?.(error);
      speaking.controller.abort();
      this.end(speaking, 'failed');
    } finally {
      speaking.running = false;
    }
  }

  private async speak(speaking: Speaking, segment: SpeakableSegment): Promise<void> {
    const signal = speaking.controller.signal;
    for await (const chunk of this.options.tts.synthesize(segment.text, {
      voice: this.options.voice,
      language: this.options.language,
      signal,
    })) {
      if (signal.aborted) return;
      const frame: SpeechAudioFrame = {
        type: 'speech-audio',
        turnId: speaking.turnId,
        seq: speaking.seq++,
        sampleRate: chunk.sampleRate,
        encoding: 'pcm16',
        bytes: chunk.pcm.length,
        start: segment.start,
        end: segment.end,
        uninterruptible: segment.uninterruptible,
      };
      this.options.send(frame, chunk.pcm);
      await this.drained(signal);
    }
    if (signal.aborted) return;
    speaking.chars = segment.end;
    this.options.send({ type: 'speech-mark', turnId: speaking.turnId, chars: segment.end });
  }

  /** Waits for the socket to take more audio, at most `drainTimeoutMs`, and no longer than the answer lasts. */
  private async drained(signal: AbortSignal): Promise<void> {
    const drained = this.options.drained;
    if (!drained || signal.aborted) return;
    const limitMs = this.options.drainTimeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS;
    const bound = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const over = new Promise<void>((_, reject) => {
      const stop = (reason: unknown): void => {
        bound.abort(reason);
        reject(reason instanceof Error ? reason : new Error('aborted', { cause: reason }));
      };
      timer = setTimeout(
        () => stop(new Error(`the client read none of the spoken answer for ${limitMs} ms`)),
        limitMs,
      );
      signal.addEventListener('abort', () => stop(signal.reason), { once: true, signal: bound.signal });
    });
    // Rejected only when the wait is cut short; handled here so an unused rejection is never left behind.
    over.catch(() => undefined);
    try {
      await Promise.race([drained(bound.signal), over]);
    } finally {
      clearTimeout(timer);
      bound.abort();
    }
  }

  private end(speaking: Speaking, reason: 'done' | 'stopped' | 'failed'): void {
    if (speaking.ended) return;
    speaking.ended = true;
    if (this.current === speaking && reason !== 'stopped') this.current = undefined;
    this.options.send({ type: 'speech-end', turnId: speaking.turnId, chars: speaking.chars, reason });
  }
}
