import { describe, expect, it } from 'vitest';
import type { MatchDecision } from '../../knowledge/matching/match-decision.js';
import { decidePolicy, mayImprovise } from './escalation-policy.js';
import { EscalationPolicyConfigSchema, POLICY_PRESETS } from './escalation-policy-config.js';
import type { SignalReport } from './signal-report.js';

const calm: SignalReport = {
  anger: { score: 0, detected: false, cues: [], trend: 'steady' },
  humanRequest: { detected: false, cues: [] },
  repetition: { detected: false, similarity: 0, cues: [] },
  sensitive: { categories: [] },
  vip: false,
};

function signals(overrides: Partial<SignalReport>): SignalReport {
  return { ...calm, ...overrides };
}

function match(action: MatchDecision['action'], confidence: number): MatchDecision {
  return {
    action,
    confidence,
    margin: 0.2,
    candidates: [],
    query: { text: 'q', normalized: 'q', language: 'en', terms: [] },
    reason: '',
    thresholds: {
      answerMinConfidence: 0.5,
      clarifyMinConfidence: 0.3,
      clarifyMinRatio: 0.95,
      minFusedScore: 0.1,
    },
  };
}

const config = POLICY_PRESETS.show;

describe('escalation policy', () => {
  it('answers a confident match from a calm viewer through the composer', () => {
    expect(decidePolicy({ match: match('answer', 0.9), signals: calm, unansweredTurns: 0 }, config)).toEqual({
      action: 'answer',
      answerMode: 'composer',
    });
  });

  it('does not page a person for a first question it cannot answer', () => {
    expect(decidePolicy({ match: match('none', 0.1), signals: calm, unansweredTurns: 0 }, config)).toEqual({
      action: 'decline',
    });
    expect(decidePolicy({ match: match('clarify', 0.4), signals: calm, unansweredTurns: 0 }, config)).toEqual(
      { action: 'clarify' },
    );
  });

  it('escalates low confidence when the viewer asks again', () => {
    const decision = decidePolicy({ match: match('none', 0.1), signals: calm, unansweredTurns: 1 }, config);
    expect(decision).toMatchObject({
      action: 'escalate',
      reasons: ['low_confidence'],
      team: 'support',
      priority: 'normal',
    });
  });

  it('escalates low confidence at once for an upset viewer', () => {
    const upset = signals({ anger: { score: 0.45, detected: false, cues: ['!!!'], trend: 'steady' } });
    expect(
      decidePolicy({ match: match('none', 0.1), signals: upset, unansweredTurns: 0 }, config),
    ).toMatchObject({ action: 'escalate', reasons: ['low_confidence'] });
  });

  it('sends an angry viewer to the complaints team with high priority, without answering first', () => {
    const angry = signals({ anger: { score: 0.8, detected: true, cues: ['垃圾', '!!!'], trend: 'rising' } });
    const decision = decidePolicy(
      { match: match('answer', 0.9), signals: angry, unansweredTurns: 0 },
      config,
    );
    expect(decision).toMatchObject({
      action: 'escalate',
      reasons: ['anger'],
      team: 'complaints',
      priority: 'high',
    });
    expect(decision).not.toHaveProperty('answerWhileWaiting');
  });

  it('escalates rising anger from a lower score', () => {
    const rising = signals({ anger: { score: 0.45, detected: false, cues: [], trend: 'rising' } });
    expect(
      decidePolicy({ match: match('answer', 0.9), signals: rising, unansweredTurns: 0 }, config),
    ).toMatchObject({ action: 'escalate', reasons: ['anger'] });
  });

  it('hands a plain request for a person over even with a confident match, without answering too', () => {
    const wantsHuman = signals({ humanRequest: { detected: true, cues: ['转人工'] } });
    const decision = decidePolicy(
      { match: match('answer', 0.9), signals: wantsHuman, unansweredTurns: 0 },
      config,
    );
    expect(decision).toMatchObject({
      action: 'escalate',
      reasons: ['human_request'],
      team: 'support',
    });
    expect(decision).not.toHaveProperty('answerWhileWaiting');
  });

  it('routes a VIP asking for a person to the VIP team with high priority', () => {
    const vip = signals({ vip: true, humanRequest: { detected: true, cues: ['agent'] } });
    expect(
      decidePolicy({ match: match('none', 0.1), signals: vip, unansweredTurns: 0 }, config),
    ).toMatchObject({ team: 'vip-care', priority: 'high' });
  });

  it('escalates a VIP after one unanswered turn', () => {
    const vip = signals({ vip: true });
    expect(
      decidePolicy({ match: match('none', 0.1), signals: vip, unansweredTurns: 0 }, config),
    ).toMatchObject({ action: 'escalate', reasons: ['low_confidence'] });
  });

  it('routes the most severe sensitive matter to its team, a safety matter urgently to a supervisor', () => {
    const sensitive = signals({
      sensitive: {
        categories: [
          { category: 'large_dispute', severity: 'medium', cues: ['扣了 3000 元'] },
          { category: 'safety', severity: 'critical', cues: ['不想活了'] },
        ],
      },
    });
    expect(
      decidePolicy({ match: match('answer', 0.9), signals: sensitive, unansweredTurns: 0 }, config),
    ).toMatchObject({
      action: 'escalate',
      reasons: ['sensitive'],
      team: 'supervisor',
      priority: 'urgent',
    });
    expect(mayImprovise(sensitive, config)).toBe(false);
    expect(mayImprovise(calm, config)).toBe(true);
  });

  it('meets a safety matter with a caring reply and the hotline, and nothing else does', () => {
    const danger = signals({
      sensitive: { categories: [{ category: 'safety', severity: 'critical', cues: ['不想活了'] }] },
    });
    expect(
      decidePolicy({ match: match('answer', 0.9), signals: danger, unansweredTurns: 0 }, config),
    ).toMatchObject({ action: 'escalate', priority: 'urgent', safeReply: true });
    const fraud = signals({
      sensitive: { categories: [{ category: 'fraud', severity: 'high', cues: ['被骗'] }] },
    });
    expect(
      decidePolicy({ match: match('answer', 0.9), signals: fraud, unansweredTurns: 0 }, config),
    ).toMatchObject({ action: 'escalate', priority: 'high', safeReply: false, team: 'trust-safety' });
  });

  it('sends threats to go public and viewers who are leaving to complaints, high, even with an answer', () => {
    for (const overrides of [
      { publicThreat: { detected: true, cues: ['12315'] } },
      { churn: { detected: true, cues: ['卸载'] } },
    ]) {
      expect(
        decidePolicy(
          { match: match('answer', 0.9), signals: signals(overrides), unansweredTurns: 0 },
          config,
        ),
      ).toMatchObject({
        action: 'escalate',
        reasons: [Object.keys(overrides)[0] === 'publicThreat' ? 'public_threat' : 'churn'],
        team: 'complaints',
        priority: 'high',
      });
    }
  });

  it('answers mild annoyance when it has an answer, and escalates it when it has none or the temper rises', () => {
    const annoyed = (trend: 'steady' | 'rising') =>
      signals({ anger: { score: 0.55, detected: true, cues: ['烦死'], trend, mild: true } });
    expect(
      decidePolicy({ match: match('answer', 0.9), signals: annoyed('steady'), unansweredTurns: 0 }, config),
    ).toMatchObject({ action: 'answer' });
    expect(
      decidePolicy({ match: match('none', 0.1), signals: annoyed('steady'), unansweredTurns: 0 }, config),
    ).toMatchObject({ action: 'escalate', reasons: ['anger', 'low_confidence'] });
    expect(
      decidePolicy({ match: match('answer', 0.9), signals: annoyed('rising'), unansweredTurns: 0 }, config),
    ).toMatchObject({ action: 'escalate', reasons: ['anger'] });
    const abusive = signals({
      anger: { score: 0.9, detected: true, cues: ['垃圾'], trend: 'steady', mild: false },
    });
    expect(
      decidePolicy({ match: match('answer', 0.9), signals: abusive, unansweredTurns: 0 }, config),
    ).toMatchObject({ action: 'escalate', reasons: ['anger'] });
  });

  it('escalates a viewer who says the answer did not help', () => {
    const repeated = signals({ repetition: { detected: true, similarity: 0.9, cues: ['没用'] } });
    expect(
      decidePolicy({ match: match('answer', 0.9), signals: repeated, unansweredTurns: 0 }, config),
    ).toMatchObject({ action: 'escalate', reasons: ['repetition'] });
  });

  it('has presets that validate', () => {
    for (const preset of Object.values(POLICY_PRESETS))
      expect(EscalationPolicyConfigSchema.parse(preset)).toEqual(preset);
    expect(() => EscalationPolicyConfigSchema.parse({ ...config, risingAngerThreshold: 2 })).toThrow();
  });
});
