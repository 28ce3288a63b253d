import type { DomainPackCatalog } from '../knowledge/domain-packs/domain-pack-catalog.js';
import { KnowledgeBase } from '../knowledge/knowledge-base.js';
import type { MatcherConfig } from '../knowledge/matching/matcher-config.js';
import { Matcher } from '../knowledge/matching/matcher.js';
import type { CallOptions, KnowledgeStore } from '../knowledge/ports.js';
import type { DecisionReranker } from '../knowledge/reranking/decision-reranker.js';
import type { EmbedderConfig, LivedeskConfig } from './config.js';
import { createEmbedder } from './create-embedder.js';
import { vectorIndexFactory } from './matching/vector-index-factory.js';
import { WorkerBackedMatcher } from './matching/worker-backed-matcher.js';

/** How long start-up waits for a match worker to be built before serving without one. */
const WORKER_READY_TIMEOUT_MS = 120_000;

export interface OpenKnowledgeBaseOptions {
  store: KnowledgeStore;
  embedder: EmbedderConfig;
  vectorIndex: LivedeskConfig['vectorIndex'];
  matcherConfig: MatcherConfig;
  /** A second opinion on close decisions (LIVEDESK_LLM_RERANK); absent: the matcher decides alone. */
  reranker?: DecisionReranker | undefined;
  /** Domain packs read at every full rebuild: their synonyms join the store's, their glosses the analyzer's. */
  domainPacks?: Pick<DomainPackCatalog, 'vocabulary'> | undefined;
  /**
   * Worker threads that answer questions, each with its own copy of the index (LIVEDESK_MATCH_WORKERS);
   * 0 or absent: matched on the calling thread. The builtin embedder only: a model's embedder stays here.
   */
  matchWorkers?: number | undefined;
  onMatchWorkerError?: ((error: unknown) => void) | undefined;
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
  const matcherOptions = {
    embedder,
    analyzer,
    createVectorIndex: vectorIndexFactory(kind),
    config: options.matcherConfig,
  };
  /** The domain packs' glossary as last read, for the match workers' analyzers. */
  let glossary: ReadonlyMap<string, readonly string[]> | undefined;
  const matcher =
    (options.matchWorkers ?? 0) > 0 && options.embedder.kind === 'builtin'
      ? new WorkerBackedMatcher(matcherOptions, {
          workers: options.matchWorkers ?? 1,
          vectorIndex: kind,
          matcherConfig: options.matcherConfig,
          glossary: () => glossary,
          onWorkerError: options.onMatchWorkerError,
        })
      : new Matcher(matcherOptions);
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
                glossary = vocabulary.glossary;
                return vocabulary.synonyms;
              },
            }
          : {}),
      },
      callOptions,
    );
    // Viewers are served once a match worker answers, so a burst right after start-up is not matched on
    // the event loop; a worker that never gets ready (it keeps failing) leaves questions matched here.
    if (matcher instanceof WorkerBackedMatcher)
      await matcher
        .whenReady(
          AbortSignal.any([
            AbortSignal.timeout(WORKER_READY_TIMEOUT_MS),
            ...(callOptions.signal ? [callOptions.signal] : []),
          ]),
        )
        .catch((error: unknown) => {
          if (callOptions.signal?.aborted) throw error;
          options.onMatchWorkerError?.(
            new Error('no match worker was ready in time; matching on the event loop until one is', {
              cause: error,
            }),
          );
        });
  } catch (error) {
    if (matcher instanceof WorkerBackedMatcher) await matcher.close();
    await closeEmbedder();
    throw error;
  }
  return {
    knowledgeBase,
    embedderId: embedder.id,
    async close() {
      knowledgeBase.close();
      await knowledgeBase.whenIndexed();
      if (matcher instanceof WorkerBackedMatcher) await matcher.close();
      await closeEmbedder();
    },
  };
}
