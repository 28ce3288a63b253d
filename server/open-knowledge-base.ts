import { createHnswVectorIndex } from '../adapters/hnswlib/hnsw-vector-index.js';
import type { DomainPackCatalog } from '../knowledge/domain-packs/domain-pack-catalog.js';
import { KnowledgeBase } from '../knowledge/knowledge-base.js';
import { createExactVectorIndex } from '../knowledge/matching/exact-vector-index.js';
import type { MatcherConfig } from '../knowledge/matching/matcher-config.js';
import { Matcher } from '../knowledge/matching/matcher.js';
import { createSparseVectorIndex } from '../knowledge/matching/sparse-vector-index.js';
import type { CallOptions, KnowledgeStore, VectorIndex } from '../knowledge/ports.js';
import type { DecisionReranker } from '../knowledge/reranking/decision-reranker.js';
import type { EmbedderConfig, LivedeskConfig } from './config.js';
import { createEmbedder } from './create-embedder.js';

export interface OpenKnowledgeBaseOptions {
  store: KnowledgeStore;
  embedder: EmbedderConfig;
  vectorIndex: LivedeskConfig['vectorIndex'];
  matcherConfig: MatcherConfig;
  /** A second opinion on close decisions (LIVEDESK_LLM_RERANK); absent: the matcher decides alone. */
  reranker?: DecisionReranker | undefined;
  /** Domain packs read at every full rebuild: their synonyms join the store's, their glosses the analyzer's. */
  domainPacks?: Pick<DomainPackCatalog, 'vocabulary'> | undefined;
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
  const { domainPacks } = options;
  let knowledgeBase: KnowledgeBase;
  try {
    knowledgeBase = await KnowledgeBase.open(
      {
        store: options.store,
        matcher,
        reranker: options.reranker,
        ...(domainPacks
          ? {
              extraSynonyms: async () => {
                const vocabulary = await domainPacks.vocabulary();
                analyzer.useGlossary?.(vocabulary.glossary);
                return vocabulary.synonyms;
              },
            }
          : {}),
      },
      callOptions,
    );
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
