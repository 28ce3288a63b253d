/** `850 ms`, `4.2 s`, `3.5 min`, `1.2 h`: a duration at the precision a reader takes in at a glance. */
export function formatDuration(milliseconds: number | null | undefined): string {
  if (milliseconds === null || milliseconds === undefined || !Number.isFinite(milliseconds)) return '–';
  if (milliseconds < 1000) return `${Math.round(milliseconds)} ms`;
  if (milliseconds < 60_000) return `${(milliseconds / 1000).toFixed(1)} s`;
  if (milliseconds < 3_600_000) return `${(milliseconds / 60_000).toFixed(1)} min`;
  return `${(milliseconds / 3_600_000).toFixed(1)} h`;
}

export function formatPercent(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '–' : `${(rate * 100).toFixed(1)}%`;
}

export function formatScore(score: number | null | undefined): string {
  return score === null || score === undefined ? '–' : `${score.toFixed(2)} / 5`;
}

export const WEEKDAY_LABELS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export const REASON_LABELS: Readonly<Record<string, string>> = {
  low_confidence: 'Low confidence',
  anger: 'Anger',
  human_request: 'Asked for a person',
  sensitive: 'Sensitive topic',
  repetition: 'Repetition',
  other: 'By staff',
};
