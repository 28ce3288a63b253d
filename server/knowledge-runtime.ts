import path from 'node:path';
import { createSqliteDatabase } from '../adapters/sqlite/create-sqlite-database.js';
import { createSqlitePackOverrideStore } from '../adapters/sqlite/domain-pack-override-store.js';
import { createSqliteKnowledgeStore } from '../adapters/sqlite/knowledge-store.js';
import {
  createDomainPackCatalog,
  type DomainPackCatalog,
} from '../knowledge/domain-packs/domain-pack-catalog.js';
import { shippedPacks } from '../knowledge/domain-packs/shipped-packs.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import type { CallOptions, KnowledgeStore } from '../knowledge/ports.js';
import { createDecisionReranker, type DecisionReranker } from '../knowledge/reranking/decision-reranker.js';
import { createOpenAICandidateReranker } from '../adapters/openai/openai-candidate-reranker.js';
import type { LivedeskConfig } from './config.js';
import { seedDemoKnowledge } from './demo-knowledge.js';
import { loadMatcherConfig } from './load-matcher-config.js';
import { openKnowledgeBase } from './open-knowledge-base.js';

export interface KnowledgeRuntime {
  store: KnowledgeStore;
  knowledgeBase: KnowledgeBase;
  /** The LLM candidate reranker, when LIVEDESK_LLM_RERANK is on (its stats feed /metrics). */
  reranker?: DecisionReranker | undefined;
  /** The shipped domain packs, the operators' edits of them, and which are loaded. */
  domainPacks: DomainPackCatalog;
  close(): Promise<void>;
}

/** One structured chat call over the configured LLM, only for close decisions; off unless configured. */
function createConfiguredReranker(config: LivedeskConfig): DecisionReranker | undefined {
  const llm = config.llm;
  if (!llm?.rerank) return undefined;
  const { timeoutMs } = llm.rerank;
  return createDecisionReranker({
    reranker: createOpenAICandidateReranker({
      baseURL: llm.baseURL,
      model: llm.model,
      timeoutMs,
      ...(llm.apiKey ? { apiKey: llm.apiKey } : {}),
    }),
    timeoutMs,
  });
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
  // Its own connection to the same file: the override store shares no transaction with the knowledge store.
  const packDatabase = createSqliteDatabase(databasePath(config), { synchronous: config.sqliteSynchronous });
  const domainPacks = createDomainPackCatalog({
    shipped: shippedPacks(),
    activeIds: config.domainPacks ?? [],
    overrides: createSqlitePackOverrideStore({
      database: packDatabase,
      knowledgeBaseId: config.knowledgeBaseId,
    }),
  });
  try {
    if (config.seedDemo) await seedDemoKnowledge(store);
    const reranker = createConfiguredReranker(config);
    const opened = await openKnowledgeBase(
      {
        store,
        embedder: config.embedder,
        vectorIndex: config.vectorIndex,
        matcherConfig,
        reranker,
        domainPacks,
      },
      options,
    );
    return {
      store,
      knowledgeBase: opened.knowledgeBase,
      reranker,
      domainPacks,
      async close() {
        await opened.close();
        await store.close();
        packDatabase.close();
      },
    };
  } catch (error) {
    await store.close();
    packDatabase.close();
    throw error;
  }
}
