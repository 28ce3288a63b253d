import { describe, expect, it } from 'vitest';
import type { MatchDecision } from '../../knowledge/matching/match-decision.js';
import { POLICY_PRESETS } from '../policy/escalation-policy-config.js';
import type { SignalReport } from '../policy/signal-report.js';
import { decideTurn } from './decide-turn.js';
import type { SignalInput } from './turn-context.js';

const calm: SignalReport = {
  anger: { score: 0, detected: false, cues: [], trend: 'steady' },
  humanRequest: { detected: false, cues: [] },
  repetition: { detected: false, similarity: 0, cues: [] },
  sensitive: { categories: [] },
  vip: false,
};

function match(action: MatchDecision['action']): MatchDecision {
  return {
    action,
    confidence: action === 'answer' ? 0.9 : 0.1,
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

describe('decideTurn', () => {
  it('reads the signals of the question with its history and profile, then lets the policy decide', () => {
    const seen: SignalInput[] = [];
    const decider = {
      detectSignals: (input: SignalInput) => {
        seen.push(input);
        return { ...calm, humanRequest: { detected: true, cues: ['转人工'] } };
      },
      policy: POLICY_PRESETS.show,
    };
    const profile = { viewerId: 'v1', tier: 'regular' as const };

    const { signals, decision } = decideTurn(
      { match: match('answer'), question: '转人工', history: ['怎么充值'], profile, unansweredTurns: 0 },
      decider,
    );

    expect(seen).toEqual([{ text: '转人工', history: ['怎么充值'], profile }]);
    expect(signals.humanRequest.detected).toBe(true);
    expect(decision).toMatchObject({
      action: 'escalate',
      reasons: ['human_request'],
    });
  });

  it('declines a calm first question it cannot answer, and escalates the same after an unanswered turn', () => {
    const decider = { detectSignals: () => calm, policy: POLICY_PRESETS.show };
    const input = {
      match: match('none'),
      question: 'weather?',
      history: [],
      profile: { viewerId: 'v1', tier: 'regular' as const },
    };

    expect(decideTurn({ ...input, unansweredTurns: 0 }, decider).decision).toEqual({ action: 'decline' });
    expect(decideTurn({ ...input, unansweredTurns: 1 }, decider).decision).toMatchObject({
      action: 'escalate',
      reasons: ['low_confidence'],
    });
  });
});
