import { PrototypeMatrix } from './prototype-matrix.js';
import { topSlots } from './top-slots.js';

/** A sparse input: the non-zero dimensions of a feature vector and their values. */
export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

export interface ClassifierExample {
  label: number;
  input: SparseVector;
}

export interface SoftmaxTrainingOptions {
  epochs: number;
  learningRate: number;
  /** L2 pull of every weight toward zero per epoch, keeping rare features from dominating. */
  l2: number;
  /** Multiply-adds allowed in all; epochs past it are skipped (very large knowledge bases). */
  budget: number;
  /** Examples visited in this order each epoch, shuffled by this seed so results are reproducible. */
  seed?: number;
  /**
   * Beyond this many classes each example competes only with its closest rivals (chosen once, from the
   * starting weights): the rest hold almost no probability, and scoring them all is most of the cost.
   */
  rivals?: number;
}

/** The training cost in multiply-adds, for budgeting before anything is built. */
export function trainingCost(
  examples: number,
  meanNonZero: number,
  classes: number,
  epochs: number,
  rivals = DEFAULT_RIVALS,
): number {
  const competing = Math.min(classes, rivals + 1);
  const selection = classes > competing ? examples * meanNonZero * classes : 0;
  return selection + epochs * examples * meanNonZero * competing * 2;
}

const DEFAULT_RIVALS = 48;
const EXAMPLES_PER_STEP = 500;

/** The non-zero dimensions of a dense vector. */
export function toSparse(dense: Float32Array): SparseVector {
  let count = 0;
  for (const value of dense) if (value !== 0) count++;
  const indices = new Int32Array(count);
  const values = new Float32Array(count);
  let position = 0;
  for (let index = 0; index < dense.length; index++) {
    const value = dense[index]!;
    if (value === 0) continue;
    indices[position] = index;
    values[position++] = value;
  }
  return { indices, values };
}

/**
 * Multinomial logistic regression over hashed features: one weight column per knowledge entry, trained
 * on the entry's phrasings with cross-entropy, so the features that tell entries apart weigh more than
 * those every entry shares. Weights are stored dimension-major so scoring touches only the question's
 * non-zero dimensions.
 */
export class SoftmaxClassifier extends PrototypeMatrix {
  get classCount(): number {
    return this.slotCount;
  }

  /**
   * Makes room for inputs with feature indices below `count` (new rows weigh nothing yet), growing no
   * further than `limit` rows (see FeatureRows, which keeps `count` within it).
   */
  ensureFeatures(count: number, limit?: number): void {
    this.growRows(count, limit);
  }

  /** Opens a class with its weights at `scale` times the mean of its inputs (a centroid start). */
  setClass(label: number, inputs: readonly SparseVector[], scale: number): void {
    this.set(label, new Float32Array(0));
    if (inputs.length === 0) return;
    const share = scale / inputs.length;
    for (const input of inputs) this.addSparse(label, input, share);
  }

  /** Raw scores of every class; inactive classes score -Infinity. */
  logits(input: SparseVector, into?: Float32Array): Float32Array {
    const classes = this.active.length;
    const scores = into && into.length >= classes ? into.fill(0, 0, classes) : new Float32Array(classes);
    const { weights, capacity } = this;
    for (let position = 0; position < input.indices.length; position++) {
      const value = input.values[position]!;
      const offset = input.indices[position]! * capacity;
      for (let label = 0; label < classes; label++) scores[label]! += value * weights[offset + label]!;
    }
    for (let label = 0; label < classes; label++)
      if (!this.active[label]) scores[label] = Number.NEGATIVE_INFINITY;
    return scores;
  }

  /** Class probabilities (softmax of the logits), written over the logits array. */
  probabilities(input: SparseVector, into?: Float32Array): Float32Array {
    return softmaxInPlace(this.logits(input, into), this.active.length);
  }

  /**
   * Stochastic gradient descent on cross-entropy over the given examples (some classes' only, for an
   * incremental update), while every active class competes in the softmax. Classes must not be added
   * or removed while a training from `epochs` is in flight (the knowledge base indexes one change at a
   * time).
   */
  train(examples: readonly ClassifierExample[], options: SoftmaxTrainingOptions): { epochs: number } {
    let epochs = 0;
    for (const epoch of this.epochs(examples, options)) epochs = epoch + 1;
    return { epochs };
  }

  /**
   * Training in steps (each yields the epoch it is in), so a caller can give the event loop a turn
   * between them: a few hundred entries take a second or more in all.
   */
  *epochs(examples: readonly ClassifierExample[], options: SoftmaxTrainingOptions): Generator<number> {
    if (examples.length === 0 || options.epochs === 0) return;
    const classes = this.active.length;
    const meanNonZero = Math.max(
      1,
      examples.reduce((total, example) => total + example.input.indices.length, 0) / examples.length,
    );
    const rivals = options.rivals ?? DEFAULT_RIVALS;
    const fixedCost = trainingCost(examples.length, meanNonZero, classes, 0, rivals);
    const epochCost = trainingCost(examples.length, meanNonZero, classes, 1, rivals) - fixedCost;
    const epochs = Math.min(
      options.epochs,
      Math.floor((options.budget - fixedCost) / Math.max(1, epochCost)),
    );
    if (epochs <= 0) return;
    const competitors = classes > rivals + 1 ? this.closestRivals(examples, rivals) : undefined;
    const order = examples.map((_, index) => index);
    let seed = options.seed ?? 1;
    const random = (): number => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return seed / 4294967296;
    };
    const scores = new Float32Array(classes);
    const local = new Float32Array(rivals + 1);
    for (let epoch = 0; epoch < epochs; epoch++) {
      for (let index = order.length - 1; index > 0; index--) {
        const other = Math.floor(random() * (index + 1));
        [order[index], order[other]] = [order[other]!, order[index]!];
      }
      const rate = options.learningRate / (1 + epoch * 0.5);
      for (let visited = 0; visited < order.length; visited++) {
        // A turn for the caller every so many examples keeps each step to tens of milliseconds.
        if (visited > 0 && visited % EXAMPLES_PER_STEP === 0) yield epoch;
        const exampleIndex = order[visited]!;
        const example = examples[exampleIndex]!;
        const subset = competitors?.[exampleIndex];
        if (subset) this.stepOnSubset(example, subset, local, rate);
        else this.stepOnAll(example, scores, rate);
      }
      if (options.l2 > 0) {
        const decay = 1 - rate * options.l2;
        const weights = this.weights;
        for (let position = 0; position < weights.length; position++) weights[position]! *= decay;
      }
      yield epoch;
    }
  }

  private stepOnAll({ label, input }: ClassifierExample, scores: Float32Array, rate: number): void {
    const classes = this.active.length;
    this.probabilities(input, scores);
    scores[label]! -= 1;
    const { weights, capacity } = this;
    for (let position = 0; position < input.indices.length; position++) {
      const step = rate * input.values[position]!;
      const offset = input.indices[position]! * capacity;
      for (let target = 0; target < classes; target++) {
        const gradient = scores[target]!;
        // Classes with almost no probability would not move: skipping them is most of the saving.
        if (gradient > 1e-4 || gradient < -1e-4) weights[offset + target]! -= step * gradient;
      }
    }
  }

  /** One step where only `subset` (the label first) competes in the softmax. */
  private stepOnSubset(
    { input }: ClassifierExample,
    subset: Int32Array,
    local: Float32Array,
    rate: number,
  ): void {
    const { weights, capacity } = this;
    local.fill(0);
    for (let position = 0; position < input.indices.length; position++) {
      const value = input.values[position]!;
      const offset = input.indices[position]! * capacity;
      for (let member = 0; member < subset.length; member++)
        local[member]! += value * weights[offset + subset[member]!]!;
    }
    softmaxInPlace(local, subset.length);
    local[0]! -= 1;
    for (let position = 0; position < input.indices.length; position++) {
      const step = rate * input.values[position]!;
      const offset = input.indices[position]! * capacity;
      for (let member = 0; member < subset.length; member++)
        weights[offset + subset[member]!]! -= step * local[member]!;
    }
  }

  /** Per example: its label, then the `count` other active classes scoring highest on it now. */
  private closestRivals(examples: readonly ClassifierExample[], count: number): Int32Array[] {
    const scores = new Float32Array(this.active.length);
    return examples.map(({ label, input }) => {
      this.logits(input, scores);
      scores[label] = Number.NEGATIVE_INFINITY;
      // Fewer active rivals than asked for: the subset is only as long as what there is.
      const rivals = topSlots(scores, count);
      const subset = new Int32Array(rivals.length + 1);
      subset[0] = label;
      rivals.forEach((rival, index) => (subset[index + 1] = rival));
      return subset;
    });
  }

  private addSparse(label: number, input: SparseVector, scale: number): void {
    for (let position = 0; position < input.indices.length; position++)
      this.weights[input.indices[position]! * this.capacity + label]! += scale * input.values[position]!;
  }
}

/** Softmax over the first `count` values, in place; -Infinity becomes 0. */
export function softmaxInPlace(values: Float32Array, count = values.length): Float32Array {
  let maximum = Number.NEGATIVE_INFINITY;
  for (let index = 0; index < count; index++) if (values[index]! > maximum) maximum = values[index]!;
  if (maximum === Number.NEGATIVE_INFINITY) return values.fill(0, 0, count);
  let total = 0;
  for (let index = 0; index < count; index++) {
    const value = Math.exp(values[index]! - maximum);
    values[index] = value;
    total += value;
  }
  for (let index = 0; index < count; index++) values[index]! /= total;
  return values;
}
