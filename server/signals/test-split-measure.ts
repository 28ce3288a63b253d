import {
  createSignalDetector,
  SignalsConfigSchema,
  type SignalSupport,
} from '../../engine/signals/detect-signals.js';
import type { LearnedSignals } from '../../engine/signals/learned/learned-signals.js';
import { compareDecisions, foundSignals } from '../../engine/signals/learning/decision-figures.js';
import type { TestSplitFigures } from '../../engine/signals/learning/signal-model-version.js';
import type { TrainingCase } from '../../eval/signals/signal-training-cases.js';
import { readSignalSuite, SIGNAL_SUITE_FILES } from './signal-suites.js';
import { yieldToViewers, type SignalWorkPace } from './yield-to-viewers.js';

export interface TestSplitMeasure {
  /** The model's signals on the test split, with the model beside the lists alone; null if it cannot be read. */
  measure(learned: LearnedSignals, signal: AbortSignal): Promise<TestSplitFigures | null>;
}

export interface TestSplitMeasureOptions {
  /** The server's analysis and intents, without any model. */
  support: Pick<SignalSupport, 'analyzer' | 'intents'>;
  /** Default: the escalation suite's test split. */
  readCases?: () => Promise<TrainingCase[]>;
  pace?: SignalWorkPace;
}

/** Messages read between two pauses: a few milliseconds of work each. */
const BATCH = 8;

/**
 * Measures models as the server reads viewers: each test line goes through a detector built as the
 * conversations' is, once with the model and once without (the latter kept, it never changes).
 */
export function createTestSplitMeasure(options: TestSplitMeasureOptions): TestSplitMeasure {
  const config = SignalsConfigSchema.parse({});
  const pace = options.pace ?? yieldToViewers;
  const readCases = options.readCases ?? (() => readSignalSuite('test'));
  let listsAlone: Promise<{ cases: TrainingCase[]; found: Set<string>[] }> | undefined;

  const readAll = async (
    cases: readonly TrainingCase[],
    detect: (text: string) => Set<string>,
    signal: AbortSignal,
  ) => {
    const found: Set<string>[] = [];
    for (const [index, item] of cases.entries()) {
      if (index % BATCH === 0) await pace(signal);
      found.push(detect(item.text));
    }
    return found;
  };
  const detectorFor = (learned: LearnedSignals | undefined) => {
    const detector = createSignalDetector(config, { ...options.support, learned });
    return (text: string) => foundSignals(detector.detect({ text, history: [] }));
  };

  return {
    async measure(learned, signal) {
      let baseline;
      try {
        // Shared by every measurement, so no one caller's cancel may stop it.
        listsAlone ??= readCases().then(async (cases) => ({
          cases,
          found: await readAll(cases, detectorFor(undefined), new AbortController().signal),
        }));
        baseline = await listsAlone;
      } catch (error) {
        listsAlone = undefined;
        console.error('signal test split not measured', error);
        return null;
      }
      const withModel = await readAll(baseline.cases, detectorFor(learned), signal);
      return {
        source: SIGNAL_SUITE_FILES.test,
        cases: baseline.cases.length,
        signals: compareDecisions(
          baseline.cases.map((item, index) => ({
            labels: item.labels,
            withModel: withModel[index]!,
            listsAlone: baseline.found[index]!,
          })),
          learned.signals,
        ),
      };
    },
  };
}
