import { describe, expect, it } from 'vitest';
import { runVectorIndexContract } from '../../test/contracts/vector-index.contract.js';
import { createSparseVectorIndex } from './sparse-vector-index.js';

runVectorIndexContract('sparse vector index', (dimensions) => createSparseVectorIndex({ dimensions }));

describe('createSparseVectorIndex', () => {
  it('scores only through shared dimensions, exactly', () => {
    const index = createSparseVectorIndex({ dimensions: 6 });
    index.upsert(1, new Float32Array([1, 1, 0, 0, 0, 0]));
    index.upsert(2, new Float32Array([0, 1, 1, 0, 0, 0]));
    index.upsert(3, new Float32Array([0, 0, 0, 0, 1, 1]));
    const hits = index.search(new Float32Array([1, 0, 0, 0, 0, 0]), 3);
    expect(hits[0]).toEqual({ label: 1, similarity: expect.closeTo(Math.SQRT1_2, 6) as number });
    expect(hits.slice(1).map((hit) => hit.similarity)).toEqual([0, 0]);
  });

  it('compacts after many removals and keeps the rest findable', () => {
    const index = createSparseVectorIndex({ dimensions: 4 });
    for (let label = 0; label < 500; label++)
      index.upsert(label, new Float32Array([1, label % 7, 0, label % 3]));
    for (let label = 0; label < 450; label++) index.remove(label);
    expect(index.size).toBe(50);
    const hits = index.search(new Float32Array([1, 499 % 7, 0, 499 % 3]), 50);
    expect(hits.every((hit) => hit.label >= 450)).toBe(true);
    expect(hits[0]?.similarity).toBeCloseTo(1, 5);
  });
});
