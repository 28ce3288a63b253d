import { decisionFigures } from '../learning/decision-figures.js';
import type { SignalClassifier, SignalModel } from './signal-model.js';
import { SIGNAL_FEATURE_DIMENSIONS, SIGNAL_FEATURE_RECIPE, type SparseVector } from './signal-features.js';
import { DEFAULT_LOGISTIC_OPTIONS, score, trainLogistic, type LogisticOptions } from './train-logistic.js';

/**
 * A labelled message as a vector, with a yes/no label for each signal its source speaks to (`anger`,
 * `human_request`, `sensitive:safety`...): an anger set says nothing about requests for a person.
 */
export interface LabelledExample {
  vector: SparseVector;
  labels: ReadonlyMap<string, boolean>;
  /** What the word lists (without a model) decide for each signal, to weigh the model against. */
  lists?: ReadonlyMap<string, boolean> | undefined;
}

export type LabelledSet = readonly LabelledExample[];

function labelledFor(
  set: LabelledSet,
  signal: string,
): { vectors: SparseVector[]; labels: boolean[]; lists: boolean[] } {
  const vectors: SparseVector[] = [];
  const labels: boolean[] = [];
  const lists: boolean[] = [];
  for (const example of set) {
    const label = example.labels.get(signal);
    if (label === undefined) continue;
    vectors.push(example.vector);
    labels.push(label);
    lists.push(example.lists?.get(signal) ?? false);
  }
  return { vectors, labels, lists };
}

function f1Of(predicted: readonly boolean[], labels: readonly boolean[]): HeldOut & { f1: number } {
  return { threshold: 0, ...decisionFigures(predicted, labels) };
}

/** The best threshold when the model's finds are added to the lists' (which it cannot take away). */
function bestUnionThreshold(
  probabilities: readonly number[],
  labels: readonly boolean[],
  lists: readonly boolean[],
): HeldOut {
  const candidates = [...new Set(probabilities)].sort((first, second) => second - first);
  let best: HeldOut = { ...f1Of(lists, labels), threshold: 1 };
  // Every 1/200th of the ranking is enough to find the best cut, and bounds the work on large sets.
  const step = Math.max(1, Math.floor(candidates.length / 200));
  for (let index = 0; index < candidates.length; index += step) {
    const threshold = candidates[index]!;
    const result = f1Of(
      probabilities.map((probability, example) => lists[example]! || probability >= threshold),
      labels,
    );
    if (result.f1 > best.f1) best = { ...result, threshold };
  }
  return best;
}

export interface TrainSignalModelInput {
  training: LabelledSet;
  /** Held out to choose each threshold; without it, five-fold cross-validation on `training`. */
  dev?: LabelledSet | undefined;
  /** A signal with fewer positive examples than this is refused, not trained. */
  minPositives: number;
  sources: readonly string[];
  createdAt: string;
  /** Fixed settings instead of choosing among CANDIDATE_SETTINGS. */
  logistic?: Partial<LogisticOptions>;
}

export type TrainSignalModelResult =
  { ok: true; model: SignalModel; skipped: string[] } | { ok: false; problems: string[] };

const FOLDS = 5;

/**
 * The settings tried for each signal, the one with the best held-out F1 kept. Chosen on the dev splits of
 * the anger sets and the escalation suite (docs/benchmarks.md): strong L2 for large, noisy sets, scaling by
 * log-count ratios for small, tidy ones, and light regularisation with balanced classes for short suites.
 */
export const CANDIDATE_SETTINGS: readonly Partial<LogisticOptions>[] = [
  { learningRate: 0.1, positiveWeight: 1, l2: 0.03 },
  { learningRate: 0.1, positiveWeight: 1, l2: 0.01 },
  { learningRate: 0.1, positiveWeight: 1, l2: 0.003, naiveBayesScaling: true },
  { learningRate: 0.4, positiveWeight: 'balanced', l2: 1e-5 },
];
/** Weights this small change no decision; leaving them out keeps the file small. */
const PRUNE_BELOW = 1e-4;

interface HeldOut {
  threshold: number;
  precision: number;
  recall: number;
  f1: number;
}

/** The threshold with the best F1 on held-out probabilities (ties: the higher, fewer false alarms). */
export function bestF1Threshold(probabilities: readonly number[], labels: readonly boolean[]): HeldOut {
  const positives = labels.filter(Boolean).length;
  const ranked = probabilities.map((probability, index) => ({ probability, label: labels[index]! }));
  ranked.sort((first, second) => second.probability - first.probability);
  let best: HeldOut = { threshold: 1, precision: 0, recall: 0, f1: 0 };
  let truePositives = 0;
  for (let index = 0; index < ranked.length; index++) {
    if (ranked[index]!.label) truePositives += 1;
    const next = ranked[index + 1];
    if (next && next.probability === ranked[index]!.probability) continue;
    const predicted = index + 1;
    const precision = truePositives / predicted;
    const recall = positives === 0 ? 0 : truePositives / positives;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    if (f1 > best.f1) best = { threshold: ranked[index]!.probability, precision, recall, f1 };
  }
  return best;
}

function toClassifier(
  weights: Float64Array,
  bias: number,
  heldOut: HeldOut,
  training: {
    examples: number;
    positives: number;
    source: 'dev' | 'cross-validation';
    combine: 'replace' | 'union';
    listsF1: number;
  },
): SignalClassifier {
  const sparse: [number, number][] = [];
  weights.forEach((weight, bucket) => {
    if (Math.abs(weight) >= PRUNE_BELOW) sparse.push([bucket, Number(weight.toPrecision(5))]);
  });
  return {
    bias: Number(bias.toPrecision(6)),
    weights: sparse,
    threshold: Number(heldOut.threshold.toFixed(6)),
    combine: training.combine,
    training: {
      examples: training.examples,
      positives: training.positives,
      heldOut: {
        source: training.source,
        precision: heldOut.precision,
        recall: heldOut.recall,
        f1: heldOut.f1,
        listsF1: training.listsF1,
      },
    },
  };
}

/**
 * One logistic classifier per signal that has enough positive examples, each with the threshold that
 * gave the best F1 on held-out data (the dev set, or the folds of the training set). Pure: the caller
 * turns texts into vectors (signalFeatureVector) and writes the model.
 */
export function trainSignalModel(input: TrainSignalModelInput): TrainSignalModelResult {
  const steps = trainSignalModelSteps(input);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Where a stepwise training run is: the signal being fitted, counted from 0. */
export interface TrainingStep {
  signal: string;
  signalIndex: number;
  signalCount: number;
}

/**
 * trainSignalModel one logistic fit at a time: it yields after each fit, so a server can give the event
 * loop back to viewers between fits (and stop early) while training the very same model.
 */
export function* trainSignalModelSteps(
  input: TrainSignalModelInput,
): Generator<TrainingStep, TrainSignalModelResult, void> {
  const options: LogisticOptions = { ...DEFAULT_LOGISTIC_OPTIONS, ...input.logistic };
  const problems: string[] = [];
  const skipped: string[] = [];
  const classifiers: Record<string, SignalClassifier> = {};
  const signals = [...new Set(input.training.flatMap((example) => [...example.labels.keys()]))].sort();
  for (const [signalIndex, signal] of signals.entries()) {
    const step: TrainingStep = { signal, signalIndex, signalCount: signals.length };
    const training = labelledFor(input.training, signal);
    const labels = training.labels;
    const positives = labels.filter(Boolean).length;
    if (positives === 0) {
      skipped.push(`${signal}: no positive examples`);
      continue;
    }
    if (positives < input.minPositives || labels.length - positives < input.minPositives) {
      problems.push(
        `${signal}: ${positives} positive and ${labels.length - positives} negative example(s); at least ${input.minPositives} of each are needed`,
      );
      continue;
    }
    const dev = input.dev ? labelledFor(input.dev, signal) : undefined;
    const useDev = dev !== undefined && dev.labels.some(Boolean);
    const source: 'dev' | 'cross-validation' = useDev ? 'dev' : 'cross-validation';
    const evaluationLabels = useDev ? dev.labels : labels;
    const evaluationLists = useDev ? dev.lists : training.lists;
    /** Held-out probabilities: on dev, or out of fold. */
    const heldOutProbabilities = function* (settings: LogisticOptions): Generator<TrainingStep, number[]> {
      if (useDev) {
        const model = trainLogistic(training.vectors, labels, settings);
        yield step;
        return dev.vectors.map((vector) => score(model, vector));
      }
      const outOfFold = new Array<number>(labels.length).fill(0);
      for (let fold = 0; fold < FOLDS; fold++) {
        const inFold = (index: number) => index % FOLDS === fold;
        const trainIndexes = labels.map((_, index) => index).filter((index) => !inFold(index));
        const model = trainLogistic(
          trainIndexes.map((index) => training.vectors[index]!),
          trainIndexes.map((index) => labels[index]!),
          settings,
        );
        labels.forEach((_, index) => {
          if (inFold(index)) outOfFold[index] = score(model, training.vectors[index]!);
        });
        yield step;
      }
      return outOfFold;
    };
    const candidates = input.logistic
      ? [options]
      : CANDIDATE_SETTINGS.map((settings) => ({ ...DEFAULT_LOGISTIC_OPTIONS, ...settings }));
    let chosen = candidates[0]!;
    let heldOut: HeldOut = { threshold: 1, precision: 0, recall: 0, f1: -1 };
    let combine: 'replace' | 'union' = 'replace';
    for (const candidate of candidates) {
      const probabilities = yield* heldOutProbabilities(candidate);
      const alone = bestF1Threshold(probabilities, evaluationLabels);
      const together = bestUnionThreshold(probabilities, evaluationLabels, evaluationLists);
      if (alone.f1 > heldOut.f1) [chosen, heldOut, combine] = [candidate, alone, 'replace'];
      if (together.f1 > heldOut.f1) [chosen, heldOut, combine] = [candidate, together, 'union'];
    }
    const listsF1 = f1Of(evaluationLists, evaluationLabels).f1;
    const final = trainLogistic(training.vectors, labels, chosen);
    yield step;
    classifiers[signal] = toClassifier(final.weights, final.bias, heldOut, {
      examples: labels.length,
      positives,
      source,
      combine,
      listsF1,
    });
  }
  if (problems.length > 0) return { ok: false, problems };
  if (Object.keys(classifiers).length === 0)
    return { ok: false, problems: ['no signal had labelled positive examples to learn from', ...skipped] };
  return {
    ok: true,
    skipped,
    model: {
      format: 'livedesk-signal-model',
      version: 1,
      createdAt: input.createdAt,
      featureSpace: {
        dimensions: options.dimensions ?? SIGNAL_FEATURE_DIMENSIONS,
        recipe: SIGNAL_FEATURE_RECIPE,
      },
      sources: [...input.sources],
      classifiers,
    },
  };
}
