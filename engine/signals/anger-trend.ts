import { z } from 'zod';

export const AngerTrendConfigSchema = z.object({
  /** How many of the latest viewer turns (the current one included) the trend looks at. */
  windowTurns: z.number().int().min(2).max(20).default(4),
  /** Rising when the latest score is this much above the mean of the earlier ones in the window. */
  minRise: z.number().min(0).max(1).default(0.2),
});
export type AngerTrendConfig = z.infer<typeof AngerTrendConfigSchema>;

export interface AngerTrend {
  direction: 'rising' | 'steady' | 'falling';
  /** Latest score minus the mean of the earlier scores in the window; 0 with a single turn. */
  change: number;
  /** The scores the trend was read from, oldest first. */
  scores: number[];
}

/** Whether the viewer is getting angrier over their last turns (scores oldest first, the current last). */
export function angerTrend(scores: readonly number[], config: AngerTrendConfig): AngerTrend {
  const window = scores.slice(-config.windowTurns);
  const latest = window.at(-1);
  const earlier = window.slice(0, -1);
  if (latest === undefined || earlier.length === 0) return { direction: 'steady', change: 0, scores: window };
  const change = latest - earlier.reduce((sum, score) => sum + score, 0) / earlier.length;
  // The epsilon keeps 0.6 - 0.4 (0.19999…) a rise of 0.2.
  const direction =
    change >= config.minRise - 1e-9 ? 'rising' : change <= -config.minRise + 1e-9 ? 'falling' : 'steady';
  return { direction, change, scores: window };
}
