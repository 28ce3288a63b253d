import path from 'node:path';
import { createHnswVectorIndex } from '../adapters/hnswlib/hnsw-vector-index.js';
import { createSqliteKnowledgeStore } from '../adapters/sqlite/knowledge-store.js';
import { KnowledgeBase } from '../knowledge/knowledge-base.js';
import { createExactVectorIndex } from '../knowledge/matching/exact-vector-index.js';
import { Matcher } from '../knowledge/matching/matcher.js';
import type { CallOptions, KnowledgeStore, VectorIndex } from '../knowledge/ports.js';
import type { LivedeskConfig } from './config.js';
import { createEmbedder } from './create-embedder.js';
import { seedDemoKnowledge } from './demo-knowledge.js';
import { loadMatcherConfig } from './load-matcher-config.js';

export interface KnowledgeRuntime {
  store: KnowledgeStore;
  knowledgeBase: KnowledgeBase;
  close(): Promise<void>;
}

export function databasePath(config: Pick<LivedeskConfig, 'dataDir'>): string {
  return path.join(config.dataDir, 'livedesk.sqlite');
}

/** Wires store, embedder, vector index and matcher from configuration; seeds the demo on first start. */
export async function createKnowledgeRuntime(config: LivedeskConfig, options: CallOptions = {}): Promise<KnowledgeRuntime> {
  const matcherConfig = await loadMatcherConfig(config.matcherConfigFile);
  const store = createSqliteKnowledgeStore({ path: databasePath(config), knowledgeBaseId: config.knowledgeBaseId });
  try {
    if (config.seedDemo) await seedDemoKnowledge(store);
    const { embedder, analyzer, close: closeEmbedder } = await createEmbedder(config.embedder, options);
    const createVectorIndex = (dimensions: number): Promise<VectorIndex> | VectorIndex =>
      config.vectorIndex === 'hnsw' ? createHnswVectorIndex({ dimensions }) : createExactVectorIndex({ dimensions });
    const matcher = new Matcher({ embedder, analyzer, createVectorIndex, config: matcherConfig });
    const knowledgeBase = await KnowledgeBase.open({ store, matcher }, options);
    return {
      store,
      knowledgeBase,
      async close() {
        knowledgeBase.close();
        await knowledgeBase.whenIndexed();
        await closeEmbedder();
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
