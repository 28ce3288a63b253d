import type { MatchDecision } from '../../knowledge/matching/match-decision.js';
import type { EscalationPolicyConfig } from './escalation-policy-config.js';
import type { SignalReport } from './signal-report.js';

export type EscalationReason = 'human_request' | 'sensitive' | 'anger' | 'repetition' | 'low_confidence';
export type Priority = 'normal' | 'high' | 'urgent';

export type PolicyDecision =
  | {
      action: 'answer';
      /** `entry`: the entry's answer as is, no LLM (sensitive matters are never improvised on). */
      answerMode: 'composer' | 'entry';
    }
  | { action: 'clarify' }
  /** No confident match on a first try: say so plainly, offer the closest topics and the way to a person. */
  | { action: 'decline' }
  | {
      action: 'escalate';
      reasons: EscalationReason[];
      /** Why, in words an agent reads in the handoff packet. */
      details: string[];
      priority: Priority;
      team: string;
    };

export interface PolicyInput {
  match: MatchDecision;
  signals: SignalReport;
  /** Viewer turns in a row, before this one, that got no answer from the knowledge base. */
  unansweredTurns: number;
}

const SEVERITY_RANK = { low: 0, medium: 1, high: 2, critical: 3 } as const;

/** Turns match confidence and signals into what happens next. Pure and deterministic. */
export function decidePolicy(input: PolicyInput, config: EscalationPolicyConfig): PolicyDecision {
  const { match, signals } = input;
  const reasons: EscalationReason[] = [];
  const details: string[] = [];
  const answered = match.action === 'answer';

  if (signals.humanRequest.detected) {
    reasons.push('human_request');
    details.push(`asked for a person (${signals.humanRequest.cues.join(', ')})`);
  }
  const sensitive = [...signals.sensitive.categories].sort(
    (first, second) => SEVERITY_RANK[second.severity] - SEVERITY_RANK[first.severity],
  );
  if (sensitive.length > 0) {
    reasons.push('sensitive');
    for (const category of sensitive)
      details.push(`sensitive: ${category.category} (${category.cues.join(', ')})`);
  }
  const angry =
    signals.anger.detected ||
    (signals.anger.trend === 'rising' && signals.anger.score >= config.risingAngerThreshold);
  if (angry) {
    reasons.push('anger');
    details.push(
      `anger ${signals.anger.score.toFixed(2)}, ${signals.anger.trend} (${signals.anger.cues.join(', ')})`,
    );
  }
  if (signals.repetition.detected) {
    reasons.push('repetition');
    details.push(`repeated or said it did not help (${signals.repetition.cues.join(', ')})`);
  }
  const unansweredLimit = signals.vip
    ? config.vipUnansweredTurnsBeforeEscalation
    : config.unansweredTurnsBeforeEscalation;
  const upset = signals.anger.score >= config.risingAngerThreshold;
  if (!answered && (input.unansweredTurns + 1 >= unansweredLimit || upset)) {
    reasons.push('low_confidence');
    details.push(
      `no confident answer (confidence ${match.confidence.toFixed(2)}) after ${input.unansweredTurns + 1} attempt(s)`,
    );
  }

  if (reasons.length === 0) {
    if (answered) return { action: 'answer', answerMode: 'composer' };
    return match.action === 'clarify' ? { action: 'clarify' } : { action: 'decline' };
  }

  const mostSevere = sensitive[0];
  const team = mostSevere
    ? (config.sensitiveTeams[mostSevere.category] ?? config.teams.supervisor)
    : reasons.includes('anger')
      ? config.teams.complaints
      : signals.vip
        ? config.teams.vip
        : config.teams.general;
  const priority: Priority =
    mostSevere?.severity === 'critical'
      ? 'urgent'
      : mostSevere !== undefined || reasons.includes('anger') || signals.vip
        ? 'high'
        : 'normal';
  return { action: 'escalate', reasons, details, priority, team };
}

/** Whether the AI may write its own words about this matter, or only send the entry as written. */
export function mayImprovise(signals: SignalReport, config: EscalationPolicyConfig): boolean {
  return !signals.sensitive.categories.some((category) => config.noImprovisation.includes(category.category));
}
