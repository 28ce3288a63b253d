import { GlossEmbedder } from './gloss-embedder.js';
import { normalizeInPlace } from './normalize-vector.js';
import { PrototypeMatrix } from './prototype-matrix.js';

/**
 * The language-neutral view of a knowledge base: one gloss centroid per entry view, for scoring an
 * entry in another language than the question's. Built from the views' gloss features, never by
 * re-analysing their phrasings.
 */
export class GlossView {
  private readonly embedder: GlossEmbedder;
  private readonly prototypes: PrototypeMatrix;

  constructor(views: readonly ({ glossFeatures: Map<string, number>[] } | undefined)[], dimensions: number) {
    this.embedder = new GlossEmbedder(dimensions);
    this.embedder.fit(views.flatMap((view) => view?.glossFeatures ?? []));
    this.prototypes = new PrototypeMatrix(dimensions, Math.max(64, views.length));
    views.forEach((view, slot) => {
      if (view) this.setView(slot, view.glossFeatures);
    });
  }

  setView(slot: number, glossFeatures: readonly Map<string, number>[]): void {
    const centroid = new Float32Array(this.embedder.dimensions);
    for (const features of glossFeatures) {
      const vector = this.embedder.embed(features);
      for (let dimension = 0; dimension < centroid.length; dimension++)
        centroid[dimension]! += vector[dimension]!;
    }
    this.prototypes.set(slot, normalizeInPlace(centroid));
  }

  /** Cosine of two views' gloss centroids: how nearly they say the same thing, whatever their languages. */
  similarity(first: number, second: number): number {
    const one = this.prototypes.get(first);
    const other = this.prototypes.get(second);
    let dot = 0;
    for (let dimension = 0; dimension < one.length; dimension++) dot += one[dimension]! * other[dimension]!;
    return dot;
  }

  clear(slot: number): void {
    this.prototypes.clear(slot);
  }

  /** Cosine of the question's gloss features with every view; undefined when it has none. */
  scores(glossFeatures: Map<string, number>): Float32Array | undefined {
    const vector = this.embedder.embed(glossFeatures);
    return vector.some((value) => value !== 0) ? this.prototypes.scoreAll(vector) : undefined;
  }
}
