export interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
}

/** Nearest-rank percentile: the smallest value with at least `percent`% of the values at or below it. */
export function percentile(sortedValues: readonly number[], percent: number): number {
  if (sortedValues.length === 0) return 0;
  const rank = Math.max(1, Math.ceil((percent / 100) * sortedValues.length));
  return sortedValues[Math.min(rank, sortedValues.length) - 1]!;
}

export function latencySummary(latenciesMs: readonly number[]): LatencySummary {
  const sorted = [...latenciesMs].sort((first, second) => first - second);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
}
