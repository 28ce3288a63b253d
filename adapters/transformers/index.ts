export { createTransformersEmbedder } from './transformers-embedder.js';
export type {
  TransformersEmbedder,
  TransformersEmbedderOptions,
  TransformersEmbedOptions,
} from './transformers-embedder.js';
