/** A distribution of durations in milliseconds; the statistics are null when there is nothing to count. */
export interface DurationSummary {
  count: number;
  medianMs: number | null;
  p90Ms: number | null;
  meanMs: number | null;
}

/** Percentile by linear interpolation between closest ranks (as numpy's default); `sorted` ascending. */
export function percentile(sorted: readonly number[], percent: number): number | null {
  if (sorted.length === 0) return null;
  const rank = (percent / 100) * (sorted.length - 1);
  const lower = Math.floor(rank);
  const low = sorted[lower]!;
  return low + (sorted[Math.ceil(rank)]! - low) * (rank - lower);
}

export function summarizeDurations(durationsMs: readonly number[]): DurationSummary {
  const sorted = [...durationsMs].sort((first, second) => first - second);
  const total = sorted.reduce((sum, value) => sum + value, 0);
  return {
    count: sorted.length,
    medianMs: percentile(sorted, 50),
    p90Ms: percentile(sorted, 90),
    meanMs: sorted.length === 0 ? null : total / sorted.length,
  };
}

/** `part / whole`, or null when the whole is empty (a rate of nothing is unknown, not zero). */
export function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

export function elapsedMs(from: string, to: string): number {
  return Date.parse(to) - Date.parse(from);
}
