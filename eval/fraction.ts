/** `part / whole`, or null when there is nothing to divide by: a rate over no cases is unknown, not zero. */
export function fraction(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}
