import type { EscalationReason } from '../../engine/policy/escalation-policy.js';
import { fraction } from '../fraction.js';
import { isEscalated, type EscalationOutcome } from './escalation-outcome.js';

/** Reasons the policy can give; a case label among them can be checked against the policy's reasons. */
const POLICY_REASONS: readonly string[] = [
  'human_request',
  'sensitive',
  'anger',
  'public_threat',
  'churn',
  'repetition',
  'low_confidence',
] satisfies EscalationReason[];

/** The labels of ../shared/DESIGN.md in reading order; any other label follows, alphabetically. */
const LABEL_ORDER = ['match', 'oos', 'anger', 'human_request', 'sensitive'];

const PRIORITY_RANK = { urgent: 3, high: 2, normal: 1 } as const;

/** "Escalated" means the policy's action was `escalate`; a positive is a case labelled `escalate: true`. */
export interface EscalationScores {
  /** Cases with an `escalate` label. */
  count: number;
  /** Labelled `escalate: true`. */
  shouldEscalate: number;
  /** The policy escalated. */
  escalated: number;
  truePositives: number;
  /** Escalated, labelled `escalate: false`: a person paged for nothing. */
  falsePositives: number;
  /** Labelled `escalate: true`, not escalated: a viewer who needed a person and did not get one. */
  falseNegatives: number;
  /** truePositives / escalated; null when nothing was escalated. */
  precision: number | null;
  /** truePositives / shouldEscalate; null when no case should be. */
  recall: number | null;
  /** 2·TP / (2·TP + FP + FN), the harmonic mean of the two; null when there is neither a positive nor an escalation. */
  f1: number | null;
}

export interface ReasonMetrics {
  /** Labelled cases with this `reason`. */
  count: number;
  shouldEscalate: number;
  escalated: number;
  /** escalated / count: the recall of a label whose cases should escalate, the false-alarm rate of one whose cases should not. */
  escalatedRate: number | null;
  /** Of this label's `escalate: true` cases, the share escalated; null when it has none. */
  recall: number | null;
  /**
   * For a label the policy can name (anger, human_request, sensitive, ...): of this label's escalated
   * cases, the share whose policy reasons include the label. Null for other labels or when none was escalated.
   */
  reasonAccuracy: number | null;
}

export interface EscalationMetrics extends EscalationScores {
  /** The policy preset the cases were run through. */
  policy: string;
  /** Per case `reason` label, in the order match, oos, anger, human_request, sensitive, then others. */
  byReason: Record<string, ReasonMetrics>;
  /** The same scores per case language, languages in alphabetical order. */
  byLocale: Record<string, EscalationScores>;
  /** Escalated though labelled `escalate: false`: most urgent first, then the most confident matches. */
  worstFalsePositives: EscalationOutcome[];
  /** Labelled `escalate: true` but not escalated, by label. */
  missedEscalations: EscalationOutcome[];
}

/** Precision, recall and F1 of "the policy escalated" against the `escalate` labels. */
export function escalationScores(outcomes: readonly EscalationOutcome[]): EscalationScores {
  let shouldEscalate = 0;
  let escalated = 0;
  let truePositives = 0;
  for (const outcome of outcomes) {
    if (outcome.shouldEscalate) shouldEscalate += 1;
    if (isEscalated(outcome)) escalated += 1;
    if (outcome.shouldEscalate && isEscalated(outcome)) truePositives += 1;
  }
  const falsePositives = escalated - truePositives;
  const falseNegatives = shouldEscalate - truePositives;
  return {
    count: outcomes.length,
    shouldEscalate,
    escalated,
    truePositives,
    falsePositives,
    falseNegatives,
    precision: fraction(truePositives, escalated),
    recall: fraction(truePositives, shouldEscalate),
    f1: fraction(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives),
  };
}

function reasonMetrics(label: string, outcomes: readonly EscalationOutcome[]): ReasonMetrics {
  const escalated = outcomes.filter(isEscalated);
  const positives = outcomes.filter((outcome) => outcome.shouldEscalate);
  const named = POLICY_REASONS.includes(label)
    ? escalated.filter((outcome) => (outcome.verdict.reasons as string[]).includes(label)).length
    : null;
  return {
    count: outcomes.length,
    shouldEscalate: positives.length,
    escalated: escalated.length,
    escalatedRate: fraction(escalated.length, outcomes.length),
    recall: fraction(positives.filter(isEscalated).length, positives.length),
    reasonAccuracy: named === null ? null : fraction(named, escalated.length),
  };
}

function labelRank(label: string): number {
  const index = LABEL_ORDER.indexOf(label);
  return index === -1 ? LABEL_ORDER.length : index;
}

const byLabel = (first: string, second: string) =>
  labelRank(first) - labelRank(second) || first.localeCompare(second);

/** Every escalation metric over the cases with an `escalate` label; null when none has one. */
export function escalationMetrics(
  outcomes: readonly EscalationOutcome[],
  options: { policy: string; missesKept: number },
): EscalationMetrics | null {
  if (outcomes.length === 0) return null;
  const labels = [
    ...new Set(outcomes.flatMap((outcome) => (outcome.label === null ? [] : [outcome.label]))),
  ].sort(byLabel);
  const locales = [...new Set(outcomes.map((outcome) => outcome.locale))].sort();
  const severity = (outcome: EscalationOutcome) =>
    outcome.verdict.priority === null ? 0 : PRIORITY_RANK[outcome.verdict.priority];
  return {
    policy: options.policy,
    ...escalationScores(outcomes),
    byReason: Object.fromEntries(
      labels.map((label) => [
        label,
        reasonMetrics(
          label,
          outcomes.filter((outcome) => outcome.label === label),
        ),
      ]),
    ),
    byLocale: Object.fromEntries(
      locales.map((locale) => [
        locale,
        escalationScores(outcomes.filter((outcome) => outcome.locale === locale)),
      ]),
    ),
    worstFalsePositives: outcomes
      .filter((outcome) => !outcome.shouldEscalate && isEscalated(outcome))
      .sort((first, second) => severity(second) - severity(first) || second.confidence - first.confidence)
      .slice(0, options.missesKept),
    missedEscalations: outcomes
      .filter((outcome) => outcome.shouldEscalate && !isEscalated(outcome))
      .sort((first, second) => byLabel(first.label ?? '~', second.label ?? '~'))
      .slice(0, options.missesKept),
  };
}
