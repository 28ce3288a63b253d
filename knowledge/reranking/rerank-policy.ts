import { localizedViews } from '../entry.js';
import type { MatchCandidate, MatchDecision } from '../matching/match-decision.js';
import type { RerankCandidate, RerankPick } from './candidate-reranker.js';

export interface RerankPolicy {
  /** Candidates shown to the reranker at most: the matcher's best few, in its order. */
  maxCandidates: number;
  /** Beyond the best two (always shown), a candidate is shown with at least this share of the best's confidence. */
  candidateMinRatio: number;
  /** An answer is reconsidered when the runner-up has at least this share of the best one's confidence. */
  answerRunnerUpRatio: number;
  /** A decline is reconsidered when its best candidate reaches this share of the clarify threshold. */
  noneMinShareOfClarify: number;
  /** A pick (or a "none") with less confidence than this leaves the offline decision as it was. */
  minPickConfidence: number;
  phrasingsPerCandidate: number;
  answerExcerptChars: number;
}

/**
 * When a second opinion is worth a call:
 * - `clarify`: the matcher found two or three close candidates and cannot tell them apart; the reranker
 *   reads what they answer and can pick one (or none), sparing the viewer a "did you mean".
 * - `answer` with a runner-up close behind (≥ 60% of the best's confidence): narrow leads are where wrong
 *   answers come from. A clear lead is left alone: the call costs latency and the matcher is right there.
 * - `none` whose best candidate reaches half the clarify threshold: a near miss (often a question in the
 *   other language than the entry) may be rescued; questions far below it are out of scope and not
 *   worth a call.
 * The reranker must be fairly sure (confidence ≥ 0.5) to change anything, and only ever chooses among
 * the candidates the matcher found: it reorders, it never invents.
 */
export const DEFAULT_RERANK_POLICY: RerankPolicy = {
  maxCandidates: 4,
  candidateMinRatio: 0.25,
  answerRunnerUpRatio: 0.6,
  noneMinShareOfClarify: 0.5,
  minPickConfidence: 0.5,
  phrasingsPerCandidate: 3,
  answerExcerptChars: 240,
};

/** The candidates to show the reranker, or undefined when the decision is clear enough to keep. */
export function candidatesToRerank(
  decision: MatchDecision,
  policy: RerankPolicy = DEFAULT_RERANK_POLICY,
): MatchCandidate[] | undefined {
  const [best, runnerUp] = decision.candidates;
  if (best === undefined) return undefined;
  const close = (() => {
    switch (decision.action) {
      case 'clarify':
        return true;
      case 'answer':
        return runnerUp !== undefined && runnerUp.confidence >= policy.answerRunnerUpRatio * best.confidence;
      case 'none':
        return best.confidence >= policy.noneMinShareOfClarify * decision.thresholds.clarifyMinConfidence;
    }
  })();
  if (!close) return undefined;
  return decision.candidates
    .filter(
      (candidate, rank) => rank < 2 || candidate.confidence >= policy.candidateMinRatio * best.confidence,
    )
    .slice(0, policy.maxCandidates);
}

/** What the reranker reads of a candidate: the matched language view's nearest phrasings and answer. */
export function describeCandidate(
  candidate: MatchCandidate,
  policy: RerankPolicy = DEFAULT_RERANK_POLICY,
): RerankCandidate {
  const views = localizedViews(candidate.entry);
  const view = views.find((each) => each.locale === candidate.matchedLocale) ?? views[0]!;
  const nearest = candidate.explanation.nearestPhrasing?.text;
  const phrasings = [
    ...(nearest !== undefined && view.questions.includes(nearest) ? [nearest] : []),
    ...view.questions.filter((question) => question !== nearest),
  ].slice(0, policy.phrasingsPerCandidate);
  const answer = view.answer.trim();
  const answerExcerpt =
    answer.length > policy.answerExcerptChars ? `${answer.slice(0, policy.answerExcerptChars)}…` : answer;
  return { entryId: candidate.entryId, phrasings, answerExcerpt };
}

export type RerankApplication =
  /** The pick changed the action or the entry answered. */
  | { outcome: 'changed'; decision: MatchDecision }
  /** The pick agreed with the offline decision, or was too unsure to change it. */
  | { outcome: 'kept'; decision: MatchDecision }
  /** The pick named an entry that was not shown: the offline decision stands. */
  | { outcome: 'unknown-candidate'; decision: MatchDecision };

/**
 * The decision after the reranker's pick among `shown`. Candidates keep the matcher's confidences (they
 * are what calibration and the eval measure); the decision's confidence becomes the reranker's, since
 * the reranker decided, and the reason says so.
 */
export function applyRerankPick(
  decision: MatchDecision,
  shown: readonly MatchCandidate[],
  pick: RerankPick | undefined,
  options: { rerankerId: string; policy?: RerankPolicy },
): RerankApplication {
  const policy = options.policy ?? DEFAULT_RERANK_POLICY;
  if (pick === undefined || pick.confidence < policy.minPickConfidence) return { outcome: 'kept', decision };
  const offline = `offline decision: ${decision.action}, ${decision.reason}`;
  const sure = `confidence ${pick.confidence.toFixed(2)}`;
  if (pick.entryId === null) {
    const reason = `The reranker (${options.rerankerId}) judged that none of the ${shown.length} closest entries answers the question (${sure}); ${offline}`;
    return {
      outcome: decision.action === 'none' ? 'kept' : 'changed',
      decision: { ...decision, action: 'none', best: undefined, confidence: pick.confidence, reason },
    };
  }
  const chosen = shown.find((candidate) => candidate.entryId === pick.entryId);
  if (chosen === undefined) return { outcome: 'unknown-candidate', decision };
  const others = decision.candidates.filter((candidate) => candidate !== chosen);
  const runnerUpFused = Math.max(...others.map((candidate) => candidate.scores.fused), 0);
  const reason = `The reranker (${options.rerankerId}) chose "${chosen.entryId}" among the ${shown.length} closest entries (${sure}); ${offline}`;
  const changed = decision.action !== 'answer' || decision.best?.entryId !== chosen.entryId;
  return {
    outcome: changed ? 'changed' : 'kept',
    decision: {
      ...decision,
      action: 'answer',
      best: chosen,
      candidates: [chosen, ...others],
      confidence: pick.confidence,
      margin: others.length === 0 ? decision.margin : chosen.scores.fused - runnerUpFused,
      reason,
    },
  };
}
