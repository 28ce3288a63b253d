import { z } from 'zod';

/** How the optional LLM judge is used beside the offline signals. */
export const JudgeConfigSchema = z.object({
  /**
   * How long a turn waits for the verdict after it started it (beside the matcher). Past it the turn goes on
   * with the offline signals alone and the request is closed: an answer never waits on the judge for long.
   */
  timeoutMs: z.number().int().min(50).max(10_000).default(800),
  /** Judged anger (0..1) from which the judge's reading counts as anger; high, so annoyance stays offline's call. */
  angerThreshold: z.number().min(0).max(1).default(0.7),
  /** Distinct messages whose verdicts are remembered: viewers spam the same line, and it is judged once. */
  cacheSize: z.number().int().min(0).max(1_000_000).default(2_048),
});
export type JudgeConfig = z.infer<typeof JudgeConfigSchema>;
