import { z } from 'zod';

/** Voice input is 16 kHz mono 16-bit little-endian PCM (what the Silero VAD reads, and STT takes). */
export const VOICE_SAMPLE_RATE = 16_000;

/**
 * The viewer opens a voice session: binary WebSocket messages of PCM16LE mono at 16 kHz follow, until
 * `voice-stop`. `language`: a hint for the recogniser. `speakAnswers` (default true): answers are
 * synthesised and streamed back as `speech-audio` frames when the server has text to speech.
 */
export const VoiceStartFrameSchema = z.object({
  type: z.literal('voice-start'),
  sampleRate: z.literal(VOICE_SAMPLE_RATE),
  encoding: z.literal('pcm16'),
  language: z
    .string()
    .regex(/^[a-z]{2,3}$/u, 'language is an ISO 639-1 code such as zh or en')
    .optional(),
  speakAnswers: z.boolean().optional(),
});

/** Ends the voice session: speech still open is ended and transcribed; answers are no longer spoken. */
export const VoiceStopFrameSchema = z.object({ type: z.literal('voice-stop') });

/** The session is open: `output` tells whether answers will be spoken back. */
export const VoiceStartedFrameSchema = z.object({
  type: z.literal('voice-started'),
  sampleRate: z.literal(VOICE_SAMPLE_RATE),
  output: z.boolean(),
});

/** What the voice-activity detector heard (for the client's "listening" indicator). */
export const VoiceActivityFrameSchema = z.object({
  type: z.literal('voice-activity'),
  state: z.enum(['speech-start', 'speech-end', 'misfire']),
});

/** The recogniser's text for the latest segment: interim ones while it streams, then the final one. */
export const VoiceHeardFrameSchema = z.object({
  type: z.literal('voice-heard'),
  text: z.string(),
  final: z.boolean(),
});

/**
 * Spoken answer audio: the next binary WebSocket message holds `bytes` bytes of PCM16LE mono at
 * `sampleRate`. [`start`, `end`): the span of the answer's text (its `text-delta`s joined) of the segment
 * this chunk belongs to; `seq` counts the turn's chunks from 0. The client reports what it played with
 * `playback` frames (`playedChars`, `uninterruptible` from the chunk being played).
 */
export const SpeechAudioFrameSchema = z.object({
  type: z.literal('speech-audio'),
  turnId: z.string(),
  seq: z.number().int().min(0),
  sampleRate: z.number().int().positive(),
  encoding: z.literal('pcm16'),
  bytes: z.number().int().positive(),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  uninterruptible: z.boolean(),
});

/** Everything played before this point speaks the answer's first `chars` characters exactly. */
export const SpeechMarkFrameSchema = z.object({
  type: z.literal('speech-mark'),
  turnId: z.string(),
  chars: z.number().int().min(0),
});

/**
 * No more audio for this turn: `done` (all of it spoken), `stopped` (the viewer interrupted or a new turn
 * began: synthesis was aborted) or `failed` (the synthesiser failed; the text stands).
 */
export const SpeechEndFrameSchema = z.object({
  type: z.literal('speech-end'),
  turnId: z.string(),
  chars: z.number().int().min(0),
  reason: z.enum(['done', 'stopped', 'failed']),
});

export type VoiceStartFrame = z.infer<typeof VoiceStartFrameSchema>;
export type SpeechAudioFrame = z.infer<typeof SpeechAudioFrameSchema>;
export type VoiceServerFrame =
  | z.infer<typeof VoiceStartedFrameSchema>
  | z.infer<typeof VoiceActivityFrameSchema>
  | z.infer<typeof VoiceHeardFrameSchema>
  | SpeechAudioFrame
  | z.infer<typeof SpeechMarkFrameSchema>
  | z.infer<typeof SpeechEndFrameSchema>;
