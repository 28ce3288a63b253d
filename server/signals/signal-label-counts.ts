import { deskLabelTargets, type DeskLabel } from '../../engine/signals/learning/desk-label.js';
import type { TrainingCase } from '../../eval/signals/signal-training-cases.js';

interface Tally {
  positives: number;
  negatives: number;
}

export interface SignalLabelCount {
  signal: string;
  suite: Tally;
  desk: Tally;
  /** At least `minPositives` positive and as many negative examples in all: the trainer will take it. */
  enough: boolean;
}

export interface SignalLabelCounts {
  suite: { file: string; lines: number };
  desk: { labels: number; marked: number };
  minPositives: number;
  signals: SignalLabelCount[];
}

/** Desk labels as training lines: the masked words, each fired signal kept (true) or marked wrong (false). */
export function deskTrainingCases(labels: readonly DeskLabel[]): TrainingCase[] {
  return labels.map((label) => ({ text: label.text, labels: deskLabelTargets(label) }));
}

/** What a retrain would learn from, per signal: the suite's dev lines and the desk's labels. */
export function countSignalLabels(input: {
  suiteFile: string;
  suite: readonly TrainingCase[];
  desk: readonly DeskLabel[];
  minPositives: number;
}): SignalLabelCounts {
  const tallies = new Map<string, { suite: Tally; desk: Tally }>();
  const add = (cases: readonly TrainingCase[], source: 'suite' | 'desk') => {
    for (const item of cases) {
      for (const [signal, label] of item.labels) {
        const tally = tallies.get(signal) ?? {
          suite: { positives: 0, negatives: 0 },
          desk: { positives: 0, negatives: 0 },
        };
        tally[source][label ? 'positives' : 'negatives'] += 1;
        tallies.set(signal, tally);
      }
    }
  };
  add(input.suite, 'suite');
  add(deskTrainingCases(input.desk), 'desk');
  return {
    suite: { file: input.suiteFile, lines: input.suite.length },
    desk: { labels: input.desk.length, marked: input.desk.filter((label) => label.marks.length > 0).length },
    minPositives: input.minPositives,
    signals: [...tallies]
      .sort(([first], [second]) => first.localeCompare(second))
      .map(([signal, tally]) => ({
        signal,
        ...tally,
        enough:
          tally.suite.positives + tally.desk.positives >= input.minPositives &&
          tally.suite.negatives + tally.desk.negatives >= input.minPositives,
      })),
  };
}
