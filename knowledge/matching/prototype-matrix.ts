/**
 * One prototype vector per slot, stored dimension-major so that scoring a query touches only the
 * query's non-zero dimensions: a hashed bag of features has a few hundred of them, not thousands.
 */
export class PrototypeMatrix {
  /** Rows (feature dimensions); a subclass may add rows as new features appear (see growRows). */
  protected rows: number;
  protected capacity: number;
  protected weights: Float32Array;
  protected readonly active: boolean[] = [];

  constructor(dimensions: number, initialCapacity = 64) {
    this.rows = dimensions;
    this.capacity = Math.max(1, initialCapacity);
    this.weights = new Float32Array(dimensions * this.capacity);
  }

  get dimensions(): number {
    return this.rows;
  }

  get slotCount(): number {
    return this.active.length;
  }

  isActive(slot: number): boolean {
    return this.active[slot] === true;
  }

  set(slot: number, vector: Float32Array): void {
    this.ensureCapacity(slot + 1);
    for (let dimension = 0; dimension < this.dimensions; dimension++) {
      this.weights[dimension * this.capacity + slot] = vector[dimension] ?? 0;
    }
    while (this.active.length <= slot) this.active.push(false);
    this.active[slot] = true;
  }

  get(slot: number): Float32Array {
    const vector = new Float32Array(this.dimensions);
    for (let dimension = 0; dimension < this.dimensions; dimension++) {
      vector[dimension] = this.weights[dimension * this.capacity + slot]!;
    }
    return vector;
  }

  /** Adds `scale * vector` to one prototype, touching only the vector's non-zero dimensions. */
  addScaled(slot: number, vector: Float32Array, scale: number): void {
    for (let dimension = 0; dimension < this.dimensions; dimension++) {
      const value = vector[dimension]!;
      if (value !== 0) this.weights[dimension * this.capacity + slot]! += scale * value;
    }
  }

  clear(slot: number): void {
    if (slot >= this.active.length) return;
    for (let dimension = 0; dimension < this.dimensions; dimension++)
      this.weights[dimension * this.capacity + slot] = 0;
    this.active[slot] = false;
  }

  /** Dot product of the query with every slot; inactive slots score -Infinity. */
  scoreAll(query: Float32Array, into?: Float32Array): Float32Array {
    const slots = this.active.length;
    const scores = into && into.length >= slots ? into.fill(0, 0, slots) : new Float32Array(slots);
    const weights = this.weights;
    const capacity = this.capacity;
    for (let dimension = 0; dimension < this.dimensions; dimension++) {
      const value = query[dimension]!;
      if (value === 0) continue;
      const offset = dimension * capacity;
      for (let slot = 0; slot < slots; slot++) scores[slot]! += value * weights[offset + slot]!;
    }
    for (let slot = 0; slot < slots; slot++) if (!this.active[slot]) scores[slot] = Number.NEGATIVE_INFINITY;
    return scores;
  }

  /**
   * Adds zeroed rows up to at least `needed`, doubling so that many small additions stay cheap, but
   * never past `limit` (unless `needed` is past it).
   */
  protected growRows(needed: number, limit = Number.POSITIVE_INFINITY): void {
    if (needed <= this.rows) return;
    let rows = Math.max(1, this.rows);
    while (rows < needed) rows *= 2;
    rows = Math.min(rows, Math.max(needed, limit));
    // Dimension-major: the existing rows are a prefix of the grown matrix.
    const grown = new Float32Array(rows * this.capacity);
    grown.set(this.weights);
    this.weights = grown;
    this.rows = rows;
  }

  protected ensureCapacity(needed: number): void {
    if (needed <= this.capacity) return;
    let capacity = this.capacity;
    while (capacity < needed) capacity *= 2;
    const grown = new Float32Array(this.dimensions * capacity);
    for (let dimension = 0; dimension < this.dimensions; dimension++) {
      grown.set(
        this.weights.subarray(dimension * this.capacity, (dimension + 1) * this.capacity),
        dimension * capacity,
      );
    }
    this.weights = grown;
    this.capacity = capacity;
  }
}
