import { createOpenAISpeechToText, createOpenAITextToSpeech } from '../../adapters/openai/index.js';
import { loadSileroVad, type SileroVad } from '../../adapters/silero/index.js';
import { VadConfigSchema } from '../../engine/voice/vad-config.js';
import type { Logger } from '../logging/logger.js';
import type { SpokenTurnRecorder } from '../media/spoken-turn-recorder.js';
import type { SpeechConfig } from './speech-config.js';
import { createVoiceServices, type VoiceServices } from './voice-services.js';

export interface VoiceRuntime {
  /** Absent without speech to text: the microphone is hidden and `voice-start` is refused. */
  services: VoiceServices | undefined;
  /** What the widget shows (GET /api/widget/config). */
  switches: { input: boolean; output: boolean };
  close(): Promise<void>;
}

/**
 * The node's speech: the OpenAI-compatible recogniser and synthesiser, and the Silero VAD (only with STT).
 * `keepSpokenTurn`: where spoken turns' sound is kept for the agents (the media side, when it is on).
 */
export async function createVoiceRuntime(
  speech: SpeechConfig | undefined,
  parts: { keepSpokenTurn?: SpokenTurnRecorder | undefined; logger?: Logger | undefined } = {},
): Promise<VoiceRuntime> {
  const stt = speech?.stt;
  if (!speech || !stt)
    return { services: undefined, switches: { input: false, output: false }, close: async () => {} };
  const vad: SileroVad = await loadSileroVad();
  const tts = speech.tts;
  const services = createVoiceServices({
    stt: createOpenAISpeechToText({
      baseURL: stt.baseURL,
      model: stt.model,
      apiKey: stt.apiKey,
      timeoutMs: speech.timeoutMs,
      stream: stt.stream,
    }),
    tts:
      tts &&
      createOpenAITextToSpeech({
        baseURL: tts.baseURL,
        model: tts.model,
        apiKey: tts.apiKey,
        voice: tts.voice,
        timeoutMs: speech.timeoutMs,
      }),
    ttsVoice: tts?.voice,
    vad,
    vadConfig: VadConfigSchema.parse({}),
    limits: { maxSessions: speech.maxVoiceSessions },
    keepSpokenTurn: parts.keepSpokenTurn,
    logger: parts.logger,
  });
  return {
    services,
    switches: { input: true, output: tts !== undefined },
    close: () => vad.close(),
  };
}
