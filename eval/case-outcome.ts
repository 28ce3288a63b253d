import type { MatchAction, MatchCandidate, MatchDecision } from '../knowledge/matching/match-decision.js';
import { caseLocale } from './case-locale.js';
import type { TurnVerdict } from './escalation/turn-verdict.js';
import type { EvalCase } from './eval-case.js';

/** The most telling shared terms kept per candidate: enough to explain a miss, small enough for a report. */
const SHARED_TERMS_KEPT = 8;

export interface CandidateSummary {
  entryId: string;
  confidence: number;
  fused: number;
  prototype: number;
  nearestPhrasing: number;
  lexical: number;
  nearestPhrasingText: string | null;
  sharedTerms: string[];
}

/** What happened to one case: the decision, where the expected entry ranked, and how long it took. */
export interface CaseOutcome {
  text: string;
  expected: string | null;
  locale: string;
  /** The language the matcher read the question as: it picks the per-language thresholds. */
  language: string;
  action: MatchAction;
  /** The entry replied with, when the action is `answer`. */
  answeredId: string | null;
  /** 1-based rank of the expected entry among the candidates the decision returned; null when absent or out of scope. */
  rank: number | null;
  /** Calibrated confidence of the best candidate (0 when there is none). */
  confidence: number;
  /** Fused scores of the best and second candidates: with the confidence they decide answer or clarify. */
  bestFused: number | null;
  runnerUpFused: number | null;
  latencyMs: number;
  reason: string;
  candidates: CandidateSummary[];
  /** What the live turn's policy decided, when the eval ran it (cases with `escalate` labels). */
  turn?: TurnVerdict | undefined;
}

export function summarizeCandidate(candidate: MatchCandidate): CandidateSummary {
  return {
    entryId: candidate.entryId,
    confidence: candidate.confidence,
    fused: candidate.scores.fused,
    prototype: candidate.scores.prototype,
    nearestPhrasing: candidate.scores.nearestPhrasing,
    lexical: candidate.scores.lexical,
    nearestPhrasingText: candidate.explanation.nearestPhrasing?.text ?? null,
    sharedTerms: candidate.explanation.sharedTerms.slice(0, SHARED_TERMS_KEPT),
  };
}

export function toCaseOutcome(
  evalCase: EvalCase,
  asked: { decision: MatchDecision; latencyMs: number; turn?: TurnVerdict | undefined },
): CaseOutcome {
  const { decision, latencyMs } = asked;
  const { candidates } = decision;
  const index =
    evalCase.expected === null
      ? -1
      : candidates.findIndex((candidate) => candidate.entryId === evalCase.expected);
  return {
    text: evalCase.text,
    expected: evalCase.expected,
    locale: caseLocale(evalCase),
    language: decision.query.language,
    action: decision.action,
    answeredId:
      decision.action === 'answer' ? (decision.best?.entryId ?? candidates[0]?.entryId ?? null) : null,
    rank: index === -1 ? null : index + 1,
    confidence: decision.confidence,
    bestFused: candidates[0]?.scores.fused ?? null,
    runnerUpFused: candidates[1]?.scores.fused ?? null,
    latencyMs,
    reason: decision.reason,
    candidates: candidates.slice(0, 3).map(summarizeCandidate),
    ...(asked.turn === undefined ? {} : { turn: asked.turn }),
  };
}
