import { localizedViews } from '../../knowledge/entry.js';
import { createExactVectorIndex } from '../../knowledge/matching/exact-vector-index.js';
import { createSparseVectorIndex } from '../../knowledge/matching/sparse-vector-index.js';
import {
  isTrainable,
  type CallOptions,
  type Embedder,
  type KnowledgeStore,
  type VectorIndex,
} from '../../knowledge/ports.js';
import type { EmbedderConfig } from '../config.js';
import { createEmbedder, type EmbedderParts } from '../create-embedder.js';

/** How gap questions are embedded and searched: the matcher's representation. */
export interface GapEmbedding {
  embedder: Embedder;
  createIndex: (dimensions: number) => VectorIndex;
}

export interface GapEmbeddingSource {
  get(options?: CallOptions): Promise<GapEmbedding>;
  close(): Promise<void>;
}

/**
 * The embedder the matcher is configured with, fitted on the same knowledge base, so questions are
 * compared as the matcher compares them. It is built on first use and refitted after the knowledge base
 * changes. The builtin embedder's vectors are sparse hashed features: the sparse index searches them.
 */
export function createGapEmbeddingSource(options: {
  store: KnowledgeStore;
  embedder: EmbedderConfig;
}): GapEmbeddingSource {
  let parts: Promise<EmbedderParts> | undefined;
  let fitted: Promise<void> | undefined;
  const unsubscribe = options.store.onChange(() => {
    fitted = undefined;
  });
  const createIndex =
    options.embedder.kind === 'builtin'
      ? (dimensions: number) => createSparseVectorIndex({ dimensions })
      : (dimensions: number) => createExactVectorIndex({ dimensions });

  const fit = async (embedder: Embedder, callOptions: CallOptions): Promise<void> => {
    if (!isTrainable(embedder)) return;
    const [entries, synonyms] = await Promise.all([options.store.list(), options.store.listSynonyms()]);
    const texts = entries
      .filter((entry) => entry.enabled)
      .flatMap((entry) => localizedViews(entry).flatMap((view) => view.questions));
    await embedder.fit({ texts, synonyms }, callOptions);
  };

  return {
    async get(callOptions = {}) {
      parts ??= createEmbedder(options.embedder, callOptions).catch((error: unknown) => {
        parts = undefined;
        throw error;
      });
      const { embedder } = await parts;
      const fitting = (fitted ??= fit(embedder, callOptions).catch((error: unknown) => {
        fitted = undefined;
        throw error;
      }));
      await fitting;
      return { embedder, createIndex };
    },
    async close() {
      unsubscribe();
      const built = await parts?.catch(() => undefined);
      await built?.close();
    },
  };
}
