import { z } from 'zod';

/** What the matcher did with one of an entry's own phrasings once that phrasing was taken out. */
export const LeaveOneOutResultSchema = z.enum(['right', 'clarified', 'wrong', 'none']);
export type LeaveOneOutResult = z.infer<typeof LeaveOneOutResultSchema>;

export const PhrasingOutcomeSchema = z.object({
  entryId: z.string(),
  locale: z.string(),
  phrasing: z.string(),
  result: LeaveOneOutResultSchema,
  /** The entry answered with (`wrong`), or the first candidate offered (`clarified`); null otherwise. */
  wentTo: z.string().nullable(),
});
export type PhrasingOutcome = z.infer<typeof PhrasingOutcomeSchema>;

export const ConfusedPairSchema = z.object({
  entryId: z.string(),
  /** The entry its phrasings went to. */
  confusedWith: z.string(),
  /** Phrasings answered with the other entry. */
  wrong: z.number().int(),
  /** Phrasings that made the matcher ask, with the other entry offered first. */
  clarified: z.number().int(),
  phrasings: z.array(z.object({ locale: z.string(), text: z.string(), result: LeaveOneOutResultSchema })),
});
export type ConfusedPair = z.infer<typeof ConfusedPairSchema>;

export const EntryAccuracySchema = z.object({
  entryId: z.string(),
  tested: z.number().int(),
  right: z.number().int(),
  clarified: z.number().int(),
  wrong: z.number().int(),
  none: z.number().int(),
  /** right / tested. */
  accuracy: z.number(),
});
export type EntryAccuracy = z.infer<typeof EntryAccuracySchema>;

export const EntryIssueSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('few-phrasings'), locale: z.string(), phrasings: z.number().int() }),
  /** A task for the editor: a translation, never phrasings borrowed from another entry. */
  z.object({ kind: z.literal('one-language'), locale: z.string(), missing: z.array(z.string()) }),
]);
export type EntryIssue = z.infer<typeof EntryIssueSchema>;

export const WeakEntrySchema = z.object({ entryId: z.string(), issues: z.array(EntryIssueSchema) });
export type WeakEntry = z.infer<typeof WeakEntrySchema>;

/** How a suite came out: the three figures an editor weighs a change by. */
export const SuiteCountsSchema = z.object({
  answeredRight: z.number().int(),
  answeredWrong: z.number().int(),
  outOfScopeAnswered: z.number().int(),
});
export type SuiteCounts = z.infer<typeof SuiteCountsSchema>;

export const SuggestionDeltaSchema = z.object({
  without: SuiteCountsSchema,
  with: SuiteCountsSchema,
  /** with - without, per figure: answeredRight up is better, the other two down. */
  change: SuiteCountsSchema,
});
export type SuggestionDelta = z.infer<typeof SuggestionDeltaSchema>;

export const SuggestionSourceSchema = z.enum(['gap', 'variant']);

export const SuggestionSchema = z.object({
  /** Stable across reports for the same entry, language and wording (dismissals follow it). */
  id: z.string(),
  source: SuggestionSourceSchema,
  entryId: z.string(),
  /** The entry's language view the phrasing goes in. */
  locale: z.string(),
  phrasing: z.string(),
  /** The unanswered question's cluster label (gap), or the phrasing it was rewritten from (variant). */
  from: z.string(),
  /** Times viewers asked it (gap suggestions). */
  asked: z.number().int().optional(),
  /** null when the suite was not run for it (beyond the evaluated top suggestions, or no suite). */
  delta: SuggestionDeltaSchema.nullable(),
});
export type Suggestion = z.infer<typeof SuggestionSchema>;

/** Caveats, as data so each reader words them in its language (eval/editor-report/report-note-text.ts). */
export const ReportNoteSchema = z.discriminatedUnion('kind', [
  /** Leave-one-out tested an even sample of the phrasings. */
  z.object({
    kind: z.literal('sampled'),
    tested: z.number().int(),
    total: z.number().int(),
    maxTested: z.number().int(),
  }),
  /** No suite: suggestions come without the change they would make. */
  z.object({ kind: z.literal('no-suite') }),
  /** The suite names none of these entries: suggestions come without a change. */
  z.object({ kind: z.literal('suite-unrelated'), suite: z.string() }),
  /** Synonym rewrites left out: the matcher reads them exactly as the phrasing they came from. */
  z.object({ kind: z.literal('same-reading'), rewrites: z.number().int() }),
  /** Only the first suggestions were run against the suite. */
  z.object({ kind: z.literal('unevaluated'), evaluated: z.number().int(), listed: z.number().int() }),
]);
export type ReportNote = z.infer<typeof ReportNoteSchema>;

export const EditorReportSchema = z.object({
  generatedAt: z.string(),
  tookMs: z.number(),
  entries: z.number().int(),
  phrasings: z.object({
    total: z.number().int(),
    tested: z.number().int(),
    /** At most this many phrasings are taken out one by one; beyond it an even sample is tested. */
    maxTested: z.number().int(),
    /**
     * one-per-language: each re-index takes out one phrasing of every language view of the entry at once
     * (about half the cost on a bilingual knowledge base, slightly pessimistic); one-at-a-time: exact.
     */
    takenOut: z.enum(['one-per-language', 'one-at-a-time']),
  }),
  leaveOneOut: z.object({
    right: z.number().int(),
    clarified: z.number().int(),
    wrong: z.number().int(),
    none: z.number().int(),
    accuracy: z.number(),
  }),
  confusedPairs: z.array(ConfusedPairSchema),
  /** Worst first; entries with every tested phrasing right are left out. */
  entryAccuracy: z.array(EntryAccuracySchema),
  weakEntries: z.array(WeakEntrySchema),
  suggestions: z.array(SuggestionSchema),
  suite: z
    .object({
      label: z.string(),
      /** Cases whose expected entry is in this knowledge base (or out of scope). */
      cases: z.number().int(),
      /** Cases left out: their expected entry is not in this knowledge base. */
      skipped: z.number().int(),
      inScope: z.number().int(),
      outOfScope: z.number().int(),
      now: SuiteCountsSchema,
    })
    .nullable(),
  notes: z.array(ReportNoteSchema),
});
export type EditorReport = z.infer<typeof EditorReportSchema>;
