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
import type { PackOverrideStore } from '../knowledge/domain-packs/pack-overrides.js';
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

export interface KnowledgeStores {
  knowledge: KnowledgeStore;
  packOverrides: PackOverrideStore;
  /** Closes what was opened for the runtime alone (nothing when the caller owns the stores). */
  close(): Promise<void>;
}

/** The knowledge stores on the SQLite file, each on its own connection: they share no transaction. */
function openSqliteKnowledgeStores(config: LivedeskConfig): KnowledgeStores {
  const knowledge = createSqliteKnowledgeStore({
    path: databasePath(config),
    knowledgeBaseId: config.knowledgeBaseId,
  });
  const packDatabase = createSqliteDatabase(databasePath(config), { synchronous: config.sqliteSynchronous });
  return {
    knowledge,
    packOverrides: createSqlitePackOverrideStore({
      database: packDatabase,
      knowledgeBaseId: config.knowledgeBaseId,
    }),
    async close() {
      await knowledge.close();
      packDatabase.close();
    },
  };
}

export interface KnowledgeRuntimeOptions extends CallOptions {
  /** The configured database's stores (server/storage/), which the caller closes; default the SQLite file's. */
  stores?: Omit<KnowledgeStores, 'close'> | undefined;
  /** Worker threads that match questions (the server passes LIVEDESK_MATCH_WORKERS); absent: none. */
  matchWorkers?: number | undefined;
  onMatchWorkerError?: ((error: unknown) => void) | undefined;
}

/** Wires store, embedder, vector index and matcher from configuration; seeds the demo on first start. */
export async function createKnowledgeRuntime(
  config: LivedeskConfig,
  options: KnowledgeRuntimeOptions = {},
): Promise<KnowledgeRuntime> {
  const matcherConfig = await loadMatcherConfig(config.matcherConfigFile);
  const stores: KnowledgeStores = options.stores
    ? { ...options.stores, close: () => Promise.resolve() }
    : openSqliteKnowledgeStores(config);
  const store = stores.knowledge;
  const domainPacks = createDomainPackCatalog({
    shipped: shippedPacks(),
    activeIds: config.domainPacks ?? [],
    overrides: stores.packOverrides,
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
        matchWorkers: options.matchWorkers,
        onMatchWorkerError: options.onMatchWorkerError,
      },
      options.signal ? { signal: options.signal } : {},
    );
    return {
      store,
      knowledgeBase: opened.knowledgeBase,
      reranker,
      domainPacks,
      async close() {
        await opened.close();
        await stores.close();
      },
    };
  } catch (error) {
    await stores.close();
    throw error;
  }
}
