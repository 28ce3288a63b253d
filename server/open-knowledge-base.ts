import { createHnswVectorIndex } from '../adapters/hnswlib/hnsw-vector-index.js';
import { KnowledgeBase } from '../knowledge/knowledge-base.js';
import { createExactVectorIndex } from '../knowledge/matching/exact-vector-index.js';
import type { MatcherConfig } from '../knowledge/matching/matcher-config.js';
import { Matcher } from '../knowledge/matching/matcher.js';
import { createSparseVectorIndex } from '../knowledge/matching/sparse-vector-index.js';
import type { CallOptions, KnowledgeStore, VectorIndex } from '../knowledge/ports.js';
import type { EmbedderConfig, LivedeskConfig } from './config.js';
import { createEmbedder } from './create-embedder.js';

export interface OpenKnowledgeBaseOptions {
  store: KnowledgeStore;
  embedder: EmbedderConfig;
  vectorIndex: LivedeskConfig['vectorIndex'];
  matcherConfig: MatcherConfig;
}

export interface OpenedKnowledgeBase {
  knowledgeBase: KnowledgeBase;
  /** Which embedder builds the vectors (reports name it, so numbers from different models are not compared). */
  embedderId: string;
  /** Stops following the store and releases the embedder; the store itself stays open (its owner closes it). */
  close(): Promise<void>;
}

/**
 * Embedder, vector index and matcher over a store, indexed and ready to answer. The server and
 * `livedesk eval` both build their knowledge base here, so an eval measures the code that serves viewers.
 */
export async function openKnowledgeBase(
  options: OpenKnowledgeBaseOptions,
  callOptions: CallOptions = {},
): Promise<OpenedKnowledgeBase> {
  const { embedder, analyzer, close: closeEmbedder } = await createEmbedder(options.embedder, callOptions);
  const kind =
    options.vectorIndex === 'auto'
      ? options.embedder.kind === 'builtin'
        ? 'sparse'
        : 'hnsw'
      : options.vectorIndex;
  const createVectorIndex = (dimensions: number): Promise<VectorIndex> | VectorIndex => {
    switch (kind) {
      case 'hnsw':
        return createHnswVectorIndex({ dimensions });
      case 'sparse':
        return createSparseVectorIndex({ dimensions });
      case 'exact':
        return createExactVectorIndex({ dimensions });
    }
  };
  const matcher = new Matcher({ embedder, analyzer, createVectorIndex, config: options.matcherConfig });
  let knowledgeBase: KnowledgeBase;
  try {
    knowledgeBase = await KnowledgeBase.open({ store: options.store, matcher }, callOptions);
  } catch (error) {
    await closeEmbedder();
    throw error;
  }
  return {
    knowledgeBase,
    embedderId: embedder.id,
    async close() {
      knowledgeBase.close();
      await knowledgeBase.whenIndexed();
      await closeEmbedder();
    },
  };
}
