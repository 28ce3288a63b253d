import { createHnswVectorIndex } from '../../adapters/hnswlib/hnsw-vector-index.js';
import { createExactVectorIndex } from '../../knowledge/matching/exact-vector-index.js';
import { createSparseVectorIndex } from '../../knowledge/matching/sparse-vector-index.js';
import type { VectorIndex } from '../../knowledge/ports.js';

export type VectorIndexKind = 'sparse' | 'exact' | 'hnsw';

/** The matcher's phrasing index of the configured kind; the server and its match workers build the same one. */
export function vectorIndexFactory(
  kind: VectorIndexKind,
): (dimensions: number) => Promise<VectorIndex> | VectorIndex {
  return (dimensions) => {
    switch (kind) {
      case 'hnsw':
        return createHnswVectorIndex({ dimensions });
      case 'sparse':
        return createSparseVectorIndex({ dimensions });
      case 'exact':
        return createExactVectorIndex({ dimensions });
    }
  };
}
