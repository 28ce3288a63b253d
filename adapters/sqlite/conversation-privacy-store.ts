import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import {
  FiledReportSchema,
  ReportKeySchema,
  SensitiveMarkSchema,
  type ConversationPrivacyStore,
  type FiledReport,
  type ReportKey,
  type SensitiveMark,
} from '../../server/privacy/conversation-privacy-store.js';
import {
  reportInstantMs,
  VIEWER_REPORT_COLUMNS,
  viewerReportOfRow,
  viewerReportRowValues,
} from '../shared/viewer-report-rows.js';
import { mapSqliteError } from './map-sqlite-error.js';

const RowSchema = z.object({
  conversation_id: z.string(),
  marked_by: z.string(),
  marked_at: z.string(),
  note: z.string(),
});

/** SQLite has at most 32766 bound parameters; lists are read in chunks well below it. */
const CHUNK = 500;

/** Sensitive marks in the shared SQLite file. */
export function createSqliteConversationPrivacyStore(options: {
  database: Database;
}): ConversationPrivacyStore {
  const { database } = options;
  const upsert = database.prepare(
    `INSERT INTO conversation_sensitivity (conversation_id, marked_by, marked_at, note) VALUES (?, ?, ?, ?)
     ON CONFLICT (conversation_id) DO UPDATE SET marked_by = excluded.marked_by, marked_at = excluded.marked_at,
       note = excluded.note`,
  );
  const remove = database.prepare('DELETE FROM conversation_sensitivity WHERE conversation_id = ?');
  const select = database.prepare<[string], unknown>(
    'SELECT * FROM conversation_sensitivity WHERE conversation_id = ?',
  );
  const among = (ids: readonly string[]): Set<string> => {
    const found = new Set<string>();
    for (let index = 0; index < ids.length; index += CHUNK) {
      const chunk = ids.slice(index, index + CHUNK);
      const rows = database
        .prepare<string[], { conversation_id: string }>(
          `SELECT conversation_id FROM conversation_sensitivity WHERE conversation_id IN (${chunk.map(() => '?').join(', ')})`,
        )
        .all(...chunk);
      for (const row of rows) found.add(row.conversation_id);
    }
    return found;
  };
  const removeReports = database.prepare('DELETE FROM viewer_reports WHERE conversation_id = ?');
  const forget = database.transaction((ids: readonly string[]) =>
    ids.reduce((count, id) => {
      removeReports.run(id);
      return count + remove.run(id).changes;
    }, 0),
  );
  // A report filed in the window stays; an older one is replaced by the new filing.
  const insertReport = database.prepare(
    `INSERT INTO viewer_reports (${VIEWER_REPORT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (conversation_id, reporter_viewer_id, reported_user_id) DO UPDATE SET
       ticket_id = excluded.ticket_id, block_requested = excluded.block_requested,
       reported_at_ms = excluded.reported_at_ms, completed = excluded.completed
     WHERE viewer_reports.reported_at_ms < ?`,
  );
  const selectReport = database.prepare<[string, string, string], unknown>(
    `SELECT ${VIEWER_REPORT_COLUMNS} FROM viewer_reports
      WHERE conversation_id = ? AND reporter_viewer_id = ? AND reported_user_id = ?`,
  );
  const completeReport = database.prepare<[string, string, string, string]>(
    `UPDATE viewer_reports SET completed = 1
      WHERE conversation_id = ? AND reporter_viewer_id = ? AND reported_user_id = ? AND ticket_id = ?`,
  );
  const readReport = (key: ReportKey): FiledReport | undefined => {
    const row = selectReport.get(key.conversationId, key.reporterViewerId, key.reportedUserId);
    return row === undefined ? undefined : viewerReportOfRow(row);
  };
  const rememberReport = database.transaction((report: FiledReport, replaceFiledBeforeMs: number) => {
    insertReport.run(...viewerReportRowValues(report, (value) => (value ? 1 : 0)), replaceFiledBeforeMs);
    return readReport(report) ?? report;
  });
  return {
    markSensitive: (mark) =>
      run(() => {
        const parsed = SensitiveMarkSchema.parse(mark);
        upsert.run(parsed.conversationId, parsed.markedBy, parsed.markedAt, parsed.note);
      }),
    clearSensitive: (conversationId) => run(() => remove.run(conversationId).changes > 0),
    sensitive: (conversationId) =>
      run(() => {
        const row = select.get(conversationId);
        return row === undefined ? undefined : toMark(row);
      }),
    sensitiveAmong: (ids) => run(() => (ids.length === 0 ? new Set<string>() : among(ids))),
    forget: (ids) => run(() => forget.immediate(ids)),
    rememberReport: (report, replaceFiledBefore) =>
      run(() =>
        rememberReport.immediate(FiledReportSchema.parse(report), reportInstantMs(replaceFiledBefore)),
      ),
    completeReport: (report) =>
      run(() => {
        const key = ReportKeySchema.parse(report);
        const ticketId = z.string().min(1).parse(report.ticketId);
        return (
          completeReport.run(key.conversationId, key.reporterViewerId, key.reportedUserId, ticketId).changes >
          0
        );
      }),
    filedReport: (key) => run(() => readReport(ReportKeySchema.parse(key))),
  };
}

function toMark(row: unknown): SensitiveMark {
  const parsed = RowSchema.parse(row);
  return {
    conversationId: parsed.conversation_id,
    markedBy: parsed.marked_by,
    markedAt: parsed.marked_at,
    note: parsed.note,
  };
}

function run<T>(operation: () => T): Promise<T> {
  try {
    return Promise.resolve(operation());
  } catch (error) {
    return Promise.reject(mapSqliteError(error));
  }
}
