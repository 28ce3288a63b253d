import type { Entry, MatchContext } from '../entry.js';
import type { MatchDecision } from '../matching/match-decision.js';
import type { CallOptions } from '../ports.js';

/**
 * The part of `Matcher` the report drives: it edits one entry at a time and asks. Give it a matcher of
 * its own, never the one answering viewers: the report leaves entries re-indexed one by one.
 */
export interface ReportMatcher {
  upsertEntry(entry: Entry, options?: CallOptions): Promise<void>;
  removeEntry(entryId: string): void;
  match(text: string, options?: CallOptions & { context?: MatchContext }): Promise<MatchDecision>;
}

/** Where a scoped entry holds, so its own phrasings are asked where it may answer. */
export function contextFor(entry: Entry): MatchContext {
  const scope = entry.scope;
  if (!scope) return {};
  return {
    roomId: scope.roomId,
    streamerId: scope.streamerId,
    ...(scope.validFrom === undefined ? {} : { at: new Date(scope.validFrom) }),
  };
}
