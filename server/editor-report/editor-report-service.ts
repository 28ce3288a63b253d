import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { EditorReport, GapQuestion, SuiteCase } from '../../knowledge/editor-report/index.js';
import { LivedeskError } from '../../knowledge/errors.js';
import type { CallOptions } from '../../knowledge/ports.js';
import type { Logger } from '../logging/logger.js';
import { EMPTY_RECORD, EditorReportRecordSchema, type EditorReportRecord } from './editor-report-record.js';

/** Builds a report over the knowledge base as it is now (a copy: the live matcher is never touched). */
export type ComputeEditorReport = (
  input: {
    suite: { label: string; cases: readonly SuiteCase[] } | undefined;
    gaps: readonly GapQuestion[];
    dismissed: ReadonlySet<string>;
  },
  options: CallOptions,
) => Promise<EditorReport>;

export interface EditorReportService {
  /** Starts a report in the background; `conflict` while one is running. */
  start(by: string): Promise<EditorReportRecord>;
  /** The latest report (or the one running), dismissed suggestions left out. */
  latest(): Promise<EditorReportRecord>;
  /** `not_found` when the latest report has no such suggestion. */
  dismiss(suggestionId: string, by: string): Promise<EditorReportRecord>;
  close(): Promise<void>;
}

export interface EditorReportServiceOptions {
  /** Where the latest report is kept across restarts. */
  file: string;
  compute: ComputeEditorReport;
  /** The knowledge base's own labelled questions; undefined when it has none. */
  suite: () => Promise<{ label: string; cases: readonly SuiteCase[] } | undefined>;
  /** Unanswered questions of the recent past (analytics knowledge gaps), most asked first. */
  gaps: (options: CallOptions) => Promise<GapQuestion[]>;
  clock?: () => Date;
  logger?: Logger | undefined;
}

function withoutDismissed(record: EditorReportRecord): EditorReportRecord {
  if (!record.report || record.dismissed.length === 0) return record;
  const dismissed = new Set(record.dismissed);
  return {
    ...record,
    report: {
      ...record.report,
      suggestions: record.report.suggestions.filter((suggestion) => !dismissed.has(suggestion.id)),
    },
  };
}

/** The knowledge admin's quality report: one at a time, in the background, the latest kept on disk. */
export function createEditorReportService(options: EditorReportServiceOptions): EditorReportService {
  const clock = options.clock ?? (() => new Date());
  const logError = (message: string, error: unknown) =>
    options.logger ? options.logger.error({ error }, message) : console.error(message, error);
  let record: EditorReportRecord = structuredClone(EMPTY_RECORD);
  let loading: Promise<void> | undefined;
  let running: { controller: AbortController; finished: Promise<void> } | undefined;

  const load = () =>
    (loading ??= (async () => {
      let text: string;
      try {
        text = await readFile(options.file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw error;
      }
      const parsed = EditorReportRecordSchema.safeParse(JSON.parse(text));
      if (!parsed.success) {
        options.logger?.warn({ file: options.file }, 'editor report file skipped: not a report');
        return;
      }
      record = parsed.data;
      // Cut short when the server stopped.
      if (record.status === 'running')
        record = { ...record, status: 'failed', error: 'the server stopped before the report finished' };
    })().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));

  // One write at a time, each of the record as it is then: a dismissal may land while a finished run is saved.
  let saving: Promise<void> = Promise.resolve();
  const writeNow = async () => {
    await mkdir(path.dirname(options.file), { recursive: true });
    const temporary = `${options.file}.tmp`;
    await writeFile(temporary, JSON.stringify(record));
    await rename(temporary, options.file);
  };
  const save = () => {
    const write = saving.catch(() => undefined).then(writeNow);
    saving = write;
    return write;
  };

  const execute = async (controller: AbortController) => {
    try {
      const signal = controller.signal;
      const [suite, gaps] = await Promise.all([options.suite(), options.gaps({ signal })]);
      const report = await options.compute({ suite, gaps, dismissed: new Set(record.dismissed) }, { signal });
      record = { ...record, status: 'done', error: null, report, finishedAt: clock().toISOString() };
    } catch (error) {
      const message = controller.signal.aborted
        ? 'cancelled: the server shut down'
        : error instanceof LivedeskError
          ? `${error.code}: ${error.message}`
          : 'internal error';
      if (!controller.signal.aborted && !(error instanceof LivedeskError))
        logError('editor report failed', error);
      record = { ...record, status: 'failed', error: message, finishedAt: clock().toISOString() };
    }
    await save().catch((error: unknown) => logError('editor report not saved', error));
  };

  return {
    async start(by) {
      await load();
      if (running) throw new LivedeskError('conflict', 'a quality report is already running');
      const controller = new AbortController();
      record = {
        ...record,
        status: 'running',
        startedAt: clock().toISOString(),
        finishedAt: null,
        startedBy: by,
        error: null,
      };
      const finished = execute(controller).finally(() => {
        running = undefined;
      });
      running = { controller, finished };
      return withoutDismissed(structuredClone(record));
    },
    async latest() {
      await load();
      return withoutDismissed(structuredClone(record));
    },
    async dismiss(suggestionId, _by) {
      await load();
      const known = record.report?.suggestions.some((suggestion) => suggestion.id === suggestionId) ?? false;
      if (!known || record.dismissed.includes(suggestionId))
        throw new LivedeskError('not_found', `no suggestion ${suggestionId} in the latest report`);
      record = { ...record, dismissed: [...record.dismissed, suggestionId] };
      await save();
      return withoutDismissed(structuredClone(record));
    },
    async close() {
      const active = running;
      if (!active) return;
      active.controller.abort(new LivedeskError('aborted', 'the server shut down'));
      await active.finished;
    },
  };
}
