import { throwIfAborted } from '../errors.js';
import type { CallOptions, EmbedderCorpus, TrainableEmbedder } from '../ports.js';
import type { AnalyzedText, TextAnalyzer } from '../text/text-analyzer.js';
import { hashFeature } from './feature-hash.js';

/** How much each feature block counts, relative to the others. */
export type FeatureBlockWeights = Readonly<Record<string, number>>;

/** Chosen on the dev splits of clinc150, banking77 and xsid-zh (docs/benchmarks.md). */
export const DEFAULT_BLOCK_WEIGHTS: FeatureBlockWeights = { w: 1, b: 0.4, c: 0.7, z: 0.8, h: 1, p: 0.4, y: 0.6 };

export interface HashedFeatureEmbedderOptions {
  analyzer: TextAnalyzer;
  dimensions?: number;
  blockWeights?: FeatureBlockWeights;
}

export interface HashedFeatureEmbedder extends TrainableEmbedder {
  readonly analyzer: TextAnalyzer;
  /** Embeds text the caller has already analysed, saving a second pass on the hot path. */
  embedAnalyzed(analyzed: AnalyzedText): Float32Array;
  /** Inverse document frequency of a feature in the fitted corpus (unseen features: the maximum). */
  idf(feature: string): number;
  /** `fit`, synchronously. */
  fitNow(corpus: EmbedderCorpus, options?: CallOptions): void;
}

/**
 * The offline embedder: TF-IDF weighted words, character n-grams, jieba words and pinyin pairs, each
 * block normalised and weighted, hashed into a fixed-size vector. `fit` learns the term weights and
 * synonyms from the knowledge base's own phrasings.
 */
export function createHashedFeatureEmbedder(options: HashedFeatureEmbedderOptions): HashedFeatureEmbedder {
  const dimensions = options.dimensions ?? 2048;
  const blockWeights = options.blockWeights ?? DEFAULT_BLOCK_WEIGHTS;
  let documentFrequency = new Map<string, number>();
  let documentCount = 0;

  const idf = (feature: string): number =>
    Math.log((documentCount + 1) / ((documentFrequency.get(feature) ?? 0) + 1)) + 1;

  const embedAnalyzed = (analyzed: AnalyzedText): Float32Array => {
    const blocks = new Map<string, { keys: string[]; values: number[]; squaredNorm: number }>();
    for (const [feature, count] of analyzed.features) {
      const blockName = feature.slice(0, feature.indexOf(':'));
      const weight = blockWeights[blockName] ?? 0;
      if (weight === 0) continue;
      const value = (1 + Math.log(count)) * idf(feature);
      const block = blocks.get(blockName) ?? { keys: [], values: [], squaredNorm: 0 };
      block.keys.push(feature);
      block.values.push(value);
      block.squaredNorm += value * value;
      blocks.set(blockName, block);
    }
    const vector = new Float32Array(dimensions);
    for (const [blockName, block] of blocks) {
      const scale = (blockWeights[blockName] ?? 0) / Math.sqrt(block.squaredNorm);
      block.keys.forEach((feature, index) => {
        const { index: bucket, sign } = hashFeature(feature, dimensions);
        vector[bucket]! += sign * scale * block.values[index]!;
      });
    }
    let squaredNorm = 0;
    for (const value of vector) squaredNorm += value * value;
    if (squaredNorm > 0) {
      const inverseNorm = 1 / Math.sqrt(squaredNorm);
      for (let index = 0; index < dimensions; index++) vector[index]! *= inverseNorm;
    }
    return vector;
  };

  return {
    id: `builtin-hashed-${dimensions}`,
    dimensions,
    maxBatchSize: 4096,
    analyzer: options.analyzer,
    embedAnalyzed,
    idf,
    // Work is synchronous, but the port promises rejections, never throws.
    embed(texts: readonly string[], callOptions?: CallOptions): Promise<Float32Array[]> {
      return Promise.resolve().then(() => {
        throwIfAborted(callOptions?.signal);
        return texts.map((text) => embedAnalyzed(options.analyzer.analyze(text)));
      });
    },
    fit(corpus: EmbedderCorpus, callOptions?: CallOptions): Promise<void> {
      return Promise.resolve().then(() => this.fitNow(corpus, callOptions));
    },
    fitNow(corpus: EmbedderCorpus, callOptions?: CallOptions): void {
      throwIfAborted(callOptions?.signal);
      options.analyzer.useSynonyms(corpus.synonyms);
      const frequency = new Map<string, number>();
      for (const text of corpus.texts) {
        for (const feature of options.analyzer.analyze(text).features.keys()) {
          frequency.set(feature, (frequency.get(feature) ?? 0) + 1);
        }
      }
      documentFrequency = frequency;
      documentCount = corpus.texts.length;
    },
  };
}
