import { LivedeskError, throwIfAborted } from '../errors.js';
import {
  isTrainable,
  type CallOptions,
  type Embedder,
  type EmbedderCorpus,
  type TrainableEmbedder,
} from '../ports.js';

export interface FusedEmbedderOptions {
  /** The builtin hashed-feature embedder: typos, pinyin, the knowledge base's own vocabulary. */
  builtin: Embedder;
  /** A dense model (transformers.js, an OpenAI-compatible endpoint): meaning beyond shared words. */
  dense: Embedder;
  /** Share of the cosine that comes from the dense vectors, strictly between 0 and 1. */
  denseWeight: number;
}

/**
 * Both embedders at once: each text's vector is the builtin vector scaled by √(1−w) followed by the
 * dense vector scaled by √w, so for unit parts the cosine of two fused vectors is
 * (1−w)·cos_builtin + w·cos_dense. A dense model alone loses the builtin's robustness to typos,
 * pinyin and the knowledge base's own jargon; fused, the matcher keeps both.
 *
 * When one part is a zero vector (the builtin finds nothing to embed in "🎉🎉", say) the other part
 * alone is used, renormalised, so every non-empty text still gets a unit vector as the port requires.
 *
 * `fit` reaches whichever parts learn from the knowledge base. There is no `embedAnalyzed`: the dense
 * half cannot be computed synchronously from the builtin analysis, so the matcher calls `embed`.
 */
export class FusedEmbedder implements TrainableEmbedder {
  readonly id: string;
  readonly dimensions: number;
  readonly maxBatchSize: number;
  private readonly builtin: Embedder;
  private readonly dense: Embedder;
  private readonly builtinScale: number;
  private readonly denseScale: number;

  constructor(options: FusedEmbedderOptions) {
    const { builtin, dense, denseWeight } = options;
    if (!(denseWeight > 0 && denseWeight < 1)) {
      throw new LivedeskError(
        'invalid_input',
        `denseWeight must be between 0 and 1 (exclusive), got ${denseWeight}`,
      );
    }
    this.builtin = builtin;
    this.dense = dense;
    this.builtinScale = Math.sqrt(1 - denseWeight);
    this.denseScale = Math.sqrt(denseWeight);
    this.dimensions = builtin.dimensions + dense.dimensions;
    this.maxBatchSize = Math.min(builtin.maxBatchSize, dense.maxBatchSize);
    this.id = `fused(${builtin.id}+${dense.id};dense=${denseWeight})`;
  }

  async fit(corpus: EmbedderCorpus, options: CallOptions = {}): Promise<void> {
    if (isTrainable(this.builtin)) await this.builtin.fit(corpus, options);
    throwIfAborted(options.signal);
    if (isTrainable(this.dense)) await this.dense.fit(corpus, options);
  }

  async embed(texts: readonly string[], options: CallOptions = {}): Promise<Float32Array[]> {
    throwIfAborted(options.signal);
    if (texts.length === 0) return [];
    const vectors: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += this.maxBatchSize) {
      throwIfAborted(options.signal);
      const batch = texts.slice(start, start + this.maxBatchSize);
      const [builtinVectors, denseVectors] = await Promise.all([
        this.builtin.embed(batch, options),
        this.dense.embed(batch, options),
      ]);
      for (let index = 0; index < batch.length; index += 1) {
        vectors.push(this.fuse(builtinVectors[index]!, denseVectors[index]!));
      }
    }
    return vectors;
  }

  private fuse(builtin: Float32Array, dense: Float32Array): Float32Array {
    const fused = new Float32Array(this.dimensions);
    let squares = 0;
    for (let index = 0; index < builtin.length; index += 1) {
      const value = builtin[index]! * this.builtinScale;
      fused[index] = value;
      squares += value * value;
    }
    const offset = builtin.length;
    for (let index = 0; index < dense.length; index += 1) {
      const value = dense[index]! * this.denseScale;
      fused[offset + index] = value;
      squares += value * value;
    }
    if (squares === 0) return fused;
    const scale = 1 / Math.sqrt(squares);
    for (let index = 0; index < fused.length; index += 1) fused[index] = fused[index]! * scale;
    return fused;
  }
}

export function createFusedEmbedder(options: FusedEmbedderOptions): FusedEmbedder {
  return new FusedEmbedder(options);
}
