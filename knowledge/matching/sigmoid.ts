export function sigmoid(value: number): number {
  return 1 / (1 + Math.exp(-value));
}
