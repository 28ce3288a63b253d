import type { MatchDecision } from '../../knowledge/matching/match-decision.js';
import type { EscalationPolicyConfig } from './escalation-policy-config.js';
import type { SignalReport } from './signal-report.js';

export type EscalationReason =
  'human_request' | 'sensitive' | 'anger' | 'public_threat' | 'churn' | 'repetition' | 'low_confidence';
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
      /**
       * A safety matter (self-harm, threats to others): the viewer gets a caring word and the hotline, never
       * an answer from the knowledge base, and the conversation jumps every queue.
       */
      safeReply: boolean;
    };

export interface PolicyInput {
  match: MatchDecision;
  signals: SignalReport;
  /** Viewer turns in a row, before this one, that got no answer from the knowledge base. */
  unansweredTurns: number;
}

const SEVERITY_RANK = { low: 0, medium: 1, high: 2, critical: 3 } as const;

/** Reasons that make a conversation a complaint: the complaints team takes it, in the high lane. */
const COMPLAINT_REASONS: ReadonlySet<EscalationReason> = new Set(['anger', 'public_threat', 'churn']);

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
  // Annoyance alone ("ugh, the stream keeps freezing, any fix?") with an answer to give gets the answer;
  // abuse, shouting, sarcasm or a rising temper get a person.
  const annoyedButAnswerable = signals.anger.mild === true && answered && signals.anger.trend !== 'rising';
  const angry =
    (signals.anger.detected && !annoyedButAnswerable) ||
    (signals.anger.trend === 'rising' && signals.anger.score >= config.risingAngerThreshold);
  if (angry) {
    reasons.push('anger');
    details.push(
      `anger ${signals.anger.score.toFixed(2)}, ${signals.anger.trend} (${signals.anger.cues.join(', ')})`,
    );
  }
  const threat = signals.publicThreat;
  if (threat?.detected) {
    reasons.push('public_threat');
    details.push(`threatens to go public or to an authority (${threat.cues.join(', ')})`);
  }
  if (signals.churn?.detected) {
    reasons.push('churn');
    details.push(`says they are leaving (${signals.churn.cues.join(', ')})`);
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
  const complaint = reasons.some((reason) => COMPLAINT_REASONS.has(reason));
  const team = mostSevere
    ? (config.sensitiveTeams[mostSevere.category] ?? config.teams.supervisor)
    : complaint
      ? config.teams.complaints
      : signals.vip
        ? config.teams.vip
        : config.teams.general;
  const priority: Priority =
    mostSevere?.severity === 'critical'
      ? 'urgent'
      : mostSevere !== undefined || complaint || signals.vip
        ? 'high'
        : 'normal';
  const safeReply = sensitive.some((topic) => config.safetyCategories.includes(topic.category));
  return { action: 'escalate', reasons, details, priority, team, safeReply };
}

/** Whether the AI may write its own words about this matter, or only send the entry as written. */
export function mayImprovise(signals: SignalReport, config: EscalationPolicyConfig): boolean {
  return !signals.sensitive.categories.some((category) => config.noImprovisation.includes(category.category));
}
