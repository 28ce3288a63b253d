import type { SpeechToText, TextToSpeech } from '../../engine/voice/speech-ports.js';
import type { VadConfig } from '../../engine/voice/vad-config.js';
import type { VoiceActivityEvent, VoiceActivityModel } from '../../engine/voice/voice-activity.js';
import type { Logger } from '../logging/logger.js';
import type { SpokenTurnRecorder } from '../media/spoken-turn-recorder.js';
import { RateLimiter } from '../realtime/token-bucket.js';
import { shareSynthesis } from './answer-speaker-shared-synthesis.js';

export interface VoiceLimits {
  /** A larger binary audio message is refused (8 KiB: 256 ms at 16 kHz). */
  maxFrameBytes: number;
  /** Audio one viewer may send, in bytes per second, shared by their sockets (real time is 32 000). */
  viewerBytesPerSecond: number;
  /** ...and at once, after a pause (the client's buffer flushed on a slow network). */
  viewerBurstBytes: number;
  /** Binary messages per socket and second (a client sending 20 ms pieces sends 50). */
  framesPerSecond: number;
  /** Open voice sessions on this node: the VAD's capacity (bench: `npm run bench -- voice`). */
  maxSessions: number;
}

export const DEFAULT_VOICE_LIMITS: VoiceLimits = {
  maxFrameBytes: 8192,
  viewerBytesPerSecond: 40_000,
  viewerBurstBytes: 64_000,
  framesPerSecond: 100,
  maxSessions: 100,
};

/** What a node needs to take viewers' voice: the recogniser, the VAD, and optionally a synthesiser. */
export interface VoiceServices {
  stt: SpeechToText;
  /** Absent: answers are not spoken (`voice-started` says `output: false`). */
  tts?: TextToSpeech | undefined;
  ttsVoice?: string | undefined;
  vad: VoiceActivityModel;
  vadConfig: VadConfig;
  limits: VoiceLimits;
  /** Audio bytes per viewer (RateLimiter keyed by viewer id). */
  viewerAudio: RateLimiter;
  /** Open sessions on the node, counted by the sessions themselves. */
  /** Open microphones on this node, and whose: a viewer has one at a time, whatever sockets they hold. */
  openSessions: { count: number; viewers: Set<string> };
  /** Told of every voice-activity event (benchmarks measure detection delays with it). */
  onActivity?: ((event: VoiceActivityEvent, atMs: number) => void) | undefined;
  /**
   * Keeps the sound of a spoken turn for the agents (server/media/spoken-turn-recorder.ts); absent (no
   * media side): only the words are kept.
   */
  keepSpokenTurn?: SpokenTurnRecorder | undefined;
  /** Where failures of recognition, synthesis and keeping a turn are written; absent: nowhere. */
  logger?: Logger | undefined;
}

export function createVoiceServices(options: {
  stt: SpeechToText;
  tts?: TextToSpeech | undefined;
  ttsVoice?: string | undefined;
  vad: VoiceActivityModel;
  vadConfig: VadConfig;
  limits?: Partial<VoiceLimits> | undefined;
  onActivity?: VoiceServices['onActivity'];
  keepSpokenTurn?: SpokenTurnRecorder | undefined;
  logger?: Logger | undefined;
}): VoiceServices {
  const limits = { ...DEFAULT_VOICE_LIMITS, ...options.limits };
  return {
    ...options,
    // Viewers hearing the same answer at once share its synthesis (server/voice/answer-speaker-shared-synthesis.ts).
    tts: options.tts && shareSynthesis(options.tts),
    limits,
    viewerAudio: new RateLimiter({ perSecond: limits.viewerBytesPerSecond, burst: limits.viewerBurstBytes }),
    openSessions: { count: 0, viewers: new Set() },
  };
}
