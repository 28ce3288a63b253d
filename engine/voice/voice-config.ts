import { z } from 'zod';

/** Anchored on LiveKit Agents' defaults: 0.5 s minimum interruption, 2.0 s false-interruption resume. */
export const VoiceConfigSchema = z.object({
  /** Speech shorter than this (as the recogniser reports it) does not interrupt: coughs, clicks. */
  minInterruptionDurationMs: z.number().int().min(0).max(10_000).default(500),
  /** ...unless it already has this many words (a Chinese character counts as one). */
  minInterruptionWords: z.number().int().min(1).max(20).default(2),
  /** Stopped speech resumes when no final transcript follows within this time. */
  falseInterruptionTimeoutMs: z.number().int().min(100).max(30_000).default(2000),
  /** Acknowledgements up to this long are backchannels, not turns. */
  backchannelMaxDurationMs: z.number().int().min(0).max(10_000).default(1000),
  backchannels: z
    .array(z.string().min(1))
    .default([
      '嗯',
      '嗯嗯',
      '对',
      '对对',
      '对的',
      '好',
      '好的',
      '是',
      '是的',
      '哦',
      '噢',
      '啊',
      '行',
      '可以',
      '明白',
      'ok',
      'okay',
      'yeah',
      'yes',
      'yep',
      'right',
      'uh-huh',
      'uh huh',
      'mm',
      'mhm',
      'hmm',
      'sure',
      'got it',
      'i see',
    ]),
});
export type VoiceConfig = z.infer<typeof VoiceConfigSchema>;
