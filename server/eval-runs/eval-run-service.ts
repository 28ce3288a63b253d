import { randomUUID } from 'node:crypto';
import type { PolicyPresetName } from '../../eval/escalation/turn-verdict.js';
import { DEFAULT_WRONG_ANSWER_COST } from '../../eval/answer-objective.js';
import type { EvalCase } from '../../eval/eval-case.js';
import { renderHtmlReport } from '../../eval/render-html-report.js';
import type { QuestionAnswerer } from '../../eval/run-eval-cases.js';
import { LivedeskError } from '../../knowledge/errors.js';
import type { MatcherConfig } from '../../knowledge/matching/matcher-config.js';
import type { EvalRunFiles } from './eval-run-files.js';
import {
  StoredEvalReportSchema,
  summarizeRun,
  type EvalRunRecord,
  type EvalRunSource,
  type EvalRunSummary,
} from './eval-run-record.js';
import { EVAL_SUITE_FILES } from './eval-suites.js';
import type { SignalSupport } from '../../engine/signals/detect-signals.js';
import { questionsAsked, runLiveEval, type EvalPace } from './run-live-eval.js';
import type { LiveEvalLabels } from './score-live-eval.js';
import type { Logger } from '../logging/logger.js';

export interface StartEvalRun {
  source: EvalRunSource;
  /** Already validated (eval/eval-case.ts). */
  cases: readonly EvalCase[];
  createdBy: string;
}

/** Eval runs for the knowledge admin: one at a time, in the background, kept on disk when finished. */
export interface EvalRunService {
  /** Throws `conflict` while another run is going: runs compete with viewers for the same matcher. */
  start(request: StartEvalRun): Promise<EvalRunSummary>;
  /** Newest first. */
  list(): Promise<EvalRunSummary[]>;
  get(id: string): Promise<EvalRunRecord | undefined>;
  /** The self-contained HTML report of a finished run; undefined when there is none. */
  reportHtml(id: string): Promise<string | undefined>;
  /** Stops a running run and resolves once it has stopped. `not_found`, or `conflict` when it is not running. */
  cancel(id: string, by: string): Promise<EvalRunRecord>;
  /** Cancels the running run, if any, and waits for it to be recorded. */
  close(): Promise<void>;
}

export interface EvalRunServiceOptions {
  files: EvalRunFiles;
  /** The server's live knowledge base. */
  knowledgeBase: QuestionAnswerer;
  /** The matcher settings the knowledge base runs with (for the report's thresholds and curve). */
  matcherConfig: () => Promise<MatcherConfig>;
  /** The escalation preset the server runs with. */
  policy: PolicyPresetName;
  /** The signals' language support and trained model the server runs with, so a run judges turns as viewers' are. */
  signals?: SignalSupport | undefined;
  labels: Omit<LiveEvalLabels, 'cases'>;
  clock?: () => Date;
  newId?: () => string;
  pace?: EvalPace;
  /** Finished runs kept; older ones are deleted. */
  maxKeptRuns?: number;
  wrongAnswerCost?: number;
  missesKept?: number;
  /** Where failures nobody is waiting for go (a run that crashed, a file not saved); the console without. */
  logger?: Logger | undefined;
}

interface ActiveRun {
  id: string;
  controller: AbortController;
  finished: Promise<void>;
}

const newestFirst = (a: EvalRunRecord, b: EvalRunRecord) =>
  b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id);

function casesLabel(source: EvalRunSource): string {
  return source.kind === 'suite' ? EVAL_SUITE_FILES[source.suite] : 'posted cases';
}

function failureMessage(error: unknown, logError: LogError): string {
  if (error instanceof LivedeskError) return `${error.code}: ${error.message}`;
  logError('eval run failed', { error });
  return 'internal error';
}

type LogError = (message: string, fields: Record<string, unknown>) => void;

export function createEvalRunService(options: EvalRunServiceOptions): EvalRunService {
  const { logger } = options;
  const logError: LogError = logger
    ? (message, fields) => logger.error(fields, message)
    : (message, fields) => console.error(message, fields);
  const { files } = options;
  const clock = options.clock ?? (() => new Date());
  const newId = options.newId ?? randomUUID;
  const maxKeptRuns = options.maxKeptRuns ?? 50;
  const runs = new Map<string, EvalRunRecord>();
  let active: ActiveRun | undefined;
  let loading: Promise<void> | undefined;

  // A run left "running" on disk was cut short when the server stopped.
  const load = () =>
    (loading ??= (async () => {
      for (const record of await files.loadAll()) {
        if (record.status === 'running') {
          record.status = 'failed';
          record.error = 'the server stopped before the run finished';
          record.finishedAt = clock().toISOString();
          await files.save(record);
        }
        runs.set(record.id, record);
      }
    })().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));

  /** Removes the oldest finished runs past the limit; `justFinished` counts as finished already. */
  const prune = async (justFinished?: EvalRunRecord) => {
    const finished = [...runs.values()]
      .map((record) => (record.id === justFinished?.id ? justFinished : record))
      .filter((record) => record.status !== 'running')
      .sort(newestFirst);
    for (const record of finished.slice(maxKeptRuns)) {
      runs.delete(record.id);
      await files.remove(record.id);
    }
  };

  /** What a run ended as: its report, or why it has none. */
  const conclude = async (
    record: EvalRunRecord,
    cases: readonly EvalCase[],
    controller: AbortController,
  ): Promise<Pick<EvalRunRecord, 'status' | 'error' | 'report'>> => {
    try {
      const report = await runLiveEval({
        knowledgeBase: options.knowledgeBase,
        cases,
        matcherConfig: await options.matcherConfig(),
        policy: options.policy,
        signals: options.signals,
        labels: { ...options.labels, cases: casesLabel(record.source) },
        wrongAnswerCost: options.wrongAnswerCost ?? DEFAULT_WRONG_ANSWER_COST,
        missesKept: options.missesKept ?? 20,
        signal: controller.signal,
        onProgress: (asked, total) => {
          record.progress = { asked, total };
        },
        pace: options.pace,
        now: clock,
      });
      await files.saveHtml(record.id, renderHtmlReport(report));
      // Kept in the form it is served and read back in.
      const stored = StoredEvalReportSchema.parse(JSON.parse(JSON.stringify(report)));
      return { status: 'done', error: null, report: stored };
    } catch (error) {
      if (!controller.signal.aborted)
        return { status: 'failed', error: failureMessage(error, logError), report: null };
      const reason: unknown = controller.signal.reason;
      return {
        status: 'cancelled',
        error: reason instanceof LivedeskError ? reason.message : 'cancelled',
        report: null,
      };
    }
  };

  /**
   * Runs to the end, then shows the outcome and frees the slot in one step: a client that sees the run
   * finished can start the next one at once.
   */
  const execute = async (
    record: EvalRunRecord,
    cases: readonly EvalCase[],
    controller: AbortController,
    release: () => void,
  ) => {
    const outcome = await conclude(record, cases, controller);
    const finished: EvalRunRecord = { ...record, ...outcome, finishedAt: clock().toISOString() };
    try {
      await files.save(finished);
    } catch (error) {
      logError('eval run not saved', { id: record.id, error });
    }
    // Pruned before the outcome shows, so whoever sees this run finished also sees the old ones gone.
    await prune(finished).catch((error: unknown) => logError('old eval runs not removed', { error }));
    Object.assign(record, finished);
    release();
  };

  return {
    async start(request) {
      await load();
      if (active) {
        throw new LivedeskError(
          'conflict',
          `eval run ${active.id} is still running: wait for it to finish or cancel it`,
        );
      }
      const record: EvalRunRecord = {
        id: newId(),
        status: 'running',
        source: request.source,
        cases: request.cases.length,
        createdBy: request.createdBy,
        createdAt: clock().toISOString(),
        finishedAt: null,
        progress: { asked: 0, total: questionsAsked(request.cases.length) },
        error: null,
        report: null,
      };
      // Claimed before the first await, so a second request at the same moment sees it.
      const controller = new AbortController();
      let settle!: () => void;
      const claimed: ActiveRun = {
        id: record.id,
        controller,
        finished: new Promise<void>((resolve) => {
          settle = resolve;
        }),
      };
      active = claimed;
      runs.set(record.id, record);
      try {
        await files.save(record);
      } catch (error) {
        runs.delete(record.id);
        active = undefined;
        settle();
        throw error;
      }
      // Guarded: called again after a failure, it must not free a later run's slot.
      const release = () => {
        if (active === claimed) active = undefined;
        settle();
      };
      void execute(record, request.cases, controller, release)
        .catch((error: unknown) => logError('eval run failed', { id: record.id, error }))
        .finally(release);
      return summarizeRun(structuredClone(record));
    },
    async list() {
      await load();
      return [...runs.values()].sort(newestFirst).map((record) => summarizeRun(structuredClone(record)));
    },
    async get(id) {
      await load();
      const record = runs.get(id);
      return record && structuredClone(record);
    },
    async reportHtml(id) {
      await load();
      return runs.get(id)?.status === 'done' ? files.readHtml(id) : undefined;
    },
    async cancel(id, by) {
      await load();
      const record = runs.get(id);
      if (!record) throw new LivedeskError('not_found', `no eval run ${id}`);
      if (!active || active.id !== id)
        throw new LivedeskError('conflict', `eval run ${id} is ${record.status}`);
      active.controller.abort(new LivedeskError('aborted', `cancelled by ${by}`));
      await active.finished;
      return structuredClone(record);
    },
    async close() {
      const running = active;
      if (!running) return;
      running.controller.abort(new LivedeskError('aborted', 'cancelled: the server shut down'));
      await running.finished;
    },
  };
}
