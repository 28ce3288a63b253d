/**
 * Every classifier's weights in one table: a row per bucket any of them weighs, a column per classifier (0
 * where it has none), and a last row of zeros for the buckets none weighs. A message's buckets are looked up
 * once for all classifiers, in typed arrays with open addressing: a Map of tens of thousands of numbers
 * costs a chain of cache misses a lookup, this about one.
 */
export class WeightTable {
  readonly columns: number;
  readonly weights: Float64Array;
  private readonly mask: number;
  /** Pairs of [bucket + 1, row]; 0 marks an empty slot. */
  private readonly slots: Int32Array;
  /**
   * One bit per bucket below 2^22 that some classifier weighs: tens of kilobytes that stay in the cache,
   * where the slots (megabytes) do not, so a bucket no classifier weighs is known without a miss.
   */
  private readonly weighed: Uint32Array;
  /** Where the row of zeros starts in `weights`. */
  readonly zeroRowStart: number;

  constructor(classifiers: readonly ReadonlyMap<number, number>[]) {
    const rows = new Map<number, number>();
    for (const weights of classifiers)
      for (const bucket of weights.keys()) if (!rows.has(bucket)) rows.set(bucket, rows.size);
    this.columns = classifiers.length;
    this.zeroRowStart = rows.size * this.columns;
    let largest = 0;
    for (const bucket of rows.keys()) if (bucket < MAX_BITMAP_BUCKETS) largest = Math.max(largest, bucket);
    this.weighed = new Uint32Array((largest >>> 5) + 1);
    this.weights = new Float64Array((rows.size + 1) * this.columns);
    classifiers.forEach((weights, column) => {
      for (const [bucket, weight] of weights)
        this.weights[rows.get(bucket)! * this.columns + column] = weight;
    });
    let capacity = 16;
    while (capacity < rows.size * 2) capacity *= 2;
    this.mask = capacity - 1;
    this.slots = new Int32Array(capacity * 2);
    for (const [bucket, row] of rows) {
      // Vectors' buckets are Int32Array entries: a larger one in a model file is never looked up.
      if (bucket >= 0x7fffffff) continue;
      if (bucket < MAX_BITMAP_BUCKETS) this.weighed[bucket >>> 5]! |= 1 << (bucket & 31);
      let slot = spread(bucket) & this.mask;
      while (this.slots[slot * 2] !== 0) slot = (slot + 1) & this.mask;
      this.slots[slot * 2] = bucket + 1;
      this.slots[slot * 2 + 1] = row;
    }
  }

  /** Where the bucket's row starts in `weights` (the row of zeros when no classifier weighs it). */
  rowOf(bucket: number): number {
    if (bucket >= 0 && bucket < MAX_BITMAP_BUCKETS) {
      const word = bucket >>> 5;
      if (word >= this.weighed.length || (this.weighed[word]! & (1 << (bucket & 31))) === 0)
        return this.zeroRowStart;
    }
    for (let slot = spread(bucket) & this.mask; ; slot = (slot + 1) & this.mask) {
      const stored = this.slots[slot * 2]!;
      if (stored === 0) return this.zeroRowStart;
      if (stored === bucket + 1) return this.slots[slot * 2 + 1]! * this.columns;
    }
  }
}

/** Buckets the bitmap covers (512 KiB at most); larger ones, which no recipe makes today, go to the slots. */
const MAX_BITMAP_BUCKETS = 1 << 22;

/** Buckets are hashes already, but mixed once more so that neighbouring ones do not share a probe run. */
function spread(bucket: number): number {
  return Math.imul(bucket ^ (bucket >>> 16), 0x45d9f3b);
}
