import type { SparseVector } from './softmax-classifier.js';

/** At most this many rows, and at most a sixteenth of the limit, are shared buckets (see FeatureRows). */
const MAX_SHARED_ROWS = 4_096;

/**
 * Gives every feature id the classifier has been trained on a row of its own, numbered densely from 0,
 * so its weights take room only for features some phrasing has; features never seen in training have
 * no row and no weight.
 *
 * The rows are capped: the weights take rows × classes × 4 bytes, and long phrasings bring new features
 * without end. Past the cap, the last rows become shared hashed buckets, as in the embedding, so a
 * feature that comes late still carries weight (shared with others) and memory stays bounded. A limit
 * too small for any bucket drops those features instead.
 */
export class FeatureRows {
  private readonly rowOf = new Map<number, number>();
  private readonly ownRows: number;
  private readonly sharedRows: number;
  /** Whether some feature has gone to a shared bucket; from then on every row up to the limit is in use. */
  private overflowed = false;

  constructor(readonly limit = Number.POSITIVE_INFINITY) {
    if (!(limit >= 1)) throw new RangeError(`FeatureRows needs a limit of at least 1 row, got ${limit}`);
    this.sharedRows = Number.isFinite(limit) ? Math.min(MAX_SHARED_ROWS, Math.floor(limit / 16)) : 0;
    this.ownRows = limit - this.sharedRows;
  }

  /** Rows handed out so far (never more than the limit). */
  get size(): number {
    return this.overflowed ? this.ownRows + this.sharedRows : this.rowOf.size;
  }

  /**
   * The input over rows; with `grow`, unseen ids get new rows (or, past the cap, shared buckets),
   * otherwise they are left out until the buckets are in use, when they read their bucket.
   */
  encode(input: SparseVector, grow: boolean): SparseVector {
    const indices: number[] = [];
    const values: number[] = [];
    for (let position = 0; position < input.indices.length; position++) {
      const id = input.indices[position]!;
      const row = this.rowFor(id, grow);
      if (row === undefined) continue;
      indices.push(row);
      values.push(input.values[position]!);
    }
    // Only shared buckets can repeat a row.
    if (this.overflowed) return mergeDuplicates(indices, values);
    return { indices: Int32Array.from(indices), values: Float32Array.from(values) };
  }

  private rowFor(id: number, grow: boolean): number | undefined {
    const own = this.rowOf.get(id);
    if (own !== undefined) return own;
    if (grow && this.rowOf.size < this.ownRows) {
      const row = this.rowOf.size;
      this.rowOf.set(id, row);
      return row;
    }
    if (this.sharedRows === 0 || !(this.overflowed || grow)) return undefined;
    this.overflowed = true;
    // A multiplicative mix spreads ids that differ in high bits only (ids may be negative).
    return this.ownRows + ((Math.imul(id, 0x9e3779b1) >>> 0) % this.sharedRows);
  }
}

/** Several features in one bucket add up to one entry, as they would in a dense vector. */
function mergeDuplicates(indices: number[], values: number[]): SparseVector {
  const seen = new Map<number, number>();
  const merged: number[] = [];
  const sums: number[] = [];
  for (let position = 0; position < indices.length; position++) {
    const row = indices[position]!;
    const at = seen.get(row);
    if (at === undefined) {
      seen.set(row, merged.length);
      merged.push(row);
      sums.push(values[position]!);
    } else sums[at]! += values[position]!;
  }
  return { indices: Int32Array.from(merged), values: Float32Array.from(sums) };
}
