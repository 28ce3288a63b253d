import { isTrainable, type CallOptions, type Embedder } from '../../knowledge/ports.js';
import type { PairCase } from '../pair-case.js';

function dot(first: Float32Array, second: Float32Array): number {
  let sum = 0;
  for (let index = 0; index < first.length; index++) sum += first[index]! * second[index]!;
  return sum;
}

export interface ScorePairsOptions extends CallOptions {
  /** Texts a learning embedder fits its term weights on (no labels involved). */
  fitTexts: readonly string[];
}

/**
 * Cosine similarity of the two questions' embeddings (the matcher's dense signal). Embedders return unit
 * vectors, so the dot product is the cosine; a text with nothing to embed scores 0 against everything.
 */
export async function scorePairs(
  embedder: Embedder,
  pairs: readonly PairCase[],
  options: ScorePairsOptions,
): Promise<number[]> {
  if (isTrainable(embedder)) await embedder.fit({ texts: options.fitTexts, synonyms: [] }, options);
  const texts = [...new Set(pairs.flatMap((pair) => [pair.a, pair.b]))];
  const vectors = new Map<string, Float32Array>();
  for (let start = 0; start < texts.length; start += embedder.maxBatchSize) {
    const batch = texts.slice(start, start + embedder.maxBatchSize);
    const embedded = await embedder.embed(batch, options);
    batch.forEach((text, index) => vectors.set(text, embedded[index]!));
  }
  return pairs.map((pair) => dot(vectors.get(pair.a)!, vectors.get(pair.b)!));
}
