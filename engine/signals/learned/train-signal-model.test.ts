import { describe, expect, it } from 'vitest';
import { createLearnedSignals } from './learned-signals.js';
import { signalFeatureVector, SIGNAL_FEATURE_RECIPE } from './signal-features.js';
import { SignalModelSchema } from './signal-model.js';
import {
  bestF1Threshold,
  trainSignalModel,
  trainSignalModelSteps,
  type LabelledExample,
} from './train-signal-model.js';

/** A message made of words: the word "angry" (with noise) marks the anger label. */
function example(words: string[], angry: boolean, request?: boolean): LabelledExample {
  const features = new Map(words.map((word) => [`w:${word}`, 1]));
  const labels = new Map<string, boolean>([['anger', angry]]);
  if (request !== undefined) labels.set('human_request', request);
  return { vector: signalFeatureVector({ features }, [], 4096), labels };
}

function corpus(size: number, offset = 0): LabelledExample[] {
  return Array.from({ length: size }, (_, index) => {
    const angry = index % 3 === 0;
    const noise = [`n${(index + offset) % 17}`, `m${(index * 7 + offset) % 13}`];
    return example(angry ? ['furious', ...noise] : ['hello', ...noise], angry);
  });
}

const createdAt = '2026-12-07T00:00:00.000Z';

describe('training a signal model', () => {
  it('learns a separable signal, chooses its threshold out of fold, and the model file validates', () => {
    const result = trainSignalModel({
      training: corpus(60),
      minPositives: 8,
      sources: ['synthetic'],
      createdAt,
      logistic: { dimensions: 4096 },
    });
    if (!result.ok) throw new Error(result.problems.join('; '));
    const model = SignalModelSchema.parse(result.model);
    expect(model.featureSpace).toEqual({ dimensions: 4096, recipe: SIGNAL_FEATURE_RECIPE });
    const anger = model.classifiers.anger!;
    expect(anger.training).toMatchObject({
      examples: 60,
      positives: 20,
      heldOut: { source: 'cross-validation' },
    });
    expect(anger.training.heldOut.f1).toBe(1);

    const learned = createLearnedSignals(model);
    const [angry, calm] = [corpus(3, 5)[0]!, corpus(3, 5)[1]!];
    expect(learned.judge(angry.vector).get('anger')?.present).toBe(true);
    expect(learned.judge(calm.vector).get('anger')?.present).toBe(false);
  });

  it('chooses thresholds on the dev set when one is given', () => {
    const result = trainSignalModel({
      training: corpus(60),
      dev: corpus(30, 3),
      minPositives: 8,
      sources: ['synthetic'],
      createdAt,
      logistic: { dimensions: 4096 },
    });
    expect(result.ok && result.model.classifiers.anger?.training.heldOut.source).toBe('dev');
  });

  it('refuses a signal with too few positive examples instead of guessing', () => {
    const few = [
      ...corpus(30).filter((item) => !item.labels.get('anger')),
      ...corpus(6).filter((item) => item.labels.get('anger')),
    ];
    const result = trainSignalModel({ training: few, minPositives: 8, sources: [], createdAt });
    expect(result).toEqual({
      ok: false,
      problems: [
        expect.stringMatching(
          /^anger: 2 positive and 20 negative example\(s\); at least 8 of each are needed$/,
        ),
      ],
    });
  });

  it('skips a signal nobody labelled positive, and trains the rest', () => {
    const training = corpus(60).map((item, index) => ({
      ...item,
      labels: new Map([...item.labels, ['human_request', false] as const]),
      ...(index < 0 ? {} : {}),
    }));
    const result = trainSignalModel({
      training,
      minPositives: 8,
      sources: [],
      createdAt,
      logistic: { dimensions: 4096 },
    });
    expect(result.ok && Object.keys(result.model.classifiers)).toEqual(['anger']);
    expect(result.ok && result.skipped).toEqual(['human_request: no positive examples']);
  });

  it('refuses to score with a model made by another feature recipe', () => {
    const result = trainSignalModel({
      training: corpus(60),
      minPositives: 8,
      sources: [],
      createdAt,
      logistic: { dimensions: 4096 },
    });
    if (!result.ok) throw new Error('trained');
    expect(() =>
      createLearnedSignals({ ...result.model, featureSpace: { dimensions: 4096, recipe: 'other-v0' } }),
    ).toThrow(/train it again/);
  });

  it('trains the same model one fit at a time, saying which signal it is on', () => {
    const input = {
      training: corpus(60),
      minPositives: 8,
      sources: [],
      createdAt,
      logistic: { dimensions: 4096 },
    };
    const steps = trainSignalModelSteps(input);
    const seen: string[] = [];
    let step = steps.next();
    while (!step.done) {
      seen.push(`${step.value.signal} ${step.value.signalIndex + 1}/${step.value.signalCount}`);
      step = steps.next();
    }
    // Five folds, then the final fit.
    expect(seen).toEqual(Array.from({ length: 6 }, () => 'anger 1/1'));
    expect(step.value).toEqual(trainSignalModel(input));
  });

  it('finds the F1-best threshold, preferring the higher one on a tie', () => {
    expect(bestF1Threshold([0.9, 0.8, 0.3, 0.2], [true, true, false, false])).toMatchObject({
      threshold: 0.8,
      f1: 1,
    });
    expect(bestF1Threshold([0.9, 0.6, 0.5, 0.1], [true, false, true, false]).f1).toBeCloseTo(0.8);
  });
});
