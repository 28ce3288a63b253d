import { throwIfAborted } from '../errors.js';
import type { CallOptions, EmbedderCorpus, TrainableEmbedder } from '../ports.js';
import type { AnalyzedText, TextAnalyzer } from '../text/text-analyzer.js';
import { fnv1a, hashFeature } from './feature-hash.js';
import { normalizeInPlace } from './normalize-vector.js';

interface FeatureSlot {
  bucket: number;
  /** The feature's own id (its full 32-bit hash): what a classifier with room for every feature keys on. */
  id: number;
  sign: 1 | -1;
  idf: number;
  block: string;
}

function blockOf(feature: string): string {
  return feature.slice(0, feature.indexOf(':'));
}

/** How much each feature block counts, relative to the others. */
export type FeatureBlockWeights = Readonly<Record<string, number>>;

/** Chosen on the dev splits of clinc150, banking77 and xsid-zh (docs/benchmarks.md). */
export const DEFAULT_BLOCK_WEIGHTS: FeatureBlockWeights = {
  w: 1,
  b: 0.4,
  c: 0.7,
  z: 0.8,
  h: 1,
  p: 0.4,
  y: 0.6,
  // Latin words without their diacritics (Vietnamese typed without marks), beside the exact words.
  f: 0.5,
  // The language-neutral gloss stems: what lets a Chinese question and an English phrasing share features.
  g: 1,
};

/** A sparse vector keyed by feature ids (see HashedFeatureEmbedder.featuresAnalyzed). */
export interface SparseFeatures {
  indices: Int32Array;
  values: Float32Array;
}

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
  /**
   * The same weighted features as `embedAnalyzed`, unfolded: keyed by each feature's own id instead of
   * summed into `dimensions` buckets, so features that share a bucket stay apart. L2-normalised.
   */
  featuresAnalyzed(analyzed: AnalyzedText): SparseFeatures;
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
  /** Bucket, sign and weight of every feature the corpus has, worked out once per fit, not per question. */
  let known = new Map<string, FeatureSlot>();
  /** Whether the fitted corpus carried gloss features (a knowledge base in more than one language). */
  let glossBlock = false;

  const idf = (feature: string): number =>
    Math.log((documentCount + 1) / ((documentFrequency.get(feature) ?? 0) + 1)) + 1;

  const slotOf = (feature: string): FeatureSlot => {
    const cached = known.get(feature);
    if (cached) return cached;
    const { index, sign } = hashFeature(feature, dimensions);
    return { bucket: index, id: fnv1a(feature) | 0, sign, idf: idf(feature), block: blockOf(feature) };
  };

  /** Per feature of the analysis: its slot and its weighted value (tf-idf, scaled by its block). */
  const weighted = (analyzed: AnalyzedText): { slots: FeatureSlot[]; values: number[] } => {
    // Block names are one letter (`w:`, `h:`, ...): per block, the features' slots and tf-idf values.
    const slots: FeatureSlot[] = [];
    const values: number[] = [];
    const squaredNorms = new Map<string, number>();
    for (const [feature, count] of analyzed.features) {
      const slot = slotOf(feature);
      if ((blockWeights[slot.block] ?? 0) === 0) continue;
      const value = (1 + Math.log(count)) * slot.idf;
      slots.push(slot);
      values.push(value);
      squaredNorms.set(slot.block, (squaredNorms.get(slot.block) ?? 0) + value * value);
    }
    // Only when the knowledge base was embedded with glosses: a question alone with them would only
    // shrink its other blocks' share of the norm.
    if (glossBlock && analyzed.glossFeatures && (blockWeights.g ?? 0) > 0) {
      let squaredNorm = 0;
      for (const [stem, weight] of analyzed.glossFeatures) {
        const slot = slotOf(`g:${stem}`);
        const value = (1 + Math.log(1 + weight)) * slot.idf;
        slots.push(slot);
        values.push(value);
        squaredNorm += value * value;
      }
      if (squaredNorm > 0) squaredNorms.set('g', squaredNorm);
    }
    const scales = new Map<string, number>();
    for (const [block, squaredNorm] of squaredNorms)
      scales.set(block, (blockWeights[block] ?? 0) / Math.sqrt(squaredNorm));
    for (let index = 0; index < slots.length; index++) values[index]! *= scales.get(slots[index]!.block)!;
    return { slots, values };
  };

  const embedAnalyzed = (analyzed: AnalyzedText): Float32Array => {
    const { slots, values } = weighted(analyzed);
    const vector = new Float32Array(dimensions);
    for (let index = 0; index < slots.length; index++) {
      const slot = slots[index]!;
      vector[slot.bucket]! += slot.sign * values[index]!;
    }
    return normalizeInPlace(vector);
  };

  const featuresAnalyzed = (analyzed: AnalyzedText): SparseFeatures => {
    const { slots, values } = weighted(analyzed);
    const byId = new Map<number, number>();
    for (let index = 0; index < slots.length; index++) {
      const id = slots[index]!.id;
      byId.set(id, (byId.get(id) ?? 0) + values[index]!);
    }
    let squaredNorm = 0;
    for (const value of byId.values()) squaredNorm += value * value;
    const norm = Math.sqrt(squaredNorm) || 1;
    const indices = new Int32Array(byId.size);
    const weights = new Float32Array(byId.size);
    let position = 0;
    for (const [id, value] of byId) {
      indices[position] = id;
      weights[position++] = value / norm;
    }
    return { indices, values: weights };
  };

  return {
    id: `builtin-hashed-${dimensions}`,
    dimensions,
    maxBatchSize: 4096,
    analyzer: options.analyzer,
    embedAnalyzed,
    featuresAnalyzed,
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
      let sawGlosses = false;
      for (const text of corpus.texts) {
        const analyzed = options.analyzer.analyze(text);
        for (const feature of analyzed.features.keys()) {
          frequency.set(feature, (frequency.get(feature) ?? 0) + 1);
        }
        for (const stem of analyzed.glossFeatures?.keys() ?? []) {
          frequency.set(`g:${stem}`, (frequency.get(`g:${stem}`) ?? 0) + 1);
          sawGlosses = true;
        }
      }
      glossBlock = sawGlosses && corpus.glosses !== false;
      documentFrequency = frequency;
      documentCount = corpus.texts.length;
      known = new Map();
      for (const feature of frequency.keys()) {
        const { index, sign } = hashFeature(feature, dimensions);
        known.set(feature, {
          bucket: index,
          id: fnv1a(feature) | 0,
          sign,
          idf: idf(feature),
          block: blockOf(feature),
        });
      }
    },
  };
}
