import { LivedeskError } from '../errors.js';
import type { VectorHit, VectorIndex } from '../ports.js';
import { vectorNorm } from './normalize-vector.js';

export interface SparseVectorIndexOptions {
  dimensions: number;
}

interface Posting {
  slots: number[];
  weights: number[];
  /** Typed copies for the search loop, rebuilt when the lists change. */
  packed?: { slots: Int32Array; weights: Float32Array } | undefined;
}

/**
 * Exact cosine search for vectors that are mostly zeros, such as the builtin embedder's hashed
 * features: an inverted list per dimension, so a query touches only the postings of its own non-zero
 * dimensions instead of every stored vector. Removal marks a slot dead; the lists are compacted once
 * dead slots outnumber live ones.
 */
export function createSparseVectorIndex(options: SparseVectorIndexOptions): VectorIndex {
  const { dimensions } = options;
  if (!Number.isInteger(dimensions) || dimensions < 1) {
    throw new LivedeskError('invalid_input', `dimensions must be a positive integer, got ${dimensions}`);
  }
  let postings: Posting[] = Array.from({ length: dimensions }, () => ({ slots: [], weights: [] }));
  let slotLabels: number[] = [];
  let slotAlive: boolean[] = [];
  let slotVectors: { indices: number[]; weights: number[] }[] = [];
  const slotByLabel = new Map<number, number>();
  let scores = new Float64Array(64);

  const check = (vector: Float32Array): void => {
    if (vector.length !== dimensions) {
      throw new LivedeskError(
        'invalid_input',
        `expected a vector of ${dimensions} dimensions, got ${vector.length}`,
      );
    }
    for (const value of vector) {
      if (!Number.isFinite(value))
        throw new LivedeskError('invalid_input', 'vectors must hold finite numbers');
    }
  };

  const compact = (): void => {
    const live = slotLabels.map((label, slot) => ({ label, slot })).filter(({ slot }) => slotAlive[slot]);
    const vectors = live.map(({ slot }) => slotVectors[slot]!);
    postings = Array.from({ length: dimensions }, () => ({ slots: [], weights: [] }));
    slotLabels = [];
    slotAlive = [];
    slotVectors = [];
    slotByLabel.clear();
    live.forEach(({ label }, index) => insert(label, vectors[index]!));
  };

  const insert = (label: number, sparse: { indices: number[]; weights: number[] }): void => {
    const slot = slotLabels.length;
    slotLabels.push(label);
    slotAlive.push(true);
    slotVectors.push(sparse);
    slotByLabel.set(label, slot);
    sparse.indices.forEach((dimension, position) => {
      const posting = postings[dimension]!;
      posting.slots.push(slot);
      posting.weights.push(sparse.weights[position]!);
      posting.packed = undefined;
    });
  };

  const remove = (label: number): void => {
    const slot = slotByLabel.get(label);
    if (slot === undefined) return;
    slotAlive[slot] = false;
    slotByLabel.delete(label);
    if (slotLabels.length - slotByLabel.size > Math.max(64, slotByLabel.size)) compact();
  };

  return {
    dimensions,
    get size() {
      return slotByLabel.size;
    },
    upsert(label, vector) {
      check(vector);
      remove(label);
      const norm = vectorNorm(vector);
      const inverseNorm = norm > 0 ? 1 / norm : 0;
      const sparse = { indices: [] as number[], weights: [] as number[] };
      for (let dimension = 0; dimension < dimensions; dimension++) {
        const value = vector[dimension]!;
        if (value === 0) continue;
        sparse.indices.push(dimension);
        sparse.weights.push(value * inverseNorm);
      }
      insert(label, sparse);
    },
    remove,
    search(query, k): VectorHit[] {
      check(query);
      if (k <= 0 || slotByLabel.size === 0) return [];
      if (scores.length < slotLabels.length) scores = new Float64Array(slotLabels.length * 2);
      const norm = vectorNorm(query);
      const inverseNorm = norm > 0 ? 1 / norm : 0;
      const slotCount = slotLabels.length;
      for (let dimension = 0; dimension < dimensions; dimension++) {
        const value = query[dimension]!;
        if (value === 0) continue;
        const posting = postings[dimension]!;
        posting.packed ??= {
          slots: Int32Array.from(posting.slots),
          weights: Float32Array.from(posting.weights),
        };
        const { slots, weights } = posting.packed;
        const scaled = value * inverseNorm;
        for (let position = 0; position < slots.length; position++)
          scores[slots[position]!]! += scaled * weights[position]!;
      }
      // One pass over the flat scores keeps the best k in a small sorted buffer and clears the rest.
      const bestSlots: number[] = [];
      const bestScores: number[] = [];
      for (let slot = 0; slot < slotCount; slot++) {
        const score = scores[slot]!;
        if (score === 0) continue;
        scores[slot] = 0;
        if (!slotAlive[slot] || (bestSlots.length === k && score <= bestScores[k - 1]!)) continue;
        let position = bestSlots.length === k ? k - 1 : bestSlots.length;
        while (position > 0 && bestScores[position - 1]! < score) {
          if (position < k) {
            bestScores[position] = bestScores[position - 1]!;
            bestSlots[position] = bestSlots[position - 1]!;
          }
          position--;
        }
        bestScores[position] = score;
        bestSlots[position] = slot;
      }
      const hits: VectorHit[] = bestSlots.map((slot, position) => ({
        label: slotLabels[slot]!,
        similarity: bestScores[position]!,
      }));
      // Vectors sharing no dimension with the query have similarity 0; they fill the rest if asked for.
      if (hits.length < k) {
        const seen = new Set(hits.map((hit) => hit.label));
        for (const label of slotByLabel.keys()) {
          if (hits.length >= k + seen.size) break;
          if (!seen.has(label)) hits.push({ label, similarity: 0 });
        }
        hits.sort((first, second) => second.similarity - first.similarity);
      }
      return hits.slice(0, k);
    },
  };
}
