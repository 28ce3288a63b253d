import { throwIfAborted } from '../errors.js';
import type { CallOptions } from '../ports.js';
import type { SuiteCounts } from './editor-report.js';
import type { ReportMatcher } from './report-matcher.js';
import { yieldToEventLoop } from '../yield-to-event-loop.js';

/** One labelled question of a knowledge base's own suite (eval/eval-case.ts, reduced to what the report reads). */
export interface SuiteCase {
  text: string;
  /** The entry that should answer; null when none should. */
  expected: string | null;
}

/** Asks every case and counts replies that were right, wrong, and given to out-of-scope questions. */
export async function suiteCounts(
  matcher: ReportMatcher,
  cases: readonly SuiteCase[],
  options: CallOptions = {},
): Promise<SuiteCounts> {
  const counts: SuiteCounts = { answeredRight: 0, answeredWrong: 0, outOfScopeAnswered: 0 };
  for (const [index, suiteCase] of cases.entries()) {
    if (index % 20 === 0) await yieldToEventLoop();
    throwIfAborted(options.signal);
    const decision = await matcher.match(suiteCase.text, { signal: options.signal });
    if (decision.action !== 'answer') continue;
    const answered = decision.best?.entryId ?? decision.candidates[0]?.entryId;
    if (suiteCase.expected === null) counts.outOfScopeAnswered += 1;
    else if (answered === suiteCase.expected) counts.answeredRight += 1;
    else counts.answeredWrong += 1;
  }
  return counts;
}

export function countsChange(without: SuiteCounts, withIt: SuiteCounts): SuiteCounts {
  return {
    answeredRight: withIt.answeredRight - without.answeredRight,
    answeredWrong: withIt.answeredWrong - without.answeredWrong,
    outOfScopeAnswered: withIt.outOfScopeAnswered - without.outOfScopeAnswered,
  };
}
