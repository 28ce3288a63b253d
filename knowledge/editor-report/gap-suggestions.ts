import type { Entry } from '../entry.js';
import { throwIfAborted } from '../errors.js';
import type { CallOptions } from '../ports.js';
import { hasPhrasing, viewLocaleFor } from './entry-phrasings.js';
import type { ReportMatcher } from './report-matcher.js';
import { yieldToEventLoop } from '../yield-to-event-loop.js';

/** A cluster of questions viewers asked that went unanswered (server/analytics knowledge gaps). */
export interface GapQuestion {
  /** The cluster's most asked wording. */
  question: string;
  /** Times asked. */
  asked: number;
}

export interface GapPhrasing {
  entryId: string;
  locale: string;
  phrasing: string;
  asked: number;
  /** The candidate's calibrated confidence for the question as it stands. */
  confidence: number;
}

/** Below this, the nearest entry is more likely a different question than a missing phrasing. */
export const DEFAULT_GAP_MIN_CONFIDENCE = 0.2;

/**
 * Unanswered (or barely answered) questions whose best candidate is an entry: each may be a phrasing
 * that entry lacks; answered ones too, since a low-confidence answer is a gap of its own. A
 * question in a language the entry has no view for is left out (that entry needs a translation first).
 */
export async function gapPhrasings(
  matcher: ReportMatcher,
  entries: ReadonlyMap<string, Entry>,
  gaps: readonly GapQuestion[],
  options: CallOptions & { minConfidence?: number } = {},
): Promise<GapPhrasing[]> {
  const minConfidence = options.minConfidence ?? DEFAULT_GAP_MIN_CONFIDENCE;
  const found: GapPhrasing[] = [];
  for (const gap of gaps) {
    await yieldToEventLoop();
    throwIfAborted(options.signal);
    const decision = await matcher.match(gap.question, { signal: options.signal });
    const best = decision.candidates[0];
    if (!best || best.confidence < minConfidence) continue;
    const entry = entries.get(best.entryId);
    if (!entry || hasPhrasing(entry, gap.question)) continue;
    const locale = viewLocaleFor(entry, decision.query.language);
    if (locale === undefined) continue;
    found.push({
      entryId: entry.id,
      locale,
      phrasing: gap.question,
      asked: gap.asked,
      confidence: best.confidence,
    });
  }
  return found.sort((a, b) => b.asked - a.asked || b.confidence - a.confidence);
}
