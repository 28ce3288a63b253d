/**
 * Exponentially weighted moving average of recent handle times (accept → release):
 * `average = alpha * latest + (1 - alpha) * average`, starting from a seeded value so the first
 * estimates are sensible before anything was handled.
 */
export class HandleTimeEwma {
  private average: number;
  private readonly alpha: number;

  constructor(options: { alpha: number; initialMs: number }) {
    if (!(options.alpha > 0 && options.alpha <= 1)) throw new RangeError('alpha must be in (0, 1]');
    this.alpha = options.alpha;
    this.average = options.initialMs;
  }

  get averageMs(): number {
    return this.average;
  }

  /** Records one handle time; negative or non-finite values (clock skew) are ignored. */
  record(handleMs: number): void {
    if (!Number.isFinite(handleMs) || handleMs < 0) return;
    this.average = this.alpha * handleMs + (1 - this.alpha) * this.average;
  }
}
