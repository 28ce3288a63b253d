import type { Pool } from 'pg';
import { z } from 'zod';
import {
  FiledReportSchema,
  ReportKeySchema,
  SensitiveMarkSchema,
  type ConversationPrivacyStore,
  type FiledReport,
} from '../../server/privacy/conversation-privacy-store.js';
import {
  reportInstantMs,
  VIEWER_REPORT_COLUMNS,
  viewerReportOfRow,
  viewerReportRowValues,
} from '../shared/viewer-report-rows.js';
import { mapPostgresError } from './map-postgres-error.js';

const RowSchema = z.object({
  conversation_id: z.string(),
  marked_by: z.string(),
  marked_at: z.string(),
  note: z.string(),
});

/** Sensitive marks in the shared PostgreSQL database: every node reads the same marks. */
export function createPostgresConversationPrivacyStore(options: { pool: Pool }): ConversationPrivacyStore {
  const { pool } = options;
  const query = async (text: string, values: unknown[]) => {
    try {
      return await pool.query(text, values);
    } catch (error) {
      throw mapPostgresError(error);
    }
  };
  const readReport = async (key: {
    conversationId: string;
    reporterViewerId: string;
    reportedUserId: string;
  }): Promise<FiledReport | undefined> => {
    const result = await query(
      `SELECT ${VIEWER_REPORT_COLUMNS} FROM viewer_reports
        WHERE conversation_id = $1 AND reporter_viewer_id = $2 AND reported_user_id = $3`,
      [key.conversationId, key.reporterViewerId, key.reportedUserId],
    );
    const row = result.rows[0] as unknown;
    return row === undefined ? undefined : viewerReportOfRow(row);
  };
  return {
    async markSensitive(mark) {
      const parsed = SensitiveMarkSchema.parse(mark);
      await query(
        `INSERT INTO conversation_sensitivity (conversation_id, marked_by, marked_at, note) VALUES ($1, $2, $3, $4)
         ON CONFLICT (conversation_id) DO UPDATE SET marked_by = excluded.marked_by,
           marked_at = excluded.marked_at, note = excluded.note`,
        [parsed.conversationId, parsed.markedBy, parsed.markedAt, parsed.note],
      );
    },
    async clearSensitive(conversationId) {
      const result = await query('DELETE FROM conversation_sensitivity WHERE conversation_id = $1', [
        conversationId,
      ]);
      return (result.rowCount ?? 0) > 0;
    },
    async sensitive(conversationId) {
      const result = await query('SELECT * FROM conversation_sensitivity WHERE conversation_id = $1', [
        conversationId,
      ]);
      const row = result.rows[0] as unknown;
      if (row === undefined) return undefined;
      const parsed = RowSchema.parse(row);
      return {
        conversationId: parsed.conversation_id,
        markedBy: parsed.marked_by,
        markedAt: parsed.marked_at,
        note: parsed.note,
      };
    },
    async sensitiveAmong(conversationIds) {
      if (conversationIds.length === 0) return new Set<string>();
      const result = await query(
        'SELECT conversation_id FROM conversation_sensitivity WHERE conversation_id = ANY($1::text[])',
        [[...conversationIds]],
      );
      return new Set(
        result.rows.map(
          (row: unknown) => RowSchema.pick({ conversation_id: true }).parse(row).conversation_id,
        ),
      );
    },
    async forget(conversationIds) {
      if (conversationIds.length === 0) return 0;
      await query('DELETE FROM viewer_reports WHERE conversation_id = ANY($1::text[])', [
        [...conversationIds],
      ]);
      const result = await query(
        'DELETE FROM conversation_sensitivity WHERE conversation_id = ANY($1::text[])',
        [[...conversationIds]],
      );
      return result.rowCount ?? 0;
    },
    async rememberReport(report, replaceFiledBefore) {
      const parsed = FiledReportSchema.parse(report);
      // A report filed in the window (by another node, even one inserting at this moment: the conflict
      // waits for its commit) stays; an older one is replaced. Then the row as it now stands is read.
      await query(
        `INSERT INTO viewer_reports (${VIEWER_REPORT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (conversation_id, reporter_viewer_id, reported_user_id) DO UPDATE SET
           ticket_id = excluded.ticket_id, block_requested = excluded.block_requested,
           reported_at_ms = excluded.reported_at_ms, completed = excluded.completed
         WHERE viewer_reports.reported_at_ms < $8`,
        [...viewerReportRowValues(parsed, (value) => value), reportInstantMs(replaceFiledBefore)],
      );
      return (await readReport(parsed)) ?? parsed;
    },
    async completeReport(report) {
      const key = ReportKeySchema.parse(report);
      const result = await query(
        `UPDATE viewer_reports SET completed = true
          WHERE conversation_id = $1 AND reporter_viewer_id = $2 AND reported_user_id = $3 AND ticket_id = $4`,
        [
          key.conversationId,
          key.reporterViewerId,
          key.reportedUserId,
          z.string().min(1).parse(report.ticketId),
        ],
      );
      return (result.rowCount ?? 0) > 0;
    },
    filedReport: (key) => readReport(ReportKeySchema.parse(key)),
  };
}
