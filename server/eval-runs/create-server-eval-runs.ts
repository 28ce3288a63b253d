import path from 'node:path';
import type { QuestionAnswerer } from '../../eval/run-eval-cases.js';
import type { EmbedderConfig, LivedeskConfig } from '../config.js';
import { loadMatcherConfig } from '../load-matcher-config.js';
import { createEvalRunFiles, type EvalRunFiles } from './eval-run-files.js';
import { createEvalRunService, type EvalRunService, type EvalRunServiceOptions } from './eval-run-service.js';

export type EvalRunsConfig = Pick<
  LivedeskConfig,
  'dataDir' | 'knowledgeBaseId' | 'embedder' | 'vectorIndex' | 'matcherConfigFile' | 'scenario'
>;

/** The configured embedder, as the report names it (the knowledge runtime keeps the model's own id). */
function embedderLabel(embedder: EmbedderConfig): string {
  return embedder.kind === 'builtin' ? 'builtin' : `${embedder.kind}:${embedder.model}`;
}

/** Eval runs over the server's knowledge base, kept in `<dataDir>/eval-runs/`. */
export function createServerEvalRuns(
  options: {
    config: EvalRunsConfig;
    knowledgeBase: QuestionAnswerer;
    /** Where runs are kept; default files in `<dataDir>/eval-runs/` (PostgreSQL shares them across nodes). */
    store?: EvalRunFiles | undefined;
  } & Pick<EvalRunServiceOptions, 'clock' | 'newId' | 'pace' | 'maxKeptRuns' | 'signals' | 'logger'>,
): EvalRunService {
  const { config, knowledgeBase, store, ...rest } = options;
  const { logger } = options;
  return createEvalRunService({
    ...rest,
    files:
      store ??
      createEvalRunFiles({
        folder: path.join(config.dataDir, 'eval-runs'),
        ...(logger
          ? { onInvalidFile: (file, error) => logger.warn({ file, error }, 'eval run file skipped') }
          : {}),
      }),
    knowledgeBase,
    // The same file the knowledge runtime loaded at start.
    matcherConfig: () => loadMatcherConfig(config.matcherConfigFile),
    policy: config.scenario,
    labels: {
      knowledgeBase: `server:${config.knowledgeBaseId}`,
      embedder: embedderLabel(config.embedder),
      vectorIndex: config.vectorIndex,
      configPath: config.matcherConfigFile ?? null,
    },
  });
}
