import type { SparseVector } from './signal-features.js';

export interface LogisticOptions {
  dimensions: number;
  epochs: number;
  /** Adagrad step size. */
  learningRate: number;
  /** L2 penalty per example. */
  l2: number;
  /** Weight of a positive example relative to a negative one (imbalanced classes); 'balanced' = negatives/positives, capped. */
  positiveWeight: number | 'balanced';
  /** Orders the passes over the data, so a training run is reproducible. */
  seed: number;
  /**
   * Scale each feature by its log-count ratio between the classes first (NBSVM, Wang & Manning 2012): a
   * strong prior for small text sets. The ratios are folded into the weights, so scoring is unchanged.
   */
  naiveBayesScaling: boolean;
  /** Smoothing of those counts. */
  naiveBayesAlpha: number;
}

export const DEFAULT_LOGISTIC_OPTIONS: LogisticOptions = {
  dimensions: 1 << 18,
  epochs: 12,
  learningRate: 0.4,
  l2: 1e-5,
  positiveWeight: 'balanced',
  seed: 20261207,
  naiveBayesScaling: false,
  naiveBayesAlpha: 1,
};

export interface LogisticModel {
  bias: number;
  weights: Float64Array;
}

/** A small deterministic generator (mulberry32): the same seed shuffles the same way everywhere. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function sigmoid(value: number): number {
  return value >= 0 ? 1 / (1 + Math.exp(-value)) : Math.exp(value) / (1 + Math.exp(value));
}

export function score(model: LogisticModel, vector: SparseVector): number {
  let sum = model.bias;
  for (let index = 0; index < vector.indices.length; index++)
    sum += (model.weights[vector.indices[index]!] ?? 0) * vector.values[index]!;
  return sigmoid(sum);
}

/**
 * Logistic regression by Adagrad over sparse vectors, with L2 applied lazily to the weights an example
 * touches. Plain and deterministic: a few thousand short messages train in well under a second.
 */
export function trainLogistic(
  vectors: readonly SparseVector[],
  labels: readonly boolean[],
  options: LogisticOptions = DEFAULT_LOGISTIC_OPTIONS,
): LogisticModel {
  if (!options.naiveBayesScaling) return trainPlain(vectors, labels, options);
  const ratios = logCountRatios(vectors, labels, options);
  const scaled = vectors.map((vector) => ({
    indices: vector.indices,
    values: vector.values.map((value, slot) => value * ratios[vector.indices[slot]!]!),
  }));
  const model = trainPlain(scaled, labels, options);
  for (let bucket = 0; bucket < model.weights.length; bucket++)
    model.weights[bucket] = model.weights[bucket]! * ratios[bucket]!;
  return model;
}

/** log((p + α) / |p + α|₁) − log((q + α) / |q + α|₁) per bucket, over absolute feature values. */
function logCountRatios(
  vectors: readonly SparseVector[],
  labels: readonly boolean[],
  options: LogisticOptions,
): Float64Array {
  const positive = new Float64Array(options.dimensions).fill(options.naiveBayesAlpha);
  const negative = new Float64Array(options.dimensions).fill(options.naiveBayesAlpha);
  vectors.forEach((vector, example) => {
    const counts = labels[example] ? positive : negative;
    for (let slot = 0; slot < vector.indices.length; slot++)
      counts[vector.indices[slot]!] = counts[vector.indices[slot]!]! + Math.abs(vector.values[slot]!);
  });
  let positiveTotal = 0;
  let negativeTotal = 0;
  for (let bucket = 0; bucket < options.dimensions; bucket++) {
    positiveTotal += positive[bucket]!;
    negativeTotal += negative[bucket]!;
  }
  const ratios = new Float64Array(options.dimensions);
  for (let bucket = 0; bucket < options.dimensions; bucket++)
    ratios[bucket] =
      Math.log(positive[bucket]! / positiveTotal) - Math.log(negative[bucket]! / negativeTotal);
  return ratios;
}

function trainPlain(
  vectors: readonly SparseVector[],
  labels: readonly boolean[],
  options: LogisticOptions,
): LogisticModel {
  const weights = new Float64Array(options.dimensions);
  const squares = new Float64Array(options.dimensions);
  let bias = 0;
  let biasSquares = 0;
  const positives = labels.filter(Boolean).length;
  const negatives = labels.length - positives;
  const positiveWeight =
    options.positiveWeight === 'balanced'
      ? Math.min(20, Math.max(1, negatives / Math.max(1, positives)))
      : options.positiveWeight;
  const random = seededRandom(options.seed);
  const order = vectors.map((_, index) => index);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let index = order.length - 1; index > 0; index--) {
      const other = Math.floor(random() * (index + 1));
      [order[index], order[other]] = [order[other]!, order[index]!];
    }
    for (const example of order) {
      const vector = vectors[example]!;
      const label = labels[example]! ? 1 : 0;
      const importance = label === 1 ? positiveWeight : 1;
      const error = (score({ bias, weights }, vector) - label) * importance;
      for (let slot = 0; slot < vector.indices.length; slot++) {
        const bucket = vector.indices[slot]!;
        const gradient = error * vector.values[slot]! + options.l2 * weights[bucket]!;
        squares[bucket] = squares[bucket]! + gradient * gradient;
        weights[bucket] =
          weights[bucket]! - (options.learningRate * gradient) / Math.sqrt(squares[bucket] + 1e-8);
      }
      biasSquares += error * error;
      bias -= (options.learningRate * error) / Math.sqrt(biasSquares + 1e-8);
    }
  }
  return { bias, weights };
}
