import { LivedeskError } from '../../../knowledge/errors.js';
import { SIGNAL_FEATURE_RECIPE, type SparseVector } from './signal-features.js';
import type { SignalModel } from './signal-model.js';
import { sigmoid } from './train-logistic.js';
import { WeightTable } from './weight-table.js';

/** One signal's verdict from a trained classifier. */
export interface LearnedVerdict {
  probability: number;
  present: boolean;
}

export interface LearnedSignals {
  readonly dimensions: number;
  /** The signals this model has a classifier for. */
  readonly signals: readonly string[];
  /** Each signal's decision threshold (probability). */
  readonly thresholds: ReadonlyMap<string, number>;
  /** Whether each classifier decides alone or adds to the word lists. */
  readonly combine: ReadonlyMap<string, 'replace' | 'union'>;
  judge(vector: SparseVector): Map<string, LearnedVerdict>;
}

/** Compiles a validated model for scoring; refuses one made with another feature recipe. */
export function createLearnedSignals(model: SignalModel): LearnedSignals {
  if (model.featureSpace.recipe !== SIGNAL_FEATURE_RECIPE)
    throw new LivedeskError(
      'invalid_input',
      `the signal model was trained on features "${model.featureSpace.recipe}"; this version reads "${SIGNAL_FEATURE_RECIPE}": train it again`,
    );
  const compiled = Object.entries(model.classifiers).map(([signal, classifier]) => ({
    signal,
    bias: classifier.bias,
    threshold: classifier.threshold,
    weights: new Map(classifier.weights),
  }));
  const table = new WeightTable(compiled.map((classifier) => classifier.weights));
  return {
    dimensions: model.featureSpace.dimensions,
    signals: compiled.map((item) => item.signal),
    thresholds: new Map(compiled.map((item) => [item.signal, item.threshold])),
    combine: new Map(
      Object.entries(model.classifiers).map(([signal, classifier]) => [signal, classifier.combine]),
    ),
    judge(vector) {
      const sums = compiled.map((classifier) => classifier.bias);
      for (let slot = 0; slot < vector.indices.length; slot++) {
        const row = table.rowOf(vector.indices[slot]!);
        // A bucket no classifier weighs adds nothing (its row is zeros): skipping it changes no sum.
        if (row === table.zeroRowStart) continue;
        const value = vector.values[slot]!;
        // Each classifier's sum grows in slot order, as it did when each was summed on its own.
        for (let column = 0; column < table.columns; column++)
          sums[column]! += table.weights[row + column]! * value;
      }
      const verdicts = new Map<string, LearnedVerdict>();
      compiled.forEach((classifier, column) => {
        const probability = sigmoid(sums[column]!);
        verdicts.set(classifier.signal, { probability, present: probability >= classifier.threshold });
      });
      return verdicts;
    },
  };
}
