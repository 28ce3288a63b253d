import path from 'node:path';
import { createSqliteKnowledgeStore } from '../adapters/sqlite/knowledge-store.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import type { CallOptions, KnowledgeStore } from '../knowledge/ports.js';
import type { LivedeskConfig } from './config.js';
import { seedDemoKnowledge } from './demo-knowledge.js';
import { loadMatcherConfig } from './load-matcher-config.js';
import { openKnowledgeBase } from './open-knowledge-base.js';

export interface KnowledgeRuntime {
  store: KnowledgeStore;
  knowledgeBase: KnowledgeBase;
  close(): Promise<void>;
}

export function databasePath(config: Pick<LivedeskConfig, 'dataDir'>): string {
  return path.join(config.dataDir, 'livedesk.sqlite');
}

/** Wires store, embedder, vector index and matcher from configuration; seeds the demo on first start. */
export async function createKnowledgeRuntime(
  config: LivedeskConfig,
  options: CallOptions = {},
): Promise<KnowledgeRuntime> {
  const matcherConfig = await loadMatcherConfig(config.matcherConfigFile);
  const store = createSqliteKnowledgeStore({
    path: databasePath(config),
    knowledgeBaseId: config.knowledgeBaseId,
  });
  try {
    if (config.seedDemo) await seedDemoKnowledge(store);
    const opened = await openKnowledgeBase(
      { store, embedder: config.embedder, vectorIndex: config.vectorIndex, matcherConfig },
      options,
    );
    return {
      store,
      knowledgeBase: opened.knowledgeBase,
      async close() {
        await opened.close();
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
