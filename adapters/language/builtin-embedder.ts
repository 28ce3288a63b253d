import {
  createHashedFeatureEmbedder,
  type FeatureBlockWeights,
  type HashedFeatureEmbedder,
} from '../../knowledge/matching/hashed-feature-embedder.js';
import type { Synonym } from '../../knowledge/synonym.js';
import { createBuiltinTextAnalyzer, type BuiltinTextAnalyzerOptions } from './builtin-text-analyzer.js';

export interface BuiltinEmbedderOptions {
  dimensions?: number;
  blockWeights?: FeatureBlockWeights;
  synonyms?: readonly Synonym[];
  /** The CC-CEDICT gloss table's cache, for cross-lingual matching. */
  glosses?: BuiltinTextAnalyzerOptions['glosses'];
  loadGlossTable?: BuiltinTextAnalyzerOptions['loadGlossTable'];
}

/** The offline default: the builtin analyzer's features, hashed and TF-IDF weighted. */
export function createBuiltinEmbedder(options: BuiltinEmbedderOptions = {}): HashedFeatureEmbedder {
  const analyzer = createBuiltinTextAnalyzer({
    synonyms: options.synonyms ?? [],
    ...(options.glosses === undefined ? {} : { glosses: options.glosses }),
    ...(options.loadGlossTable === undefined ? {} : { loadGlossTable: options.loadGlossTable }),
  });
  return createHashedFeatureEmbedder({
    analyzer,
    ...(options.dimensions === undefined ? {} : { dimensions: options.dimensions }),
    ...(options.blockWeights === undefined ? {} : { blockWeights: options.blockWeights }),
  });
}
