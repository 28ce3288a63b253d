import { z } from 'zod';

/** A supervisor's mark that a conversation is sensitive: who set it, when, and why. */
export const SensitiveMarkSchema = z.object({
  conversationId: z.string().min(1),
  markedBy: z.string().min(1),
  markedAt: z.iso.datetime(),
  note: z.string().max(500),
});
export type SensitiveMark = z.infer<typeof SensitiveMarkSchema>;

/** Who reported whom from which conversation: a report's dedupe key (server/privacy/viewer-report.ts). */
export const ReportKeySchema = z.object({
  conversationId: z.string().min(1).max(128),
  reporterViewerId: z.string().min(1).max(128),
  reportedUserId: z.string().min(1).max(128),
});
export type ReportKey = z.infer<typeof ReportKeySchema>;

/**
 * A viewer report being filed or filed: what a repeat of it is answered with. The row is stored first (its
 * ticket id chosen, `completed` false), so a second node filing the same report at once finds it; it is
 * completed once its ticket, sensitive mark and webhook are made.
 */
export const FiledReportSchema = ReportKeySchema.extend({
  ticketId: z.string().min(1).max(128),
  blockRequested: z.boolean(),
  reportedAt: z.iso.datetime(),
  completed: z.boolean(),
});
export type FiledReport = z.infer<typeof FiledReportSchema>;

/**
 * Which conversations are sensitive (server/desk/conversation-access.ts narrows who may open them). Marks
 * live beside the conversation log, not in it: clearing one is a change of policy, not something said.
 */
export interface ConversationPrivacyStore {
  /** Marks (or re-marks, replacing the note) a conversation sensitive. */
  markSensitive(mark: SensitiveMark): Promise<void>;
  /** Clears the mark; false when there was none. */
  clearSensitive(conversationId: string): Promise<boolean>;
  sensitive(conversationId: string): Promise<SensitiveMark | undefined>;
  /** The ids among these that are marked: one query for a list page. */
  sensitiveAmong(conversationIds: readonly string[]): Promise<ReadonlySet<string>>;
  /** Forgets the marks (and filed reports) of erased conversations; how many marks went. */
  forget(conversationIds: readonly string[]): Promise<number>;
  /**
   * Reserves the key for a report about to be filed, replacing one filed before `replaceFiledBefore` (a
   * repeat outside the dedupe window); resolves to the report now stored: another one, filed in the window
   * (by a second node at the same time, or an earlier try), is kept and returned instead. Times compare as
   * instants, not as text.
   */
  rememberReport(report: FiledReport, replaceFiledBefore: string): Promise<FiledReport>;
  /** Marks the report stored under this key with this ticket as completed (false: another one is stored). */
  completeReport(report: ReportKey & { ticketId: string }): Promise<boolean>;
  /** The report filed under this key, if any, however old. */
  filedReport(key: ReportKey): Promise<FiledReport | undefined>;
}

/** One string per key, for stores that keep them in memory. */
const reportKey = (key: ReportKey): string =>
  JSON.stringify([key.conversationId, key.reporterViewerId, key.reportedUserId]);

/** Runs `work` now; what it throws becomes a rejection, as from a store that reaches a database. */
const settled = <T>(work: () => T): Promise<T> => new Promise<T>((resolve) => resolve(work()));

/** For tests and servers built without stores: marks in memory, gone with the process. */
export function createInMemoryConversationPrivacyStore(): ConversationPrivacyStore {
  const marks = new Map<string, SensitiveMark>();
  const reports = new Map<string, FiledReport>();
  return {
    markSensitive: (mark) =>
      settled(() => {
        marks.set(mark.conversationId, SensitiveMarkSchema.parse(mark));
      }),
    clearSensitive: (conversationId) => Promise.resolve(marks.delete(conversationId)),
    sensitive: (conversationId) => Promise.resolve(marks.get(conversationId)),
    sensitiveAmong: (conversationIds) =>
      Promise.resolve(new Set(conversationIds.filter((conversationId) => marks.has(conversationId)))),
    forget: (conversationIds) => {
      const erased = new Set(conversationIds);
      for (const [key, report] of reports) if (erased.has(report.conversationId)) reports.delete(key);
      return Promise.resolve(conversationIds.filter((conversationId) => marks.delete(conversationId)).length);
    },
    rememberReport: (report, replaceFiledBefore) =>
      settled(() => {
        const parsed = FiledReportSchema.parse(report);
        // Kept as the databases give it back: the same instant, always with milliseconds.
        const normal = { ...parsed, reportedAt: new Date(parsed.reportedAt).toISOString() };
        const key = reportKey(parsed);
        const stored = reports.get(key);
        const before = Date.parse(z.iso.datetime().parse(replaceFiledBefore));
        if (stored && Date.parse(stored.reportedAt) >= before) return stored;
        reports.set(key, normal);
        return normal;
      }),
    completeReport: (report) =>
      settled(() => {
        const key = reportKey(ReportKeySchema.parse(report));
        const stored = reports.get(key);
        if (stored?.ticketId !== report.ticketId) return false;
        reports.set(key, { ...stored, completed: true });
        return true;
      }),
    filedReport: (key) => Promise.resolve(reports.get(reportKey(key))),
  };
}
