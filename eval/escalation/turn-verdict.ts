import type { EscalationReason, PolicyDecision, Priority } from '../../engine/policy/escalation-policy.js';
import type { EscalationPolicyConfig, POLICY_PRESETS } from '../../engine/policy/escalation-policy-config.js';
import {
  createSignalDetector,
  SignalsConfigSchema,
  type SignalSupport,
  type SignalsConfig,
} from '../../engine/signals/detect-signals.js';
import { decideTurn, type TurnDecider } from '../../engine/turn/decide-turn.js';
import type { MatchDecision } from '../../knowledge/matching/match-decision.js';
import type { EvalCase } from '../eval-case.js';

export type PolicyPresetName = keyof typeof POLICY_PRESETS;
export const POLICY_PRESET_NAMES = [
  'show',
  'commerce',
  'social',
] as const satisfies readonly PolicyPresetName[];

/** What the live turn would have done with one case, asked as a viewer's first message. */
export interface TurnVerdict {
  action: PolicyDecision['action'];
  /** The policy's reasons when it escalates; empty otherwise. */
  reasons: EscalationReason[];
  priority: Priority | null;
  team: string | null;
  /** The policy's own words for each reason (the cues that fired). */
  details: string[];
  /** The anger signal's calibrated score (0.5 is the detection threshold). */
  anger: number;
}

export type TurnJudge = (evalCase: EvalCase, match: MatchDecision) => TurnVerdict;

export interface TurnJudgeOptions {
  policy: EscalationPolicyConfig;
  /** The signal detectors' settings; the defaults the server runs with when absent. */
  signals?: SignalsConfig | undefined;
  /** The matcher's analysis and intents, as the server builds them, and any trained classifiers. */
  support?: SignalSupport | undefined;
}

/**
 * Runs a case through the live turn's decision (engine/turn/decide-turn.ts) with the real signal
 * detectors, as the first message of a conversation: no history, no unanswered turns before it, a
 * regular viewer unless the case says `"tier": "vip"`.
 */
export function createTurnJudge(options: TurnJudgeOptions): TurnJudge {
  const detector = createSignalDetector(
    options.signals ?? SignalsConfigSchema.parse({}),
    options.support ?? {},
  );
  const decider: TurnDecider = {
    detectSignals: (input) =>
      detector.detect({ text: input.text, history: input.history, profile: input.profile }),
    policy: options.policy,
  };
  return (evalCase, match) => {
    const { signals, decision } = decideTurn(
      {
        match,
        question: evalCase.text,
        history: [],
        profile: { viewerId: 'eval-viewer', tier: evalCase.tier ?? 'regular' },
        unansweredTurns: 0,
      },
      decider,
    );
    const escalated = decision.action === 'escalate';
    return {
      action: decision.action,
      reasons: escalated ? decision.reasons : [],
      priority: escalated ? decision.priority : null,
      team: escalated ? decision.team : null,
      details: escalated ? decision.details : [],
      anger: signals.anger.score,
    };
  };
}
