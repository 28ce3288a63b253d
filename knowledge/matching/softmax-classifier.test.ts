import { describe, expect, it } from 'vitest';
import {
  SoftmaxClassifier,
  trainingCost,
  type ClassifierExample,
  type SparseVector,
} from './softmax-classifier.js';

function sparse(entries: Record<number, number>): SparseVector {
  const indices = Object.keys(entries).map(Number);
  const norm = Math.sqrt(indices.reduce((total, index) => total + entries[index]! ** 2, 0));
  return {
    indices: Int32Array.from(indices),
    values: Float32Array.from(indices.map((index) => entries[index]! / norm)),
  };
}

const TRAINING = { epochs: 30, learningRate: 1, l2: 0.001, budget: 1e9 };

describe('SoftmaxClassifier', () => {
  it('learns which features tell two classes apart, not the ones they share', () => {
    // Both classes share feature 0 heavily; only features 1 and 2 separate them.
    const first = [sparse({ 0: 3, 1: 1 }), sparse({ 0: 3, 1: 1, 3: 1 })];
    const second = [sparse({ 0: 3, 2: 1 }), sparse({ 0: 3, 2: 1, 4: 1 })];
    const classifier = new SoftmaxClassifier(8);
    classifier.setClass(0, first, 1);
    classifier.setClass(1, second, 1);
    const before = classifier.probabilities(sparse({ 0: 3, 1: 1 }))[0]!;
    const examples: ClassifierExample[] = [
      ...first.map((input) => ({ label: 0, input })),
      ...second.map((input) => ({ label: 1, input })),
    ];
    expect(classifier.train(examples, TRAINING).epochs).toBe(30);
    const after = classifier.probabilities(sparse({ 0: 3, 1: 1 }))[0]!;
    expect(after).toBeGreaterThan(before + 0.1);
    expect(after).toBeGreaterThan(0.65);
    expect(classifier.probabilities(sparse({ 0: 3, 2: 1 }))[1]).toBeGreaterThan(0.65);
  });

  it('with many classes, trains each example against its closest rivals and still separates them all', () => {
    const classes = 120;
    const classifier = new SoftmaxClassifier(512);
    const examples: ClassifierExample[] = [];
    for (let label = 0; label < classes; label++) {
      // Neighbouring classes share a feature, so centroids alone confuse them.
      const inputs = [sparse({ [label]: 1, [label + 1]: 1.2 }), sparse({ [label]: 1, [label + 200]: 0.5 })];
      classifier.setClass(label, inputs, 1);
      examples.push(...inputs.map((input) => ({ label, input })));
    }
    classifier.train(examples, { ...TRAINING, rivals: 8 });
    const right = examples.filter(({ label, input }) => {
      const probabilities = classifier.probabilities(input);
      return probabilities.indexOf(Math.max(...probabilities)) === label;
    }).length;
    expect(right).toBe(examples.length);
  });

  it('skips training that would exceed its budget, and cleared classes score nothing', () => {
    const classifier = new SoftmaxClassifier(8);
    classifier.setClass(0, [sparse({ 1: 1 })], 1);
    classifier.setClass(1, [sparse({ 2: 1 })], 1);
    expect(classifier.train([{ label: 0, input: sparse({ 1: 1 }) }], { ...TRAINING, budget: 1 }).epochs).toBe(
      0,
    );
    classifier.clear(1);
    const probabilities = classifier.probabilities(sparse({ 2: 1 }));
    expect(probabilities[1]).toBe(0);
    expect(probabilities[0]).toBeCloseTo(1);
  });

  it('costs the rival selection once and the epochs by the rivals, not every class', () => {
    expect(trainingCost(1000, 100, 40, 10)).toBe(10 * 1000 * 100 * 40 * 2);
    const large = trainingCost(1000, 100, 5000, 10, 48);
    expect(large).toBe(1000 * 100 * 5000 + 10 * 1000 * 100 * 49 * 2);
    expect(large).toBeLessThan(10 * 1000 * 100 * 5000 * 2);
  });
});

describe('SoftmaxClassifier rows', () => {
  it('adds feature rows without changing what it learned', () => {
    const classifier = new SoftmaxClassifier(0);
    classifier.ensureFeatures(3);
    expect(classifier.dimensions).toBeGreaterThanOrEqual(3);
    classifier.setClass(0, [sparse({ 0: 1, 1: 1 })], 1);
    classifier.setClass(1, [sparse({ 2: 1 })], 1);
    const before = [...classifier.probabilities(sparse({ 0: 1, 2: 0.5 }))];
    classifier.ensureFeatures(100);
    expect(classifier.dimensions).toBeGreaterThanOrEqual(100);
    expect([...classifier.probabilities(sparse({ 0: 1, 2: 0.5 }))]).toEqual(before);
    // A new row starts at zero and can be trained.
    classifier.train([{ label: 1, input: sparse({ 99: 1 }) }], { ...TRAINING, epochs: 5 });
    expect(classifier.probabilities(sparse({ 99: 1 }))[1]).toBeGreaterThan(0.5);
  });
});
