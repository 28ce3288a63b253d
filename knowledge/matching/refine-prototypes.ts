import type { PrototypeMatrix } from './prototype-matrix.js';

export interface RefinementOptions {
  epochs: number;
  /** Multiply-adds allowed in all; past it the centroids stay as they are. */
  budget: number;
  /** Views of one entry (its languages) never compete with each other. */
  sameEntry: (firstSlot: number, secondSlot: number) => boolean;
  learningRate?: number;
  margin?: number;
}

/**
 * Learns from the knowledge base itself: a few perceptron passes over every phrasing push its own
 * entry's prototype toward it and the wrongly preferred entry's away, turning centroids into a linear
 * classifier. Phrasings are the only labelled data a new knowledge base has.
 */
export function refinePrototypes(
  prototypes: PrototypeMatrix,
  examples: readonly { slot: number; vector: Float32Array }[],
  options: RefinementOptions,
): { epochs: number } {
  if (options.epochs === 0 || examples.length === 0) return { epochs: 0 };
  const nonZero =
    examples.reduce((total, example) => total + countNonZero(example.vector), 0) / examples.length;
  const costPerEpoch = examples.length * nonZero * prototypes.slotCount;
  const epochs = Math.min(options.epochs, Math.floor(options.budget / Math.max(1, costPerEpoch)));
  const learningRate = options.learningRate ?? 0.1;
  const margin = options.margin ?? 0.1;
  const scores = new Float32Array(prototypes.slotCount);
  for (let epoch = 0; epoch < epochs; epoch++) {
    let mistakes = 0;
    for (const { slot, vector } of examples) {
      prototypes.scoreAll(vector, scores);
      let rival = -1;
      let rivalScore = Number.NEGATIVE_INFINITY;
      for (let other = 0; other < prototypes.slotCount; other++) {
        const score = scores[other]!;
        if (score > rivalScore && other !== slot && !options.sameEntry(slot, other)) {
          rival = other;
          rivalScore = score;
        }
      }
      if (rival >= 0 && rivalScore + margin > scores[slot]!) {
        prototypes.addScaled(slot, vector, learningRate);
        prototypes.addScaled(rival, vector, -learningRate);
        mistakes++;
      }
    }
    if (mistakes === 0) return { epochs: epoch + 1 };
  }
  return { epochs };
}

function countNonZero(vector: Float32Array): number {
  let count = 0;
  for (const value of vector) if (value !== 0) count++;
  return count;
}
