import { z } from 'zod';

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value === '' ? undefined : value));
const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/**
 * Speech is configured like the LLM, each side on its own: LIVEDESK_STT_* (speech to text, which the
 * microphone and voice clips need) and LIVEDESK_TTS_* (spoken answers). Neither falls back to
 * LIVEDESK_LLM_*: like the embedding endpoint, a speech server is often another host than the chat model.
 */
const SpeechEnvironmentSchema = z.object({
  LIVEDESK_STT_BASE_URL: optionalText,
  LIVEDESK_STT_MODEL: optionalText,
  LIVEDESK_STT_API_KEY: optionalText,
  /** Ask for streamed transcripts (server-sent events); a server without them is read whole. */
  LIVEDESK_STT_STREAM: flag.default(true),
  LIVEDESK_TTS_BASE_URL: optionalText,
  LIVEDESK_TTS_MODEL: optionalText,
  LIVEDESK_TTS_API_KEY: optionalText,
  LIVEDESK_TTS_VOICE: z.string().trim().min(1).max(64).default('alloy'),
  LIVEDESK_SPEECH_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(20_000),
  /** Open voice sessions one node takes (the VAD's capacity: `npm run bench -- voice`). */
  LIVEDESK_VOICE_MAX_SESSIONS: z.coerce.number().int().min(0).max(10_000).default(100),
  /** Voice clips transcribed at once on one node, and clips waiting for a turn (past both: left for people). */
  LIVEDESK_STT_CLIP_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(4),
  LIVEDESK_STT_CLIP_QUEUE: z.coerce.number().int().min(0).max(100_000).default(32),
});

export interface SpeechEndpointConfig {
  baseURL: string;
  model: string;
  apiKey?: string | undefined;
}

export interface SpeechConfig {
  stt?: (SpeechEndpointConfig & { stream: boolean }) | undefined;
  tts?: (SpeechEndpointConfig & { voice: string }) | undefined;
  timeoutMs: number;
  maxVoiceSessions: number;
  /** Voice clips: at most `concurrent` transcribed at once, `queued` waiting (server/media/media-assistant.ts). */
  clipTranscription: { concurrent: number; queued: number };
}

export type SpeechConfigResult = { ok: true; config: SpeechConfig } | { ok: false; problems: string[] };

/** Reads LIVEDESK_STT_* and LIVEDESK_TTS_*: a side is on with both its base URL and model, off with neither. */
export function readSpeechConfig(environment: NodeJS.ProcessEnv): SpeechConfigResult {
  const parsed = SpeechEnvironmentSchema.safeParse(environment);
  if (!parsed.success)
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    };
  const env = parsed.data;
  const problems: string[] = [];
  const side = (name: 'STT' | 'TTS', baseURL?: string, model?: string): SpeechEndpointConfig | undefined => {
    if (!baseURL && !model) return undefined;
    if (!baseURL || !model) {
      problems.push(`speech ${name} needs both LIVEDESK_${name}_BASE_URL and LIVEDESK_${name}_MODEL`);
      return undefined;
    }
    if (!/^https?:\/\//u.test(baseURL)) problems.push(`LIVEDESK_${name}_BASE_URL must be an http(s) URL`);
    return { baseURL, model };
  };
  const stt = side('STT', env.LIVEDESK_STT_BASE_URL, env.LIVEDESK_STT_MODEL);
  const tts = side('TTS', env.LIVEDESK_TTS_BASE_URL, env.LIVEDESK_TTS_MODEL);
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    config: {
      stt: stt && { ...stt, apiKey: env.LIVEDESK_STT_API_KEY, stream: env.LIVEDESK_STT_STREAM },
      tts: tts && { ...tts, apiKey: env.LIVEDESK_TTS_API_KEY, voice: env.LIVEDESK_TTS_VOICE },
      timeoutMs: env.LIVEDESK_SPEECH_TIMEOUT_MS,
      maxVoiceSessions: env.LIVEDESK_VOICE_MAX_SESSIONS,
      clipTranscription: {
        concurrent: env.LIVEDESK_STT_CLIP_CONCURRENCY,
        queued: env.LIVEDESK_STT_CLIP_QUEUE,
      },
    },
  };
}
