/** Answers kept for a short while: a dashboard asks for several metrics of one query at once, and again on refresh. */
export class ResultCache<Value> {
  private readonly entries = new Map<string, { expiresAtMs: number; value: Promise<Value> }>();

  constructor(private readonly options: { ttlMs: number; maxEntries: number; nowMs: () => number }) {}

  /** The cached answer for `key`, or `compute`'s (a failure is not kept). */
  get(key: string, compute: () => Promise<Value>): Promise<Value> {
    const nowMs = this.options.nowMs();
    const known = this.entries.get(key);
    if (known && known.expiresAtMs > nowMs) return known.value;
    if (this.options.ttlMs <= 0) return compute();
    const value = compute();
    this.entries.delete(key);
    this.entries.set(key, { expiresAtMs: nowMs + this.options.ttlMs, value });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    for (const [oldKey, entry] of this.entries) {
      if (this.entries.size <= this.options.maxEntries && entry.expiresAtMs > nowMs) break;
      this.entries.delete(oldKey);
    }
    return value;
  }
}
