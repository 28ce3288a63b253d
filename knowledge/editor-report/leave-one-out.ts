import { localizedViews, type Entry } from '../entry.js';
import { throwIfAborted } from '../errors.js';
import type { MatchDecision } from '../matching/match-decision.js';
import type { CallOptions } from '../ports.js';
import type { LeaveOneOutResult, PhrasingOutcome } from './editor-report.js';
import { withoutPhrasing } from './entry-phrasings.js';
import { contextFor, type ReportMatcher } from './report-matcher.js';
import { yieldToEventLoop } from '../yield-to-event-loop.js';

export interface Phrasing {
  entry: Entry;
  locale: string;
  text: string;
}

/**
 * Every phrasing of every enabled entry, in each language view, but a view's only phrasing: left out,
 * nothing would be left to find the entry by (the weak-entry list names such views instead).
 */
export function allPhrasings(entries: readonly Entry[]): Phrasing[] {
  return entries
    .filter((entry) => entry.enabled)
    .flatMap((entry) =>
      localizedViews(entry)
        .filter((view) => view.questions.length > 1)
        .flatMap((view) => view.questions.map((text) => ({ entry, locale: view.locale, text }))),
    );
}

/** At most `max`, spread evenly over the list (so every part of a large knowledge base is represented). */
export function evenSample<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return [...items];
  if (max <= 0) return [];
  return Array.from({ length: max }, (_, index) => items[Math.floor((index * items.length) / max)]!);
}

export function classify(
  entryId: string,
  decision: MatchDecision,
): Pick<PhrasingOutcome, 'result' | 'wentTo'> {
  const first = decision.candidates[0]?.entryId ?? null;
  let result: LeaveOneOutResult;
  let wentTo: string | null = null;
  if (decision.action === 'answer') {
    const answered = decision.best?.entryId ?? first;
    result = answered === entryId ? 'right' : 'wrong';
    if (result === 'wrong') wentTo = answered;
  } else if (decision.action === 'clarify') {
    result = 'clarified';
    // Offered beside another entry, the phrasing was confused with that one, even when its own came first.
    wentTo = decision.candidates.find((candidate) => candidate.entryId !== entryId)?.entryId ?? first;
  } else {
    result = 'none';
  }
  return { result, wentTo };
}

/** The phrasings of one entry in rounds: each round takes at most one phrasing out of each language view. */
export function roundsOf(phrasings: readonly Phrasing[], oneAtATime = false): Phrasing[][] {
  if (oneAtATime) return phrasings.map((phrasing) => [phrasing]);
  const byLocale = new Map<string, Phrasing[]>();
  for (const phrasing of phrasings) {
    const list = byLocale.get(phrasing.locale) ?? [];
    list.push(phrasing);
    byLocale.set(phrasing.locale, list);
  }
  const rounds = Math.max(0, ...[...byLocale.values()].map((list) => list.length));
  return Array.from({ length: rounds }, (_, round) =>
    [...byLocale.values()].flatMap((list) => (round < list.length ? [list[round]!] : [])),
  );
}

/**
 * Takes each phrasing out of its entry, asks it, and puts the entry back: what a viewer asking in those
 * words would get if the editor had not written them. Re-indexing an entry is what costs, so one round
 * takes out one phrasing of each language view together (a Chinese question hardly leans on the English
 * phrasings); entries come back through `upsertEntry`.
 */
export async function runLeaveOneOut(
  matcher: ReportMatcher,
  phrasings: readonly Phrasing[],
  options: CallOptions & { oneAtATime?: boolean } = {},
): Promise<PhrasingOutcome[]> {
  const byEntry = new Map<string, Phrasing[]>();
  for (const phrasing of phrasings) {
    const list = byEntry.get(phrasing.entry.id) ?? [];
    list.push(phrasing);
    byEntry.set(phrasing.entry.id, list);
  }
  const outcomes: PhrasingOutcome[] = [];
  for (const list of byEntry.values()) {
    const entry = list[0]!.entry;
    try {
      for (const round of roundsOf(list, options.oneAtATime)) {
        await yieldToEventLoop();
        throwIfAborted(options.signal);
        let rest: Entry | undefined = entry;
        for (const { locale, text } of round) rest = rest && withoutPhrasing(rest, locale, text);
        if (rest) await matcher.upsertEntry(rest, { signal: options.signal });
        else matcher.removeEntry(entry.id);
        for (const { locale, text } of round) {
          const decision = await matcher.match(text, { signal: options.signal, context: contextFor(entry) });
          outcomes.push({ entryId: entry.id, locale, phrasing: text, ...classify(entry.id, decision) });
        }
      }
    } finally {
      await matcher.upsertEntry(entry);
    }
  }
  return outcomes;
}
