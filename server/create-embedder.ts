import type { HashedFeatureEmbedder } from '../knowledge/matching/hashed-feature-embedder.js';
import type { CallOptions, Embedder } from '../knowledge/ports.js';
import type { TextAnalyzer } from '../knowledge/text/text-analyzer.js';
import { createBuiltinEmbedder } from '../adapters/language/builtin-embedder.js';
import { createBuiltinTextAnalyzer } from '../adapters/language/builtin-text-analyzer.js';
import { createFusedEmbedder } from '../knowledge/matching/fused-embedder.js';
import type { EmbedderConfig, EmbedderFusion } from './config.js';

export interface EmbedderParts {
  embedder: Embedder;
  /** Lexical scoring and explanations always use the builtin analyzer, whatever embeds. */
  analyzer: TextAnalyzer;
  close: () => Promise<void>;
}

/** Builds the configured embedder; the heavy ones are imported only when chosen. */
export async function createEmbedder(
  config: EmbedderConfig,
  options: CallOptions = {},
): Promise<EmbedderParts> {
  switch (config.kind) {
    case 'builtin': {
      const embedder: HashedFeatureEmbedder = createBuiltinEmbedder();
      return { embedder, analyzer: embedder.analyzer, close: () => Promise.resolve() };
    }
    case 'transformers': {
      const { createTransformersEmbedder } =
        await import('../adapters/transformers/transformers-embedder.js');
      const embedder = await createTransformersEmbedder(
        {
          model: config.model,
          allowRemoteModels: config.allowRemoteModels,
          ...(config.localModelPath === undefined ? {} : { localModelPath: config.localModelPath }),
          ...(config.cacheDir === undefined ? {} : { cacheDir: config.cacheDir }),
        },
        options,
      );
      return withBuiltin({ embedder, close: () => embedder.dispose() }, config.fuseWithBuiltin);
    }
    case 'openai': {
      const { createOpenAIEmbedder } = await import('../adapters/openai/openai-embedder.js');
      const embedder = await createOpenAIEmbedder(
        {
          baseURL: config.baseURL,
          model: config.model,
          ...(config.apiKey === undefined ? {} : { apiKey: config.apiKey }),
          ...(config.dimensions === undefined ? {} : { dimensions: config.dimensions }),
        },
        options,
      );
      return withBuiltin({ embedder, close: () => Promise.resolve() }, config.fuseWithBuiltin);
    }
  }
}

/**
 * A dense embedder alone, or fused with the builtin one (the default) so the matcher keeps the builtin's
 * robustness to typos, pinyin and knowledge-base jargon beside the model's sense of meaning.
 */
function withBuiltin(
  dense: { embedder: Embedder; close: () => Promise<void> },
  fusion: EmbedderFusion | undefined,
): EmbedderParts {
  if (fusion === undefined) return { ...dense, analyzer: createBuiltinTextAnalyzer() };
  const builtin = createBuiltinEmbedder();
  return {
    embedder: createFusedEmbedder({ builtin, dense: dense.embedder, denseWeight: fusion.denseWeight }),
    analyzer: builtin.analyzer,
    close: dense.close,
  };
}
