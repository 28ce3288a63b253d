import type { Database } from 'better-sqlite3';
import { createSqliteLearningSource } from '../../adapters/sqlite/analytics-learning-source.js';
import { createSqliteAnalyticsReader } from '../../adapters/sqlite/analytics-timeline-reader.js';
import {
  createSqliteConversationViewerNames,
  type ConversationViewerNames,
} from '../../adapters/sqlite/conversation-viewer-names.js';
import {
  createSqlitePhrasingProposalStore,
  type PhrasingProposalStore,
} from '../../adapters/sqlite/phrasing-proposal-store.js';
import { DEFAULT_GAP_MIN_SIMILARITY } from '../../engine/analytics/knowledge-gaps.js';
import type { KnowledgeStore } from '../../knowledge/ports.js';
import type { AnalyticsSettings, EmbedderConfig } from '../config.js';
import { createAnalyticsService, type AnalyticsService } from './analytics-service.js';
import { createGapEmbeddingSource } from './gap-embedding.js';
import { createLearningLoop, type LearningLoop } from './learning-loop.js';

/** Distinct gap wordings read per request: beyond this the rarest are left out. */
const MAX_GAP_WORDINGS = 20_000;
/**
 * Dense sentence embedders (e5, OpenAI) put related questions at cosines of 0.8 and more; measure with
 * bench/analytics/gap-threshold.ts and set LIVEDESK_GAP_MIN_SIMILARITY for a model in use.
 */
const DENSE_GAP_MIN_SIMILARITY = 0.85;

export interface AnalyticsRuntime {
  analytics: AnalyticsService;
  proposals: PhrasingProposalStore;
  loop: LearningLoop;
  /** The names viewers gave, by conversation id: the dashboard shows them beside ratings. */
  viewerNames: ConversationViewerNames;
  close(): Promise<void>;
}

export interface AnalyticsRuntimeOptions {
  database: Database;
  knowledgeBaseId: string;
  knowledgeStore: KnowledgeStore;
  embedder: EmbedderConfig;
  settings: AnalyticsSettings;
  clock?: (() => Date) | undefined;
  /** Where a failed background scan is reported; the console without. */
  onScanError?: ((error: unknown) => void) | undefined;
}

/** Metrics, knowledge gaps and the learning loop over the server's SQLite file. */
export function createAnalyticsRuntime(options: AnalyticsRuntimeOptions): AnalyticsRuntime {
  const clock = options.clock ?? (() => new Date());
  const gapEmbedding = createGapEmbeddingSource({
    store: options.knowledgeStore,
    embedder: options.embedder,
  });
  const analytics = createAnalyticsService({
    reader: createSqliteAnalyticsReader({ database: options.database }),
    gapEmbedding,
    settings: {
      gapMinSimilarity:
        options.settings.gapMinSimilarity ??
        (options.embedder.kind === 'builtin' ? DEFAULT_GAP_MIN_SIMILARITY : DENSE_GAP_MIN_SIMILARITY),
      maxGapWordings: MAX_GAP_WORDINGS,
      cacheTtlMs: options.settings.cacheTtlMs,
    },
    clock,
  });
  const proposals = createSqlitePhrasingProposalStore({
    database: options.database,
    knowledgeBaseId: options.knowledgeBaseId,
  });
  const loop = createLearningLoop({
    source: createSqliteLearningSource({ database: options.database }),
    proposals,
    knowledge: options.knowledgeStore,
    clock,
    ...(options.onScanError ? { onScanError: options.onScanError } : {}),
  });
  if (options.settings.proposalScanIntervalMs > 0) loop.start(options.settings.proposalScanIntervalMs);
  return {
    analytics,
    proposals,
    loop,
    viewerNames: createSqliteConversationViewerNames({ database: options.database }),
    async close() {
      await loop.stop();
      await gapEmbedding.close();
    },
  };
}
