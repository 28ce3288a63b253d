import { describe, expect, it } from 'vitest';
import { LivedeskError } from '../../knowledge/errors.js';
import type { VectorIndex } from '../../knowledge/ports.js';
import { createRandomVectors } from '../support/seeded-random.js';

export type CreateVectorIndex = (dimensions: number) => VectorIndex | Promise<VectorIndex>;

/**
 * The behaviour every VectorIndex shares, exact or approximate. Register it from a test file:
 * `runVectorIndexContract('exact', (dimensions) => createExactVectorIndex({ dimensions }))`.
 */
export function runVectorIndexContract(name: string, createIndex: CreateVectorIndex): void {
  describe(`${name} (VectorIndex contract)`, () => {
    it('starts empty and answers a search with no hits', async () => {
      const index = await createIndex(8);
      expect(index.dimensions).toBe(8);
      expect(index.size).toBe(0);
      expect(index.search(unitVector(8, 0), 5)).toEqual([]);
    });

    it('finds each stored vector as its own nearest neighbour', async () => {
      const index = await createIndex(16);
      const vectors = createRandomVectors({ count: 50, dimensions: 16, seed: 1 });
      vectors.forEach((vector, position) => index.upsert(labelFor(position), vector));
      expect(index.size).toBe(50);
      vectors.forEach((vector, position) => {
        const [top] = index.search(vector, 1);
        expect(top?.label).toBe(labelFor(position));
        expect(top?.similarity).toBeCloseTo(1, 4);
      });
    });

    it('reports cosine similarity, best first', async () => {
      const index = await createIndex(16);
      const vectors = createRandomVectors({ count: 40, dimensions: 16, seed: 2 });
      vectors.forEach((vector, position) => index.upsert(labelFor(position), vector));
      const [query] = createRandomVectors({ count: 1, dimensions: 16, seed: 3 });
      if (query === undefined) throw new Error('no query vector');
      const hits = index.search(query, 40);
      expect(hits).toHaveLength(40);
      for (let rank = 1; rank < hits.length; rank++) {
        expect(hits[rank - 1]?.similarity ?? 0).toBeGreaterThanOrEqual(hits[rank]?.similarity ?? 0);
      }
      for (const hit of hits) {
        const stored = vectors[positionFor(hit.label)];
        if (stored === undefined) throw new Error(`unknown label ${hit.label}`);
        expect(hit.similarity).toBeCloseTo(cosine(query, stored), 4);
        expect(Math.abs(hit.similarity)).toBeLessThanOrEqual(1);
      }
    });

    it('treats vectors as directions, so a scaled copy is the same point', async () => {
      const index = await createIndex(4);
      index.upsert(1, new Float32Array([5, 0, 0, 0]));
      index.upsert(2, new Float32Array([0, 0.1, 0, 0]));
      expect(index.search(new Float32Array([0.2, 0, 0, 0]), 1)).toEqual([
        { label: 1, similarity: expect.closeTo(1, 5) as number },
      ]);
      expect(index.search(new Float32Array([0, 9, 0, 0]), 1)[0]?.label).toBe(2);
    });

    it('replaces the vector when a label is upserted again', async () => {
      const index = await createIndex(4);
      const before = new Float32Array([1, 0, 0, 0]);
      const after = new Float32Array([0, 1, 0, 0]);
      index.upsert(7, before);
      index.upsert(8, new Float32Array([0, 0, 1, 0]));
      index.upsert(7, after);
      expect(index.size).toBe(2);
      expect(index.search(after, 1)).toEqual([{ label: 7, similarity: expect.closeTo(1, 5) as number }]);
      const label7FromOldVector = index.search(before, 2).find((hit) => hit.label === 7);
      expect(label7FromOldVector?.similarity).toBeCloseTo(0, 5);
    });

    it('leaves removed labels out of results and ignores unknown labels', async () => {
      const index = await createIndex(8);
      const vectors = createRandomVectors({ count: 10, dimensions: 8, seed: 4 });
      vectors.forEach((vector, position) => index.upsert(position, vector));
      index.remove(3);
      index.remove(3);
      index.remove(12345);
      expect(index.size).toBe(9);
      const removed = vectors[3];
      if (removed === undefined) throw new Error('no vector 3');
      const hits = index.search(removed, 10);
      expect(hits).toHaveLength(9);
      expect(hits.map((hit) => hit.label)).not.toContain(3);
    });

    it('stores a removed label again when it is upserted after removal', async () => {
      const index = await createIndex(4);
      index.upsert(1, new Float32Array([1, 0, 0, 0]));
      index.upsert(2, new Float32Array([0, 1, 0, 0]));
      index.remove(1);
      index.upsert(1, new Float32Array([0, 0, 1, 0]));
      expect(index.size).toBe(2);
      expect(index.search(new Float32Array([0, 0, 1, 0]), 1)).toEqual([
        { label: 1, similarity: expect.closeTo(1, 5) as number },
      ]);
    });

    it('returns at most size hits, and none for k of zero or less', async () => {
      const index = await createIndex(4);
      index.upsert(1, new Float32Array([1, 0, 0, 0]));
      index.upsert(2, new Float32Array([0, 1, 0, 0]));
      index.upsert(3, new Float32Array([0, 0, 1, 0]));
      expect(index.search(new Float32Array([1, 1, 1, 0]), 100)).toHaveLength(3);
      expect(index.search(new Float32Array([1, 1, 1, 0]), 0)).toEqual([]);
      expect(index.search(new Float32Array([1, 1, 1, 0]), -2)).toEqual([]);
    });

    it('is empty again once every label is removed', async () => {
      const index = await createIndex(4);
      index.upsert(1, new Float32Array([1, 0, 0, 0]));
      index.upsert(2, new Float32Array([0, 1, 0, 0]));
      index.remove(1);
      index.remove(2);
      expect(index.size).toBe(0);
      expect(index.search(new Float32Array([1, 0, 0, 0]), 3)).toEqual([]);
    });

    it('keeps every live label findable through heavy churn', async () => {
      const dimensions = 16;
      const index = await createIndex(dimensions);
      const live = new Map<number, Float32Array>();
      const first = createRandomVectors({ count: 200, dimensions, seed: 5 });
      first.forEach((vector, position) => {
        index.upsert(position, vector);
        live.set(position, vector);
      });
      for (let label = 0; label < 200; label += 2) {
        index.remove(label);
        live.delete(label);
      }
      const fresh = createRandomVectors({ count: 100, dimensions, seed: 6 });
      fresh.forEach((vector, position) => {
        index.upsert(1000 + position, vector);
        live.set(1000 + position, vector);
      });
      const returning = createRandomVectors({ count: 50, dimensions, seed: 7 });
      returning.forEach((vector, position) => {
        index.upsert(position * 4, vector);
        live.set(position * 4, vector);
      });

      expect(index.size).toBe(live.size);
      for (const [label, vector] of live) {
        expect(index.search(vector, 1)[0]?.label).toBe(label);
      }
      const everything = index.search(unitVector(dimensions, 0), live.size + 10).map((hit) => hit.label);
      expect(new Set(everything)).toEqual(new Set(live.keys()));
    });

    it('finds at least 95% of the exact top 10 among 2,000 vectors of 64 dimensions', async () => {
      const dimensions = 64;
      const index = await createIndex(dimensions);
      const stored = createRandomVectors({ count: 2000, dimensions, seed: 8 });
      stored.forEach((vector, label) => index.upsert(label, vector));
      const queries = createRandomVectors({ count: 100, dimensions, seed: 9 });

      let found = 0;
      for (const query of queries) {
        const exact = stored
          .map((vector, label) => ({ label, similarity: cosine(query, vector) }))
          .sort((a, b) => b.similarity - a.similarity)
          .slice(0, 10)
          .map((hit) => hit.label);
        const approximate = new Set(index.search(query, 10).map((hit) => hit.label));
        found += exact.filter((label) => approximate.has(label)).length;
      }
      expect(found / (queries.length * 10)).toBeGreaterThanOrEqual(0.95);
    });

    it('rejects vectors of the wrong length and non-finite values as invalid input', async () => {
      const index = await createIndex(4);
      expect(() => index.upsert(1, new Float32Array(3))).toThrow(
        expect.objectContaining({ code: 'invalid_input' }) as LivedeskError,
      );
      expect(() => index.search(new Float32Array(5), 1)).toThrow(LivedeskError);
      expect(() => index.upsert(1, new Float32Array([1, Number.NaN, 0, 0]))).toThrow(LivedeskError);
      expect(index.size).toBe(0);
    });
  });
}

function labelFor(position: number): number {
  return position * 3 + 1;
}

function positionFor(label: number): number {
  return (label - 1) / 3;
}

function unitVector(dimensions: number, axis: number): Float32Array {
  const vector = new Float32Array(dimensions);
  vector[axis] = 1;
  return vector;
}

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let index = 0; index < a.length; index++) {
    const left = a[index] ?? 0;
    const right = b[index] ?? 0;
    dot += left * right;
    normA += left * left;
    normB += right * right;
  }
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}
