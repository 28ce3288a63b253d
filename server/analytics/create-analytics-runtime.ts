import { DEFAULT_GAP_MIN_SIMILARITY } from '../../engine/analytics/knowledge-gaps.js';
import type { KnowledgeStore } from '../../knowledge/ports.js';
import type { ConversationViewerNames } from '../conversation-history/conversation-viewer-names.js';
import type { AnalyticsSettings, EmbedderConfig } from '../config.js';
import type { AnalyticsStores } from '../storage/livedesk-stores.js';
import { createAnalyticsService, type AnalyticsService } from './analytics-service.js';
import { createGapEmbeddingSource } from './gap-embedding.js';
import { createLearningLoop, type LearningLoop } from './learning-loop.js';
import type { PhrasingProposalStore } from './phrasing-proposals.js';

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
  /** The analytics reads, the learning loop's source and proposals (server/storage/). */
  stores: AnalyticsStores;
  knowledgeStore: KnowledgeStore;
  embedder: EmbedderConfig;
  settings: AnalyticsSettings;
  clock?: (() => Date) | undefined;
  /** Where a failed background scan is reported; the console without. */
  onScanError?: ((error: unknown) => void) | undefined;
}

/** Metrics, knowledge gaps and the learning loop over the configured stores. */
export function createAnalyticsRuntime(options: AnalyticsRuntimeOptions): AnalyticsRuntime {
  const clock = options.clock ?? (() => new Date());
  const gapEmbedding = createGapEmbeddingSource({
    store: options.knowledgeStore,
    embedder: options.embedder,
  });
  const analytics = createAnalyticsService({
    reader: options.stores.reader,
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
  const { proposals } = options.stores;
  const loop = createLearningLoop({
    source: options.stores.learningSource,
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
    viewerNames: options.stores.viewerNames,
    async close() {
      await loop.stop();
      await gapEmbedding.close();
    },
  };
}
