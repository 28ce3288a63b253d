import type { MatchDecision } from '../../knowledge/matching/match-decision.js';
import type { ViewerProfile } from '../conversation/transcript.js';
import { decidePolicy, type PolicyDecision } from '../policy/escalation-policy.js';
import type { EscalationPolicyConfig } from '../policy/escalation-policy-config.js';
import type { SignalReport } from '../policy/signal-report.js';
import type { EscalationVerdict } from '../ports.js';
import type { TurnJudge } from '../signals/judge/turn-judge.js';
import type { SignalInput } from './turn-context.js';

export interface TurnDecisionInput {
  /** The matcher's decision for the question. */
  match: MatchDecision;
  question: string;
  /** The viewer's earlier messages, oldest first, without those the question is made of. */
  history: readonly string[];
  profile: ViewerProfile;
  /** Viewer turns in a row, before this one, that got no answer from the knowledge base. */
  unansweredTurns: number;
  /** Anger of the earlier turns as scored then, oldest first (absent: the history is re-scored). */
  previousAngerScores?: readonly number[] | undefined;
  /** The LLM judge's reading of the question, when it came in time; added to the offline signals. */
  verdict?: EscalationVerdict | undefined;
}

/** What deciding needs: the signal detectors and the escalation policy in force. */
export interface TurnDecider {
  detectSignals: (input: SignalInput) => SignalReport;
  /** How a judge's verdict joins the signals; without it a verdict is ignored. */
  judge?: Pick<TurnJudge, 'merge'> | undefined;
  policy: EscalationPolicyConfig;
}

export interface TurnDecision {
  signals: SignalReport;
  decision: PolicyDecision;
}

/**
 * What a viewer turn does with a match: read the signals, then let the policy answer, clarify, decline
 * or hand over. The one place this is decided, for live turns (runTurn) and for `livedesk eval` alike.
 */
export function decideTurn(input: TurnDecisionInput, decider: TurnDecider): TurnDecision {
  const offline = decider.detectSignals({
    text: input.question,
    history: input.history,
    profile: input.profile,
    previousAngerScores: input.previousAngerScores,
  });
  const signals = input.verdict && decider.judge ? decider.judge.merge(offline, input.verdict) : offline;
  const decision = decidePolicy(
    { match: input.match, signals, unansweredTurns: input.unansweredTurns },
    decider.policy,
  );
  return { signals, decision };
}
