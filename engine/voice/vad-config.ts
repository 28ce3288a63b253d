import { z } from 'zod';

/**
 * How speech is told from silence in a stream of voice-activity probabilities (one per frame). Anchored on
 * the Silero VAD authors' and @ricky0123/vad's defaults, in milliseconds so the frame size may change.
 */
export const VadConfigSchema = z
  .object({
    /** A frame at or above this probability is speech; the segment starts at the first one. */
    positiveThreshold: z.number().gt(0).lt(1).default(0.5),
    /** Inside a segment, only frames below this count towards its end (hysteresis against flicker). */
    negativeThreshold: z.number().gt(0).lt(1).default(0.35),
    /** Silence this long ends a segment (the hang-over): shorter pauses between words are kept inside. */
    redemptionMs: z.number().int().min(0).max(5000).default(400),
    /** A segment with less speech than this is a misfire (a click, a knock), not speech. */
    minSpeechMs: z.number().int().min(0).max(5000).default(120),
    /** Audio kept from before the first speech frame, so the recogniser hears the onset. */
    preSpeechPadMs: z.number().int().min(0).max(2000).default(200),
    /** A segment is cut (and ended) at this length: bounded memory, and the recogniser takes no more. */
    maxSegmentMs: z.number().int().min(1000).max(120_000).default(30_000),
  })
  .refine((config) => config.negativeThreshold <= config.positiveThreshold, {
    message: 'negativeThreshold must not be above positiveThreshold',
  });
export type VadConfig = z.infer<typeof VadConfigSchema>;
