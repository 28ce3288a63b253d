import { describe, expect, it } from 'vitest';
import { EntrySchema, type EntryInput } from '../entry.js';
import type { MatchCandidate, MatchDecision } from '../matching/match-decision.js';
import {
  applyRerankPick,
  candidatesToRerank,
  DEFAULT_RERANK_POLICY,
  describeCandidate,
} from './rerank-policy.js';

function candidate(
  id: string,
  confidence: number,
  fused = confidence,
  input: Partial<EntryInput> = {},
): MatchCandidate {
  const entry = EntrySchema.parse({
    id,
    locale: 'en',
    questions: [`about ${id}`],
    answer: `answer ${id}`,
    ...input,
  });
  return {
    entryId: id,
    entry,
    matchedLocale: entry.locale,
    confidence,
    scores: { fused, prototype: fused, nearestPhrasing: fused, lexical: fused },
    explanation: { sharedTerms: [] },
  };
}

function decision(action: MatchDecision['action'], candidates: MatchCandidate[]): MatchDecision {
  return {
    action,
    best: action === 'answer' ? candidates[0] : undefined,
    candidates,
    confidence: candidates[0]?.confidence ?? 0,
    margin: 0,
    query: { text: 'q', normalized: 'q', language: 'en', terms: [] },
    reason: 'offline reason',
    thresholds: {
      answerMinConfidence: 0.5,
      clarifyMinConfidence: 0.3,
      clarifyMinRatio: 0.95,
      minFusedScore: 0.06,
    },
  };
}

const ids = (candidates: readonly MatchCandidate[] | undefined) => candidates?.map((each) => each.entryId);

describe('candidatesToRerank', () => {
  it('reconsiders every clarify, showing the best two and the others that are not far behind', () => {
    const shown = candidatesToRerank(
      decision('clarify', [
        candidate('a', 0.4),
        candidate('b', 0.39),
        candidate('c', 0.2),
        candidate('d', 0.05),
      ]),
    );
    expect(ids(shown)).toEqual(['a', 'b', 'c']);
  });

  it('shows at most maxCandidates', () => {
    const many = Array.from({ length: 8 }, (_, index) => candidate(`e${index}`, 0.4 - index * 0.01));
    expect(candidatesToRerank(decision('clarify', many))).toHaveLength(DEFAULT_RERANK_POLICY.maxCandidates);
  });

  it('reconsiders an answer only when the runner-up is close behind', () => {
    expect(candidatesToRerank(decision('answer', [candidate('a', 0.7), candidate('b', 0.5)]))).toBeDefined();
    expect(
      candidatesToRerank(decision('answer', [candidate('a', 0.9), candidate('b', 0.2)])),
    ).toBeUndefined();
    expect(candidatesToRerank(decision('answer', [candidate('a', 0.9)]))).toBeUndefined();
  });

  it('reconsiders a decline only when its best candidate is a near miss', () => {
    expect(ids(candidatesToRerank(decision('none', [candidate('a', 0.2), candidate('b', 0.01)])))).toEqual([
      'a',
      'b',
    ]);
    expect(candidatesToRerank(decision('none', [candidate('a', 0.1)]))).toBeUndefined();
    expect(candidatesToRerank(decision('none', []))).toBeUndefined();
  });
});

describe('describeCandidate', () => {
  it('shows the matched language view: the nearest phrasing first, a few phrasings, the answer cut short', () => {
    const matched: MatchCandidate = {
      ...candidate('coins', 0.5, 0.5, {
        locale: 'zh',
        questions: ['怎么充值', '充值入口'],
        answer: '进入钱包充值。',
        translations: {
          en: {
            questions: ['how to top up', 'where to buy coins', 'recharge', 'add coins'],
            answer: 'x'.repeat(500),
          },
        },
      }),
      matchedLocale: 'en',
      explanation: { nearestPhrasing: { text: 'recharge', similarity: 0.8 }, sharedTerms: [] },
    };
    const described = describeCandidate(matched);
    expect(described.entryId).toBe('coins');
    expect(described.phrasings).toEqual(['recharge', 'how to top up', 'where to buy coins']);
    expect(described.answerExcerpt).toBe(`${'x'.repeat(DEFAULT_RERANK_POLICY.answerExcerptChars)}…`);
  });
});

describe('applyRerankPick', () => {
  const options = { rerankerId: 'test-model' };
  const clarify = decision('clarify', [
    candidate('a', 0.4, 0.5),
    candidate('b', 0.39, 0.45),
    candidate('c', 0.1),
  ]);
  const shown = candidatesToRerank(clarify)!;

  it('answers the picked candidate, first among the candidates, with the reranker named in the reason', () => {
    const applied = applyRerankPick(clarify, shown, { entryId: 'b', confidence: 0.8 }, options);
    expect(applied.outcome).toBe('changed');
    expect(applied.decision.action).toBe('answer');
    expect(applied.decision.best?.entryId).toBe('b');
    expect(ids(applied.decision.candidates)).toEqual(['b', 'a', 'c']);
    expect(applied.decision.confidence).toBe(0.8);
    expect(applied.decision.margin).toBeCloseTo(0.45 - 0.5);
    expect(applied.decision.candidates[0]?.confidence).toBe(0.39);
    expect(applied.decision.reason).toContain('The reranker (test-model) chose "b"');
    expect(applied.decision.reason).toContain('offline decision: clarify, offline reason');
  });

  it('declines when the reranker is sure none of them answers', () => {
    const applied = applyRerankPick(clarify, shown, { entryId: null, confidence: 0.9 }, options);
    expect(applied.outcome).toBe('changed');
    expect(applied.decision).toMatchObject({ action: 'none', best: undefined });
    expect(applied.decision.candidates).toEqual(clarify.candidates);
    expect(applied.decision.reason).toContain('none of the 3 closest entries');
  });

  it('keeps the decision as it was when the pick is unsure or absent', () => {
    expect(applyRerankPick(clarify, shown, { entryId: 'b', confidence: 0.3 }, options)).toEqual({
      outcome: 'kept',
      decision: clarify,
    });
    expect(applyRerankPick(clarify, shown, undefined, options)).toEqual({
      outcome: 'kept',
      decision: clarify,
    });
  });

  it('rejects an entry it was not shown, even one the matcher ranked lower', () => {
    const twoShown = shown.slice(0, 2);
    expect(applyRerankPick(clarify, twoShown, { entryId: 'c', confidence: 0.99 }, options)).toEqual({
      outcome: 'unknown-candidate',
      decision: clarify,
    });
    expect(applyRerankPick(clarify, shown, { entryId: 'zzz', confidence: 0.99 }, options).outcome).toBe(
      'unknown-candidate',
    );
  });

  it('counts an agreeing pick as kept while still saying the reranker decided', () => {
    const answer = decision('answer', [candidate('a', 0.7), candidate('b', 0.6)]);
    const applied = applyRerankPick(
      answer,
      candidatesToRerank(answer)!,
      { entryId: 'a', confidence: 0.9 },
      options,
    );
    expect(applied.outcome).toBe('kept');
    expect(applied.decision.best?.entryId).toBe('a');
    expect(applied.decision.reason).toContain('The reranker (test-model) chose "a"');
  });
});
