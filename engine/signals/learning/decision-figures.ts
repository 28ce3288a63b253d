import type { Signals } from '../detect-signals.js';
import type { DecisionFigures, TestSplitFigures } from './signal-model-version.js';

/** The learnable signals a detector found in one message: `anger`, `human_request`, `sensitive:<category>`. */
export function foundSignals(signals: Pick<Signals, 'anger' | 'humanRequest' | 'sensitive'>): Set<string> {
  return new Set([
    ...(signals.anger.detected ? ['anger'] : []),
    ...(signals.humanRequest.detected ? ['human_request'] : []),
    ...signals.sensitive.categories.map((topic) => `sensitive:${topic.category}`),
  ]);
}

export function decisionFigures(predicted: readonly boolean[], labels: readonly boolean[]): DecisionFigures {
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  predicted.forEach((flag, index) => {
    if (flag && labels[index]) truePositives += 1;
    else if (flag) falsePositives += 1;
    else if (labels[index]) falseNegatives += 1;
  });
  const precision =
    truePositives + falsePositives === 0 ? 0 : truePositives / (truePositives + falsePositives);
  const recall = truePositives + falseNegatives === 0 ? 0 : truePositives / (truePositives + falseNegatives);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/** One labelled message and what the server decided of it with the model and with the lists alone. */
export interface JudgedMessage {
  labels: ReadonlyMap<string, boolean>;
  withModel: ReadonlySet<string>;
  listsAlone: ReadonlySet<string>;
}

/** Per signal, the decision with the model beside the lists' alone, over the messages labelled for it. */
export function compareDecisions(
  messages: readonly JudgedMessage[],
  signals: readonly string[],
): TestSplitFigures['signals'] {
  const figures: TestSplitFigures['signals'] = {};
  for (const signal of signals) {
    const labelled = messages.filter((message) => message.labels.has(signal));
    const labels = labelled.map((message) => message.labels.get(signal) === true);
    figures[signal] = {
      examples: labelled.length,
      positives: labels.filter(Boolean).length,
      model: decisionFigures(
        labelled.map((message) => message.withModel.has(signal)),
        labels,
      ),
      lists: decisionFigures(
        labelled.map((message) => message.listsAlone.has(signal)),
        labels,
      ),
    };
  }
  return figures;
}
