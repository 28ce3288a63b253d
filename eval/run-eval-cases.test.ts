import { describe, expect, it } from 'vitest';
import type { MatchCandidate, MatchDecision } from '../knowledge/matching/match-decision.js';
import { DEFAULT_MATCHER_CONFIG } from '../knowledge/matching/matcher-config.js';
import { runEvalCases } from './run-eval-cases.js';

function candidate(entryId: string, fused: number): MatchCandidate {
  return {
    entryId,
    entry: {
      id: entryId,
      locale: 'en',
      questions: ['q'],
      answer: 'a',
      translations: {},
      tags: [],
      enabled: true,
    },
    matchedLocale: 'en',
    confidence: fused,
    scores: { fused, prototype: fused, nearestPhrasing: fused, lexical: 0 },
    explanation: {
      nearestPhrasing: { text: `a phrasing of ${entryId}`, similarity: fused },
      sharedTerms: ['order'],
    },
  };
}

function decision(
  text: string,
  candidates: MatchCandidate[],
  action: MatchDecision['action'],
): MatchDecision {
  return {
    action,
    best: action === 'answer' ? candidates[0] : undefined,
    candidates,
    confidence: candidates[0]?.confidence ?? 0,
    margin: 0,
    query: { text, normalized: text, language: 'en', terms: [] },
    reason: 'scripted',
    thresholds: DEFAULT_MATCHER_CONFIG.thresholds,
  };
}

describe('runEvalCases', () => {
  it('records the decision, the rank of the expected entry and the time of each timed ask', async () => {
    const asked: string[] = [];
    const answerer = {
      ask(text: string) {
        asked.push(text);
        return Promise.resolve(
          decision(
            text,
            [candidate('shipping', 0.8), candidate('refund', 0.6)],
            text === 'refund?' ? 'clarify' : 'answer',
          ),
        );
      },
    };
    let clock = 0;
    const now = () => (clock += 2.5);

    const outcomes = await runEvalCases(
      answerer,
      [
        { text: 'where is my parcel', expected: 'shipping' },
        { text: 'refund?', expected: 'refund', locale: 'en' },
        { text: '今天天气', expected: null },
      ],
      { now, warmUpQuestions: 1 },
    );

    // One untimed warm-up ask, then the three timed ones.
    expect(asked).toEqual(['where is my parcel', 'where is my parcel', 'refund?', '今天天气']);
    expect(
      outcomes.map((outcome) => [outcome.answeredId, outcome.rank, outcome.locale, outcome.latencyMs]),
    ).toEqual([
      ['shipping', 1, 'en', 2.5],
      [null, 2, 'en', 2.5],
      ['shipping', null, 'zh', 2.5],
    ]);
    expect(outcomes[1]).toMatchObject({
      action: 'clarify',
      confidence: 0.8,
      bestFused: 0.8,
      runnerUpFused: 0.6,
    });
    expect(outcomes[0]?.candidates[0]).toEqual({
      entryId: 'shipping',
      confidence: 0.8,
      fused: 0.8,
      prototype: 0.8,
      nearestPhrasing: 0.8,
      lexical: 0,
      nearestPhrasingText: 'a phrasing of shipping',
      sharedTerms: ['order'],
    });
  });
});
