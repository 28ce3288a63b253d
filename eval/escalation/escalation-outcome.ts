import type { MatchAction } from '../../knowledge/matching/match-decision.js';
import type { CaseOutcome } from '../case-outcome.js';
import type { EvalCase } from '../eval-case.js';
import type { TurnVerdict } from './turn-verdict.js';

/** One case with an `escalate` label, and what the policy did with it. */
export interface EscalationOutcome {
  text: string;
  locale: string;
  expected: string | null;
  /** The label: a person should take over. */
  shouldEscalate: boolean;
  /** The case's `reason` (match, oos, anger, human_request, sensitive, ...), or null. */
  label: string | null;
  tier: 'regular' | 'vip';
  matchAction: MatchAction;
  answeredId: string | null;
  confidence: number;
  verdict: TurnVerdict;
}

export const isEscalated = (outcome: EscalationOutcome): boolean => outcome.verdict.action === 'escalate';

/** The labelled cases with their verdicts; `outcomes` are the cases' outcomes in the same order. */
export function toEscalationOutcomes(
  cases: readonly EvalCase[],
  outcomes: readonly CaseOutcome[],
): EscalationOutcome[] {
  const labelled: EscalationOutcome[] = [];
  cases.forEach((evalCase, index) => {
    const outcome = outcomes[index];
    if (evalCase.escalate === undefined || outcome?.turn === undefined) return;
    labelled.push({
      text: outcome.text,
      locale: outcome.locale,
      expected: outcome.expected,
      shouldEscalate: evalCase.escalate,
      label: evalCase.reason ?? null,
      tier: evalCase.tier ?? 'regular',
      matchAction: outcome.action,
      answeredId: outcome.answeredId,
      confidence: outcome.confidence,
      verdict: outcome.turn,
    });
  });
  return labelled;
}
