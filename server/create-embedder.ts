import type { HashedFeatureEmbedder } from '../knowledge/matching/hashed-feature-embedder.js';
import type { CallOptions, Embedder } from '../knowledge/ports.js';
import type { TextAnalyzer } from '../knowledge/text/text-analyzer.js';
import { createBuiltinEmbedder } from '../adapters/language/builtin-embedder.js';
import { createBuiltinTextAnalyzer } from '../adapters/language/builtin-text-analyzer.js';
import type { EmbedderConfig } from './config.js';

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
      return { embedder, analyzer: createBuiltinTextAnalyzer(), close: () => embedder.dispose() };
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
      return { embedder, analyzer: createBuiltinTextAnalyzer(), close: () => Promise.resolve() };
    }
  }
}
