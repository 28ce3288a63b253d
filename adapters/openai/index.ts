export { createOpenAIEmbedder } from './openai-embedder.js';
export type { OpenAIEmbedderOptions } from './openai-embedder.js';
