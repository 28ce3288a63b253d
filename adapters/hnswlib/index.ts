export { createHnswVectorIndex } from './hnsw-vector-index.js';
export type { HnswVectorIndex, HnswVectorIndexOptions } from './hnsw-vector-index.js';
