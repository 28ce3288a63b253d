import { randomUUID } from 'node:crypto';
import {
  createSignalDetector,
  SignalsConfigSchema,
  type SignalSupport,
} from '../../engine/signals/detect-signals.js';
import { createLearnedSignals } from '../../engine/signals/learned/learned-signals.js';
import { trainSignalModelSteps } from '../../engine/signals/learned/train-signal-model.js';
import type { TrainingCase } from '../../eval/signals/signal-training-cases.js';
import { LivedeskError } from '../../knowledge/errors.js';
import type { DeskLabels } from './desk-labels.js';
import { countSignalLabels, deskTrainingCases, type SignalLabelCounts } from './signal-label-counts.js';
import type { SignalModelCatalog } from './signal-model-catalog.js';
import { readSignalSuite, SIGNAL_SUITE_FILES } from './signal-suites.js';
import type { SignalTrainingJob } from './signal-training-job.js';
import type { TestSplitMeasure } from './test-split-measure.js';
import { yieldToViewers, type SignalWorkPace } from './yield-to-viewers.js';
import type { Logger } from '../logging/logger.js';

/** Retraining the signals from the suite's dev split and the desk's labels: one job at a time. */
export interface SignalTrainingService {
  /** What a retrain would learn from. */
  counts(): Promise<SignalLabelCounts>;
  /**
   * Starts in the background; `signals` left out: every signal with enough examples of each class.
   * Throws `conflict` while another job runs (they would compete with viewers for the event loop).
   */
  start(request: { signals?: readonly string[] | undefined; by: string }): Promise<SignalTrainingJob>;
  /** Newest first, this process's jobs (the versions they stored are kept in the database). */
  list(): SignalTrainingJob[];
  get(id: string): SignalTrainingJob | undefined;
  /** Stops a running job and resolves once it has stopped. `not_found`, or `conflict` when not running. */
  cancel(id: string, by: string): Promise<SignalTrainingJob>;
  close(): Promise<void>;
}

export interface SignalTrainingServiceOptions {
  /** Where a training job that crashed is reported; the console without. */
  logger?: Logger | undefined;
  /** The server's analysis and intents, without any model: what every model is trained to read with. */
  support: Pick<SignalSupport, 'analyzer' | 'intents'>;
  labels: Pick<DeskLabels, 'list'>;
  catalog: Pick<SignalModelCatalog, 'addTrained'>;
  measure: TestSplitMeasure;
  /** Default: the escalation suite's dev split. */
  readSuite?: () => Promise<TrainingCase[]>;
  /** As `livedesk signals train --min-positives`. Default 8. */
  minPositives?: number;
  clock?: () => Date;
  newId?: () => string;
  pace?: SignalWorkPace;
  /** Finished jobs remembered. */
  maxKeptJobs?: number;
}

/** Messages turned into vectors between two pauses. */
const BATCH = 8;

function failureMessage(error: unknown, logger: Logger | undefined): string {
  if (error instanceof LivedeskError) return `${error.code}: ${error.message}`;
  if (logger) logger.error({ error }, 'signal training failed');
  else console.error('signal training failed', error);
  return 'internal error';
}

export function createSignalTrainingService(options: SignalTrainingServiceOptions): SignalTrainingService {
  const clock = options.clock ?? (() => new Date());
  const newId = options.newId ?? randomUUID;
  const pace = options.pace ?? yieldToViewers;
  const minPositives = options.minPositives ?? 8;
  const readSuite = options.readSuite ?? (() => readSignalSuite('dev'));
  const jobs: SignalTrainingJob[] = [];
  let active: { id: string; controller: AbortController; finished: Promise<void> } | undefined;

  const gather = async () => {
    const [suite, desk] = await Promise.all([readSuite(), options.labels.list()]);
    const counts = countSignalLabels({ suiteFile: SIGNAL_SUITE_FILES.dev, suite, desk, minPositives });
    return { suite, desk, counts };
  };

  /** Fills in `job` as it goes; resolves what it ended as. */
  const train = async (job: SignalTrainingJob, signal: AbortSignal): Promise<Partial<SignalTrainingJob>> => {
    const { suite, desk, counts } = await gather();
    const wanted = new Set(job.signals);
    const cases = [...suite, ...deskTrainingCases(desk)];
    const detector = createSignalDetector(SignalsConfigSchema.parse({}), options.support);
    job.phase = 'reading';
    job.progress = { done: 0, total: cases.length };
    const training = [];
    for (const [index, item] of cases.entries()) {
      if (index % BATCH === 0) await pace(signal);
      training.push({
        ...detector.examine(item.text),
        labels: new Map([...item.labels].filter(([name]) => wanted.has(name))),
      });
      job.progress = { done: index + 1, total: cases.length };
    }
    job.phase = 'training';
    const kept = desk.length - counts.desk.marked;
    const steps = trainSignalModelSteps({
      training,
      minPositives,
      // As the CLI without --dev: thresholds by five-fold cross-validation; the test split stays unseen.
      sources: [
        `${SIGNAL_SUITE_FILES.dev} (${suite.length} lines)`,
        `desk labels (${desk.length}: ${kept} kept, ${counts.desk.marked} marked not to escalate)`,
      ],
      createdAt: clock().toISOString(),
    });
    let step = steps.next();
    while (!step.done) {
      job.signal = step.value.signal;
      job.progress = { done: step.value.signalIndex, total: step.value.signalCount };
      await pace(signal);
      step = steps.next();
    }
    const result = step.value;
    if (!result.ok) return { status: 'failed', problems: result.problems, error: 'no model was made' };
    job.phase = 'measuring';
    job.signal = null;
    const testSplit = await options.measure.measure(createLearnedSignals(result.model), signal);
    if (signal.aborted) throw new LivedeskError('aborted', 'cancelled');
    const stored = await options.catalog.addTrained(result.model, { by: job.startedBy, testSplit });
    return { status: 'done', version: stored.version };
  };

  const run = async (job: SignalTrainingJob, controller: AbortController) => {
    let outcome: Partial<SignalTrainingJob>;
    try {
      outcome = await train(job, controller.signal);
    } catch (error) {
      const reason: unknown = controller.signal.reason;
      outcome = controller.signal.aborted
        ? { status: 'cancelled', error: reason instanceof LivedeskError ? reason.message : 'cancelled' }
        : { status: 'failed', error: failureMessage(error, options.logger) };
    }
    Object.assign(job, outcome, { phase: null, signal: null, finishedAt: clock().toISOString() });
  };

  return {
    async counts() {
      return (await gather()).counts;
    },
    async start(request) {
      if (active)
        throw new LivedeskError(
          'conflict',
          `signal training ${active.id} is still running: wait or cancel it`,
        );
      const controller = new AbortController();
      const id = newId();
      const job: SignalTrainingJob = {
        id,
        status: 'running',
        phase: 'reading',
        progress: { done: 0, total: 0 },
        signal: null,
        signals: [],
        startedBy: request.by,
        startedAt: clock().toISOString(),
        finishedAt: null,
        problems: [],
        error: null,
        version: null,
      };
      // Claimed before the first await, so a second request at the same moment is refused.
      let settle!: () => void;
      const claimed = { id, controller, finished: new Promise<void>((resolve) => (settle = resolve)) };
      active = claimed;
      try {
        job.signals = request.signals?.length
          ? [...new Set(request.signals)].sort()
          : (await gather()).counts.signals.filter((count) => count.enough).map((count) => count.signal);
      } catch (error) {
        active = undefined;
        settle();
        throw error;
      }
      jobs.unshift(job);
      jobs.splice(options.maxKeptJobs ?? 20);
      void run(job, controller).finally(() => {
        if (active === claimed) active = undefined;
        settle();
      });
      return structuredClone(job);
    },
    list: () => jobs.map((job) => structuredClone(job)),
    get(id) {
      const job = jobs.find((candidate) => candidate.id === id);
      return job && structuredClone(job);
    },
    async cancel(id, by) {
      const job = jobs.find((candidate) => candidate.id === id);
      if (!job) throw new LivedeskError('not_found', `no signal training ${id}`);
      if (!active || active.id !== id)
        throw new LivedeskError('conflict', `signal training ${id} is ${job.status}`);
      active.controller.abort(new LivedeskError('aborted', `cancelled by ${by}`));
      await active.finished;
      return structuredClone(job);
    },
    async close() {
      const running = active;
      if (!running) return;
      running.controller.abort(new LivedeskError('aborted', 'cancelled: the server shut down'));
      await running.finished;
    },
  };
}
