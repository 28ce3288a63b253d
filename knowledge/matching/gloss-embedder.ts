import { hashFeature } from './feature-hash.js';
import { normalizeInPlace } from './normalize-vector.js';

/**
 * TF-IDF vectors of the language-neutral gloss view (English stems; Chinese words as their English
 * glosses), hashed like the main features. `fit` learns the weights from the knowledge base's phrasings.
 */
export class GlossEmbedder {
  readonly dimensions: number;
  private documentFrequency = new Map<string, number>();
  private documentCount = 0;

  constructor(dimensions: number) {
    this.dimensions = dimensions;
  }

  fit(views: Iterable<ReadonlyMap<string, number>>): void {
    const frequency = new Map<string, number>();
    let count = 0;
    for (const view of views) {
      count++;
      for (const stem of view.keys()) frequency.set(stem, (frequency.get(stem) ?? 0) + 1);
    }
    this.documentFrequency = frequency;
    this.documentCount = count;
  }

  idf(stem: string): number {
    return Math.log((this.documentCount + 1) / ((this.documentFrequency.get(stem) ?? 0) + 1)) + 1;
  }

  /** The unit vector of one gloss view (all zeros when it has no stems). */
  embed(view: ReadonlyMap<string, number>): Float32Array {
    const vector = new Float32Array(this.dimensions);
    for (const [stem, count] of view) {
      const { index, sign } = hashFeature(`g:${stem}`, this.dimensions);
      vector[index]! += sign * (1 + Math.log(1 + count)) * this.idf(stem);
    }
    return normalizeInPlace(vector);
  }
}
