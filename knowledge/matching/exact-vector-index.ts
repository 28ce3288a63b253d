import { LivedeskError } from '../errors.js';
import type { VectorHit, VectorIndex } from '../ports.js';

export interface ExactVectorIndexOptions {
  dimensions: number;
  /** Slots allocated up front; storage doubles whenever it runs out. */
  initialCapacity?: number;
}

/**
 * Brute-force cosine search over every stored vector. Exact, so it is the reference the HNSW
 * adapter is measured against, and for a few thousand entries it is as fast as a graph.
 *
 * Vectors are stored L2-normalised in one contiguous Float32Array (row `slot` at
 * `slot * dimensions`), so a search is one pass of dot products over cache-friendly memory.
 * Removal moves the last row into the freed slot, keeping the rows dense.
 */
export function createExactVectorIndex(options: ExactVectorIndexOptions): VectorIndex {
  const { dimensions } = options;
  if (!Number.isInteger(dimensions) || dimensions < 1) {
    throw new LivedeskError('invalid_input', `dimensions must be a positive integer, got ${dimensions}`);
  }
  let capacity = Math.max(1, Math.floor(options.initialCapacity ?? 64));
  let rows = new Float32Array(capacity * dimensions);
  const slotLabels: number[] = [];
  const slotByLabel = new Map<number, number>();

  function grow(): void {
    capacity *= 2;
    const next = new Float32Array(capacity * dimensions);
    next.set(rows);
    rows = next;
  }

  function upsert(label: number, vector: Float32Array): void {
    checkLabel(label);
    checkVector(vector, dimensions);
    let slot = slotByLabel.get(label);
    if (slot === undefined) {
      if (slotLabels.length === capacity) grow();
      slot = slotLabels.length;
      slotLabels.push(label);
      slotByLabel.set(label, slot);
    }
    writeNormalized(rows, slot * dimensions, vector);
  }

  function remove(label: number): void {
    const slot = slotByLabel.get(label);
    if (slot === undefined) return;
    const lastSlot = slotLabels.length - 1;
    const lastLabel = slotLabels[lastSlot];
    if (lastLabel === undefined) return;
    if (slot !== lastSlot) {
      rows.copyWithin(slot * dimensions, lastSlot * dimensions, (lastSlot + 1) * dimensions);
      slotLabels[slot] = lastLabel;
      slotByLabel.set(lastLabel, slot);
    }
    slotLabels.pop();
    slotByLabel.delete(label);
  }

  function search(vector: Float32Array, k: number): VectorHit[] {
    checkVector(vector, dimensions);
    const count = Math.min(Math.floor(k), slotLabels.length);
    if (!(count > 0)) return [];
    const query = new Float32Array(dimensions);
    writeNormalized(query, 0, vector);
    const best = createTopList(count);
    for (let slot = 0; slot < slotLabels.length; slot++) {
      const offset = slot * dimensions;
      let dot = 0;
      for (let index = 0; index < dimensions; index++)
        dot += (rows[offset + index] ?? 0) * (query[index] ?? 0);
      best.offer(slot, dot);
    }
    return best.sorted().map(({ slot, score }) => ({
      label: slotLabels[slot] ?? -1,
      similarity: Math.max(-1, Math.min(1, score)),
    }));
  }

  return {
    dimensions,
    get size() {
      return slotLabels.length;
    },
    upsert,
    remove,
    search,
  };
}

function checkLabel(label: number): void {
  if (!Number.isSafeInteger(label) || label < 0) {
    throw new LivedeskError('invalid_input', `a label must be a non-negative integer, got ${label}`);
  }
}

function checkVector(vector: Float32Array, dimensions: number): void {
  if (vector.length !== dimensions) {
    throw new LivedeskError(
      'invalid_input',
      `expected a vector of ${dimensions} floats, got ${vector.length}`,
    );
  }
  for (const value of vector) {
    if (!Number.isFinite(value))
      throw new LivedeskError('invalid_input', 'a vector may not hold NaN or Infinity');
  }
}

/** Copies `vector` scaled to unit length; a zero vector stays zero (cosine 0 with everything). */
function writeNormalized(target: Float32Array, offset: number, vector: Float32Array): void {
  let sumOfSquares = 0;
  for (const value of vector) sumOfSquares += value * value;
  const scale = sumOfSquares > 0 ? 1 / Math.sqrt(sumOfSquares) : 0;
  for (let index = 0; index < vector.length; index++) target[offset + index] = (vector[index] ?? 0) * scale;
}

interface ScoredSlot {
  slot: number;
  score: number;
}

/**
 * Keeps the `limit` best scores seen, in a min-heap so each offer costs O(log limit).
 * Ties go to the lower slot so results do not depend on heap order.
 */
function createTopList(limit: number): { offer(slot: number, score: number): void; sorted(): ScoredSlot[] } {
  const heap: ScoredSlot[] = [];
  const worse = (a: ScoredSlot, b: ScoredSlot): boolean =>
    a.score < b.score || (a.score === b.score && a.slot > b.slot);

  function swap(a: number, b: number): void {
    const first = heap[a];
    const second = heap[b];
    if (first === undefined || second === undefined) return;
    heap[a] = second;
    heap[b] = first;
  }

  function siftUp(start: number): void {
    let child = start;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      const childItem = heap[child];
      const parentItem = heap[parent];
      if (childItem === undefined || parentItem === undefined || !worse(childItem, parentItem)) return;
      swap(child, parent);
      child = parent;
    }
  }

  function siftDown(start: number): void {
    let parent = start;
    for (;;) {
      let smallest = parent;
      for (const child of [2 * parent + 1, 2 * parent + 2]) {
        const childItem = heap[child];
        const smallestItem = heap[smallest];
        if (childItem !== undefined && smallestItem !== undefined && worse(childItem, smallestItem))
          smallest = child;
      }
      if (smallest === parent) return;
      swap(parent, smallest);
      parent = smallest;
    }
  }

  return {
    offer(slot, score) {
      const candidate = { slot, score };
      if (heap.length < limit) {
        heap.push(candidate);
        siftUp(heap.length - 1);
        return;
      }
      const weakest = heap[0];
      if (weakest === undefined || !worse(weakest, candidate)) return;
      heap[0] = candidate;
      siftDown(0);
    },
    sorted() {
      return [...heap].sort((a, b) => b.score - a.score || a.slot - b.slot);
    },
  };
}
