import { createHash } from 'node:crypto';
import type { Entry } from '../entry.js';
import { throwIfAborted } from '../errors.js';
import type { CallOptions } from '../ports.js';
import type { EditorReport, ReportNote, Suggestion, SuiteCounts } from './editor-report.js';
import { withPhrasing } from './entry-phrasings.js';
import { gapPhrasings, type GapQuestion } from './gap-suggestions.js';
import { allPhrasings, evenSample, runLeaveOneOut } from './leave-one-out.js';
import type { ReportMatcher } from './report-matcher.js';
import { confusedPairs, entryAccuracy, leaveOneOutTotals } from './summarize-leave-one-out.js';
import { countsChange, suiteCounts, type SuiteCase } from './suite-counts.js';
import { synonymVariants } from './synonym-variants.js';
import type { Synonym } from '../synonym.js';
import { weakEntries } from './weak-entries.js';
import { yieldToEventLoop } from '../yield-to-event-loop.js';

/** Phrasings taken out one by one at most: about a second per thousand on the builtin embedder. */
export const DEFAULT_MAX_TESTED_PHRASINGS = 2000;
/** Suggestions run against the suite, twice each; the rest are listed without a change. */
export const DEFAULT_EVALUATED_SUGGESTIONS = 10;
/** Gap clusters read, most asked first. */
const MAX_GAPS = 200;
const MAX_SUGGESTIONS = 100;

export interface EditorReportInput {
  /** A matcher of the report's own (see ReportMatcher), indexed with `entries` and `synonyms`. */
  matcher: ReportMatcher;
  /** Re-indexes everything from scratch: the leave-one-out pass leaves entries patched one by one. */
  reindex: (options: CallOptions) => Promise<void>;
  entries: readonly Entry[];
  synonyms: readonly Synonym[];
  /** The knowledge base's own labelled questions; cases naming an entry it does not have are left out. */
  suite?: { label: string; cases: readonly SuiteCase[] } | undefined;
  gaps?: readonly GapQuestion[] | undefined;
  /** Suggestions the editor dismissed: never offered again. */
  dismissed?: ReadonlySet<string> | undefined;
  maxTestedPhrasings?: number;
  evaluatedSuggestions?: number;
  gapMinConfidence?: number;
  /** Re-index once per phrasing (exact, about twice as slow on a bilingual knowledge base). */
  oneAtATime?: boolean;
  now?: () => Date;
  /** Milliseconds from a monotonic clock. */
  elapsedMs?: () => number;
}

export function suggestionId(entryId: string, locale: string, phrasing: string): string {
  return createHash('sha256')
    .update(JSON.stringify([entryId, locale, phrasing]))
    .digest('hex')
    .slice(0, 16);
}

/**
 * What an editor can do to make answering better: the phrasings the matcher gets wrong without their own
 * wording, the entries it mixes up, the entries too thin to be found, and phrasings to add, each with the
 * change it makes on the knowledge base's own suite.
 */
export async function buildEditorReport(
  input: EditorReportInput,
  options: CallOptions = {},
): Promise<EditorReport> {
  const now = input.now ?? (() => new Date());
  const elapsed = input.elapsedMs ?? (() => performance.now());
  const started = elapsed();
  const { matcher } = input;
  const notes: ReportNote[] = [];
  const enabled = input.entries.filter((entry) => entry.enabled);
  const byId = new Map(enabled.map((entry) => [entry.id, entry]));

  const maxTested = input.maxTestedPhrasings ?? DEFAULT_MAX_TESTED_PHRASINGS;
  const phrasings = allPhrasings(enabled);
  const tested = evenSample(phrasings, maxTested);
  if (tested.length < phrasings.length)
    notes.push({ kind: 'sampled', tested: tested.length, total: phrasings.length, maxTested });
  const oneAtATime = input.oneAtATime ?? false;
  const outcomes = await runLeaveOneOut(matcher, tested, { ...options, oneAtATime });
  await input.reindex(options);

  const suite = input.suite && {
    label: input.suite.label,
    all: input.suite.cases,
    cases: input.suite.cases.filter(
      (suiteCase) => suiteCase.expected === null || byId.has(suiteCase.expected),
    ),
  };
  const usableSuite =
    suite && suite.cases.some((suiteCase) => suiteCase.expected !== null) ? suite : undefined;
  if (!input.suite) notes.push({ kind: 'no-suite' });
  else if (!usableSuite) notes.push({ kind: 'suite-unrelated', suite: input.suite.label });
  const suiteNow = usableSuite ? await suiteCounts(matcher, usableSuite.cases, options) : undefined;

  const dismissed = input.dismissed ?? new Set<string>();
  const candidates: Omit<Suggestion, 'id' | 'delta'>[] = [];
  const gaps = (input.gaps ?? []).slice(0, MAX_GAPS);
  for (const gap of await gapPhrasings(matcher, byId, gaps, {
    ...options,
    ...(input.gapMinConfidence === undefined ? {} : { minConfidence: input.gapMinConfidence }),
  })) {
    candidates.push({
      source: 'gap',
      entryId: gap.entryId,
      locale: gap.locale,
      phrasing: gap.phrasing,
      from: gap.phrasing,
      asked: gap.asked,
    });
  }
  // Variants for the entries the leave-one-out pass found weakest first.
  const accuracy = entryAccuracy(outcomes);
  const rank = new Map(accuracy.map((row, index) => [row.entryId, index]));
  const variants = synonymVariants(enabled, input.synonyms).sort(
    (a, b) => (rank.get(a.entryId) ?? Infinity) - (rank.get(b.entryId) ?? Infinity),
  );
  let sameReading = 0;
  for (const variant of variants) {
    await yieldToEventLoop();
    // A rewrite the matcher reads exactly as the phrasing it came from adds nothing.
    const [original, rewritten] = await Promise.all([
      matcher.match(variant.from, options),
      matcher.match(variant.phrasing, options),
    ]);
    if (original.query.terms.join(' ') === rewritten.query.terms.join(' ')) {
      sameReading += 1;
      continue;
    }
    candidates.push({ source: 'variant', ...variant });
  }
  if (sameReading > 0) notes.push({ kind: 'same-reading', rewrites: sameReading });
  const unique = new Map<string, Omit<Suggestion, 'delta'>>();
  for (const candidate of candidates) {
    const id = suggestionId(candidate.entryId, candidate.locale, candidate.phrasing);
    if (!dismissed.has(id) && !unique.has(id)) unique.set(id, { id, ...candidate });
  }
  const listed = [...unique.values()].slice(0, MAX_SUGGESTIONS);

  const evaluatedCount = usableSuite
    ? Math.min(listed.length, input.evaluatedSuggestions ?? DEFAULT_EVALUATED_SUGGESTIONS)
    : 0;
  const baselines = new Map<string, SuiteCounts>();
  const suggestions: Suggestion[] = [];
  for (const [index, suggestion] of listed.entries()) {
    if (!usableSuite || index >= evaluatedCount) {
      suggestions.push({ ...suggestion, delta: null });
      continue;
    }
    throwIfAborted(options.signal);
    const entry = byId.get(suggestion.entryId)!;
    // Measured against the entry re-indexed alone, as the accepted edit will be, so the change is the phrasing's.
    let without = baselines.get(entry.id);
    if (!without) {
      await matcher.upsertEntry(entry, options);
      without = await suiteCounts(matcher, usableSuite.cases, options);
      baselines.set(entry.id, without);
    }
    try {
      await matcher.upsertEntry(withPhrasing(entry, suggestion.locale, suggestion.phrasing), options);
      const withIt = await suiteCounts(matcher, usableSuite.cases, options);
      suggestions.push({
        ...suggestion,
        delta: { without, with: withIt, change: countsChange(without, withIt) },
      });
    } finally {
      await matcher.upsertEntry(entry);
    }
  }
  if (listed.length > evaluatedCount && evaluatedCount > 0)
    notes.push({ kind: 'unevaluated', evaluated: evaluatedCount, listed: listed.length });

  return {
    generatedAt: now().toISOString(),
    tookMs: Math.round(elapsed() - started),
    entries: enabled.length,
    phrasings: {
      total: phrasings.length,
      tested: tested.length,
      maxTested,
      takenOut: oneAtATime ? 'one-at-a-time' : 'one-per-language',
    },
    leaveOneOut: leaveOneOutTotals(outcomes),
    confusedPairs: confusedPairs(outcomes),
    entryAccuracy: accuracy,
    weakEntries: weakEntries(enabled),
    suggestions,
    suite:
      suite && usableSuite && suiteNow
        ? {
            label: suite.label,
            cases: suite.cases.length,
            skipped: suite.all.length - suite.cases.length,
            inScope: suite.cases.filter((suiteCase) => suiteCase.expected !== null).length,
            outOfScope: suite.cases.filter((suiteCase) => suiteCase.expected === null).length,
            now: suiteNow,
          }
        : null,
    notes,
  };
}
