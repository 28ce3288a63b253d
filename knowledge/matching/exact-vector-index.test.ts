import { describe, expect, it } from 'vitest';
import { runVectorIndexContract } from '../../test/contracts/vector-index.contract.js';
import { createExactVectorIndex } from './exact-vector-index.js';

runVectorIndexContract('exact vector index', (dimensions) => createExactVectorIndex({ dimensions }));

describe('createExactVectorIndex', () => {
  it('grows past its initial capacity without losing vectors', () => {
    const index = createExactVectorIndex({ dimensions: 2, initialCapacity: 1 });
    for (let label = 0; label < 100; label++)
      index.upsert(label, new Float32Array([Math.cos(label), Math.sin(label)]));
    expect(index.size).toBe(100);
    expect(index.search(new Float32Array([Math.cos(42), Math.sin(42)]), 1)[0]?.label).toBe(42);
  });

  it('moves the last vector into a removed slot and keeps finding it', () => {
    const index = createExactVectorIndex({ dimensions: 2 });
    index.upsert(10, new Float32Array([1, 0]));
    index.upsert(20, new Float32Array([0, 1]));
    index.upsert(30, new Float32Array([-1, 0]));
    index.remove(10);
    expect(index.search(new Float32Array([-1, 0]), 1)).toEqual([{ label: 30, similarity: 1 }]);
    index.upsert(30, new Float32Array([0, -1]));
    expect(index.search(new Float32Array([0, -1]), 1)).toEqual([{ label: 30, similarity: 1 }]);
    expect(index.size).toBe(2);
  });

  it('gives a zero vector similarity 0 with everything', () => {
    const index = createExactVectorIndex({ dimensions: 2 });
    index.upsert(1, new Float32Array([0, 0]));
    expect(index.search(new Float32Array([1, 0]), 1)).toEqual([{ label: 1, similarity: 0 }]);
  });

  it('rejects labels that are not non-negative integers', () => {
    const index = createExactVectorIndex({ dimensions: 2 });
    expect(() => index.upsert(-1, new Float32Array([1, 0]))).toThrow(/non-negative integer/);
    expect(() => index.upsert(1.5, new Float32Array([1, 0]))).toThrow(/non-negative integer/);
  });

  it('refuses a dimension count below one', () => {
    expect(() => createExactVectorIndex({ dimensions: 0 })).toThrow(/positive integer/);
  });
});
