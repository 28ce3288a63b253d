import { describe, expect, it } from 'vitest';
import type { EscalationReason, Priority } from '../../engine/policy/escalation-policy.js';
import type { EscalationOutcome } from './escalation-outcome.js';
import { escalationMetrics, escalationScores } from './escalation-metrics.js';

function outcome(
  text: string,
  label: { label: string; should: boolean; locale: 'en' | 'zh'; confidence: number },
  verdict:
    | { action: 'answer' | 'decline' | 'clarify' }
    | { action: 'escalate'; reasons: EscalationReason[]; priority: Priority },
): EscalationOutcome {
  const escalated = verdict.action === 'escalate';
  return {
    text,
    locale: label.locale,
    expected: null,
    shouldEscalate: label.should,
    label: label.label,
    tier: 'regular',
    matchAction: 'answer',
    answeredId: null,
    confidence: label.confidence,
    verdict: {
      action: verdict.action,
      reasons: escalated ? verdict.reasons : [],
      priority: escalated ? verdict.priority : null,
      team: escalated ? 'support' : null,
      details: [],
      anger: 0,
    },
  };
}

// Nine hand-made cases (the numbers below were worked out by hand from this table):
//   #  label          should  policy                        locale  confidence
//   1  anger          yes     escalate [anger] high          zh      0.90   true positive
//   2  anger          yes     answer                         en      0.80   false negative
//   3  human_request  yes     escalate [human_request]       en      0.20   true positive
//   4  sensitive      yes     escalate [low_confidence]      zh      0.10   true positive, reason not named
//   5  match          no      escalate [anger] high          en      0.95   false positive
//   6  match          no      answer                         zh      0.90
//   7  oos            no      decline                        en      0.10
//   8  oos            no      escalate [sensitive] urgent    zh      0.20   false positive
//   9  vip            yes     escalate [low_confidence]      en      0.10   true positive
const outcomes = [
  outcome(
    '1',
    { label: 'anger', should: true, locale: 'zh', confidence: 0.9 },
    { action: 'escalate', reasons: ['anger'], priority: 'high' },
  ),
  outcome('2', { label: 'anger', should: true, locale: 'en', confidence: 0.8 }, { action: 'answer' }),
  outcome(
    '3',
    { label: 'human_request', should: true, locale: 'en', confidence: 0.2 },
    { action: 'escalate', reasons: ['human_request'], priority: 'normal' },
  ),
  outcome(
    '4',
    { label: 'sensitive', should: true, locale: 'zh', confidence: 0.1 },
    { action: 'escalate', reasons: ['low_confidence'], priority: 'normal' },
  ),
  outcome(
    '5',
    { label: 'match', should: false, locale: 'en', confidence: 0.95 },
    { action: 'escalate', reasons: ['anger'], priority: 'high' },
  ),
  outcome('6', { label: 'match', should: false, locale: 'zh', confidence: 0.9 }, { action: 'answer' }),
  outcome('7', { label: 'oos', should: false, locale: 'en', confidence: 0.1 }, { action: 'decline' }),
  outcome(
    '8',
    { label: 'oos', should: false, locale: 'zh', confidence: 0.2 },
    { action: 'escalate', reasons: ['sensitive'], priority: 'urgent' },
  ),
  outcome(
    '9',
    { label: 'vip', should: true, locale: 'en', confidence: 0.1 },
    { action: 'escalate', reasons: ['low_confidence'], priority: 'high' },
  ),
];

const metrics = escalationMetrics(outcomes, { policy: 'show', missesKept: 10 });

describe('escalation metrics on hand-made outcomes', () => {
  it('scores escalating against the labels', () => {
    // Should escalate: #1 #2 #3 #4 #9 = 5. Escalated: #1 #3 #4 #5 #8 #9 = 6. True positives: #1 #3 #4 #9 = 4.
    // False positives: #5 #8 = 2; false negatives: #2 = 1. Precision 4/6 = 2/3, recall 4/5,
    // F1 = 2·4 / (2·4 + 2 + 1) = 8/11 (= 2·(2/3)·(4/5) / (2/3 + 4/5) = (16/15) / (22/15)).
    expect(metrics).toMatchObject({
      policy: 'show',
      count: 9,
      shouldEscalate: 5,
      escalated: 6,
      truePositives: 4,
      falsePositives: 2,
      falseNegatives: 1,
    });
    expect(metrics?.precision).toBeCloseTo(2 / 3, 12);
    expect(metrics?.recall).toBeCloseTo(4 / 5, 12);
    expect(metrics?.f1).toBeCloseTo(8 / 11, 12);
  });

  it('breaks it down by reason label, with whether the policy named the reason', () => {
    // match: #5 #6, one escalated (a false alarm). oos: #7 #8, one escalated. anger: #1 #2, one escalated,
    // and #1's reasons include anger → 1/1. human_request: #3, escalated, named. sensitive: #4, escalated
    // but for low_confidence → 0/1. vip: #9, escalated; not a reason the policy gives → null.
    expect(Object.keys(metrics?.byReason ?? {})).toEqual([
      'match',
      'oos',
      'anger',
      'human_request',
      'sensitive',
      'vip',
    ]);
    expect(metrics?.byReason).toEqual({
      match: {
        count: 2,
        shouldEscalate: 0,
        escalated: 1,
        escalatedRate: 0.5,
        recall: null,
        reasonAccuracy: null,
      },
      oos: {
        count: 2,
        shouldEscalate: 0,
        escalated: 1,
        escalatedRate: 0.5,
        recall: null,
        reasonAccuracy: null,
      },
      anger: {
        count: 2,
        shouldEscalate: 2,
        escalated: 1,
        escalatedRate: 0.5,
        recall: 0.5,
        reasonAccuracy: 1,
      },
      human_request: {
        count: 1,
        shouldEscalate: 1,
        escalated: 1,
        escalatedRate: 1,
        recall: 1,
        reasonAccuracy: 1,
      },
      sensitive: {
        count: 1,
        shouldEscalate: 1,
        escalated: 1,
        escalatedRate: 1,
        recall: 1,
        reasonAccuracy: 0,
      },
      vip: { count: 1, shouldEscalate: 1, escalated: 1, escalatedRate: 1, recall: 1, reasonAccuracy: null },
    });
  });

  it('breaks it down by language', () => {
    // en: #2 #3 #5 #7 #9. Should: #2 #3 #9 = 3; escalated: #3 #5 #9 = 3; TP #3 #9 = 2, FP #5, FN #2.
    //   Precision 2/3, recall 2/3, F1 4/6 = 2/3.
    // zh: #1 #4 #6 #8. Should: #1 #4 = 2; escalated: #1 #4 #8 = 3; TP 2, FP #8, FN none.
    //   Precision 2/3, recall 1, F1 4/5.
    expect(Object.keys(metrics?.byLocale ?? {})).toEqual(['en', 'zh']);
    expect(metrics?.byLocale.en).toMatchObject({
      count: 5,
      shouldEscalate: 3,
      escalated: 3,
      truePositives: 2,
      falsePositives: 1,
      falseNegatives: 1,
    });
    expect(metrics?.byLocale.en?.f1).toBeCloseTo(2 / 3, 12);
    expect(metrics?.byLocale.zh).toMatchObject({
      count: 4,
      truePositives: 2,
      falsePositives: 1,
      falseNegatives: 0,
      recall: 1,
    });
    expect(metrics?.byLocale.zh?.precision).toBeCloseTo(2 / 3, 12);
    expect(metrics?.byLocale.zh?.f1).toBeCloseTo(4 / 5, 12);
  });

  it('lists the false alarms most urgent first, and the missed escalations', () => {
    // #8 paged a supervisor urgently; #5 only at high priority, though its match was more confident.
    expect(metrics?.worstFalsePositives.map((item) => item.text)).toEqual(['8', '5']);
    expect(metrics?.missedEscalations.map((item) => item.text)).toEqual(['2']);
    expect(
      escalationMetrics(outcomes, { policy: 'show', missesKept: 1 })?.worstFalsePositives.map(
        (item) => item.text,
      ),
    ).toEqual(['8']);
  });

  it('says unknown rather than zero when there is nothing to divide by', () => {
    // No labelled case: no escalation block at all.
    expect(escalationMetrics([], { policy: 'show', missesKept: 10 })).toBeNull();
    // Only calm cases, none escalated: precision (0/0), recall (0/0) and F1 (0/0) are unknown.
    const calm = [outcomes[5]!, outcomes[6]!];
    expect(escalationScores(calm)).toMatchObject({ count: 2, precision: null, recall: null, f1: null });
    // One case that should escalate, not escalated: precision unknown (0/0), recall 0/1, F1 0/(0 + 0 + 1) = 0.
    expect(escalationScores([outcomes[1]!])).toMatchObject({ precision: null, recall: 0, f1: 0 });
  });
});
