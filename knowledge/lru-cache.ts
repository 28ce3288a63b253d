/** A bounded map that forgets the least recently used key first. */
export class LruCache<Key, Value> {
  private readonly values = new Map<Key, Value>();
  private readonly capacity: number;

  constructor(capacity: number) {
    this.capacity = capacity;
  }

  get(key: Key): Value | undefined {
    const value = this.values.get(key);
    if (value === undefined) return undefined;
    // Re-inserted: Map order is recency order.
    this.values.delete(key);
    this.values.set(key, value);
    return value;
  }

  set(key: Key, value: Value): void {
    if (this.capacity <= 0) return;
    this.values.delete(key);
    this.values.set(key, value);
    if (this.values.size > this.capacity) {
      const oldest = this.values.keys().next();
      if (!oldest.done) this.values.delete(oldest.value);
    }
  }

  delete(key: Key): void {
    this.values.delete(key);
  }

  get size(): number {
    return this.values.size;
  }
}
