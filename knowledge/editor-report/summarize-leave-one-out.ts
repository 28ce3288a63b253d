import type { ConfusedPair, EditorReport, EntryAccuracy, PhrasingOutcome } from './editor-report.js';

const PHRASINGS_KEPT_PER_PAIR = 10;

export function leaveOneOutTotals(outcomes: readonly PhrasingOutcome[]): EditorReport['leaveOneOut'] {
  const count = (result: PhrasingOutcome['result']) =>
    outcomes.filter((outcome) => outcome.result === result).length;
  const right = count('right');
  return {
    right,
    clarified: count('clarified'),
    wrong: count('wrong'),
    none: count('none'),
    accuracy: outcomes.length === 0 ? 1 : right / outcomes.length,
  };
}

/**
 * Entry A's phrasings that went to entry B (answered with B, or B offered first in a clarification),
 * most confused first. A and B are kept in order: A losing to B is not B losing to A.
 */
export function confusedPairs(outcomes: readonly PhrasingOutcome[]): ConfusedPair[] {
  const pairs = new Map<string, ConfusedPair>();
  for (const outcome of outcomes) {
    if (outcome.wentTo === null || outcome.wentTo === outcome.entryId) continue;
    if (outcome.result !== 'wrong' && outcome.result !== 'clarified') continue;
    const key = JSON.stringify([outcome.entryId, outcome.wentTo]);
    const pair = pairs.get(key) ?? {
      entryId: outcome.entryId,
      confusedWith: outcome.wentTo,
      wrong: 0,
      clarified: 0,
      phrasings: [],
    };
    if (outcome.result === 'wrong') pair.wrong += 1;
    else pair.clarified += 1;
    if (pair.phrasings.length < PHRASINGS_KEPT_PER_PAIR)
      pair.phrasings.push({ locale: outcome.locale, text: outcome.phrasing, result: outcome.result });
    pairs.set(key, pair);
  }
  return [...pairs.values()].sort(
    (a, b) =>
      b.wrong - a.wrong ||
      b.wrong + b.clarified - (a.wrong + a.clarified) ||
      a.entryId.localeCompare(b.entryId) ||
      a.confusedWith.localeCompare(b.confusedWith),
  );
}

/** Per entry, worst first; entries whose every tested phrasing came back right are left out. */
export function entryAccuracy(outcomes: readonly PhrasingOutcome[]): EntryAccuracy[] {
  const byEntry = new Map<string, EntryAccuracy>();
  for (const outcome of outcomes) {
    const row = byEntry.get(outcome.entryId) ?? {
      entryId: outcome.entryId,
      tested: 0,
      right: 0,
      clarified: 0,
      wrong: 0,
      none: 0,
      accuracy: 0,
    };
    row.tested += 1;
    row[outcome.result] += 1;
    byEntry.set(outcome.entryId, row);
  }
  return [...byEntry.values()]
    .map((row) => ({ ...row, accuracy: row.right / row.tested }))
    .filter((row) => row.right < row.tested)
    .sort((a, b) => a.accuracy - b.accuracy || b.wrong - a.wrong || a.entryId.localeCompare(b.entryId));
}
