import { z } from 'zod';
import { FiledReportSchema, type FiledReport } from '../../server/privacy/conversation-privacy-store.js';

/** The `viewer_reports` table's columns, in the order `viewerReportRowValues` gives them (both stores). */
export const VIEWER_REPORT_COLUMNS =
  'conversation_id, reporter_viewer_id, reported_user_id, ticket_id, block_requested, reported_at_ms, completed';

/** SQLite gives flags as 0/1 and PostgreSQL as booleans; PostgreSQL gives bigint as text. */
const flag = z
  .union([z.boolean(), z.literal(0), z.literal(1)])
  .transform((value) => value === true || value === 1);
const ReportRowSchema = z.object({
  conversation_id: z.string(),
  reporter_viewer_id: z.string(),
  reported_user_id: z.string(),
  ticket_id: z.string(),
  block_requested: flag,
  reported_at_ms: z.union([z.number(), z.string()]).transform(Number),
  completed: flag,
});

/** The row's values; `flag` writes a boolean as the database wants it (SQLite has no boolean type). */
export function viewerReportRowValues<Flag>(
  report: FiledReport,
  flagValue: (value: boolean) => Flag,
): (string | number | Flag)[] {
  return [
    report.conversationId,
    report.reporterViewerId,
    report.reportedUserId,
    report.ticketId,
    flagValue(report.blockRequested),
    Date.parse(report.reportedAt),
    flagValue(report.completed),
  ];
}

/** A stored row read back through the schema: a row edited by hand fails here, not in the report flow. */
export function viewerReportOfRow(row: unknown): FiledReport {
  const parsed = ReportRowSchema.parse(row);
  return FiledReportSchema.parse({
    conversationId: parsed.conversation_id,
    reporterViewerId: parsed.reporter_viewer_id,
    reportedUserId: parsed.reported_user_id,
    ticketId: parsed.ticket_id,
    blockRequested: parsed.block_requested,
    reportedAt: new Date(parsed.reported_at_ms).toISOString(),
    completed: parsed.completed,
  });
}

/** An ISO time (such as `replaceFiledBefore`) as the epoch ms the table compares. */
export function reportInstantMs(iso: string): number {
  return Date.parse(z.iso.datetime().parse(iso));
}
