import { z } from 'zod';
import { EditorReportSchema } from '../../knowledge/editor-report/index.js';

export const EditorReportStatusSchema = z.enum(['none', 'running', 'done', 'failed']);

/** The latest quality report of the server's knowledge base, as the admin reads it and as it is kept on disk. */
export const EditorReportRecordSchema = z.object({
  status: EditorReportStatusSchema,
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  startedBy: z.string().nullable(),
  error: z.string().nullable(),
  report: EditorReportSchema.nullable(),
  /** Suggestion ids editors dismissed: left out of this report and every later one. */
  dismissed: z.array(z.string()),
});
export type EditorReportRecord = z.infer<typeof EditorReportRecordSchema>;

export const EMPTY_RECORD: EditorReportRecord = {
  status: 'none',
  startedAt: null,
  finishedAt: null,
  startedBy: null,
  error: null,
  report: null,
  dismissed: [],
};
