import path from 'node:path';
import { runEditorReport } from '../../eval/editor-report/run-editor-report.js';
import type { GapQuestion } from '../../knowledge/editor-report/index.js';
import type { CallOptions, KnowledgeStore } from '../../knowledge/ports.js';
import type { AnalyticsService } from '../analytics/analytics-service.js';
import { parseAnalyticsQuery } from '../analytics/analytics-query.js';
import type { LivedeskConfig } from '../config.js';
import { EVAL_SUITE_FILES, readSuiteCases } from '../eval-runs/eval-suites.js';
import { loadMatcherConfig } from '../load-matcher-config.js';
import type { Logger } from '../logging/logger.js';
import {
  createEditorReportService,
  type EditorReportService,
  type EditorReportServiceOptions,
} from './editor-report-service.js';

/** The unanswered questions of this many days feed the suggestions. */
const GAP_DAYS = 30;

export type EditorReportConfig = Pick<
  LivedeskConfig,
  'dataDir' | 'embedder' | 'vectorIndex' | 'matcherConfigFile' | 'domainPacks'
>;

/** Knowledge-gap clusters of the last 30 days as questions to place: their label and how often asked. */
export function gapQuestionsFrom(
  analytics: Pick<AnalyticsService, 'metric'>,
  clock: () => Date,
): (options: CallOptions) => Promise<GapQuestion[]> {
  return async (options) => {
    const now = clock();
    const from = new Date(now.getTime() - GAP_DAYS * 86_400_000).toISOString();
    const parsed = parseAnalyticsQuery({ from, to: now.toISOString() }, now);
    if (!parsed.ok) return [];
    const result = await analytics.metric('gaps', parsed.query, options);
    return result.data.clusters.map((cluster) => ({ question: cluster.label, asked: cluster.count }));
  };
}

/**
 * The quality report over the server's knowledge base: a copy of it indexed afresh on each run, scored on
 * the demo suite (cases naming entries this knowledge base lacks are left out) and the recent knowledge gaps.
 */
export function createServerEditorReport(options: {
  config: EditorReportConfig;
  store: KnowledgeStore;
  analytics?: Pick<AnalyticsService, 'metric'> | undefined;
  /** Replaces the demo suite: the knowledge base's own labelled questions (tests pass theirs). */
  suite?: EditorReportServiceOptions['suite'];
  /** Replaces the analytics' knowledge gaps as the source of unanswered questions. */
  gaps?: EditorReportServiceOptions['gaps'];
  clock?: (() => Date) | undefined;
  logger?: Logger | undefined;
}): EditorReportService {
  const { config, store } = options;
  const clock = options.clock ?? (() => new Date());
  return createEditorReportService({
    file: path.join(config.dataDir, 'editor-report', 'latest.json'),
    clock,
    logger: options.logger,
    suite:
      options.suite ?? (async () => ({ label: EVAL_SUITE_FILES.demo, cases: await readSuiteCases('demo') })),
    gaps:
      options.gaps ??
      (options.analytics ? gapQuestionsFrom(options.analytics, clock) : () => Promise.resolve([])),
    compute: async (input, callOptions) => {
      const [entries, synonyms, matcherConfig] = await Promise.all([
        store.list(),
        store.listSynonyms(),
        loadMatcherConfig(config.matcherConfigFile),
      ]);
      return runEditorReport(
        {
          entries,
          synonyms,
          suite: input.suite,
          gaps: input.gaps,
          dismissed: input.dismissed,
          // The shipped packs the server loads (operator edits to them are not applied to the copy).
          domainPackIds: config.domainPacks ?? [],
          embedder: config.embedder,
          vectorIndex: config.vectorIndex,
          matcherConfig,
          now: clock,
        },
        callOptions,
      );
    },
  });
}
