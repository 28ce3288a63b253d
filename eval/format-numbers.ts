/** A fraction as a percentage with one decimal; "—" when unknown (no cases to measure it on). */
export function formatPercent(value: number | null): string {
  return value === null ? '—' : `${(value * 100).toFixed(1)}%`;
}

export function formatDecimal(value: number | null, digits = 3): string {
  return value === null ? '—' : value.toFixed(digits);
}

/** A signed difference in percentage points (fractions) or plain units. */
export function formatDifference(value: number, asPercent: boolean): string {
  const sign = value > 0 ? '+' : value < 0 ? '−' : '±';
  const magnitude = Math.abs(value);
  return asPercent ? `${sign}${(magnitude * 100).toFixed(1)} pt` : `${sign}${magnitude.toFixed(3)}`;
}
