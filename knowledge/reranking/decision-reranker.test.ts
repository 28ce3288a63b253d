import { describe, expect, it } from 'vitest';
import { EntrySchema } from '../entry.js';
import { LivedeskError } from '../errors.js';
import type { MatchCandidate, MatchDecision } from '../matching/match-decision.js';
import type { CandidateReranker, RerankPick } from './candidate-reranker.js';
import { createDecisionReranker } from './decision-reranker.js';

function candidate(id: string, confidence: number): MatchCandidate {
  const entry = EntrySchema.parse({ id, locale: 'en', questions: [`about ${id}`], answer: `answer ${id}` });
  return {
    entryId: id,
    entry,
    matchedLocale: 'en',
    confidence,
    scores: { fused: confidence, prototype: confidence, nearestPhrasing: confidence, lexical: confidence },
    explanation: { sharedTerms: [] },
  };
}

const CLARIFY: MatchDecision = {
  action: 'clarify',
  candidates: [candidate('a', 0.4), candidate('b', 0.39)],
  confidence: 0.4,
  margin: 0.01,
  query: { text: 'q', normalized: 'q', language: 'en', terms: [] },
  reason: 'close',
  thresholds: {
    answerMinConfidence: 0.5,
    clarifyMinConfidence: 0.3,
    clarifyMinRatio: 0.95,
    minFusedScore: 0.06,
  },
};

/** A reranker that answers through `answer`, counting calls and keeping the signals it was given. */
function scripted(answer: (call: number) => Promise<RerankPick | undefined>) {
  const signals: AbortSignal[] = [];
  const reranker: CandidateReranker = {
    id: 'scripted',
    rerank(_question, _candidates, options) {
      signals.push(options.signal);
      return answer(signals.length);
    },
  };
  return { reranker, signals };
}

describe('createDecisionReranker', () => {
  it('stops waiting at its time box even when the reranker ignores its signal', async () => {
    const { reranker, signals } = scripted(() => new Promise<never>(() => undefined));
    const decisions = createDecisionReranker({ reranker, timeoutMs: 120 });
    const started = performance.now();
    await expect(decisions.rerank(CLARIFY, { generation: 0 })).resolves.toBe(CLARIFY);
    expect(performance.now() - started).toBeLessThan(600);
    expect(decisions.stats.fallbacks.timeout).toBe(1);
    // The request was told too, so an adapter that listens closes its connection.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(signals[0]?.aborted).toBe(true);
  });

  it('counts a reranker that throws as an error and tries again for the next question', async () => {
    const { reranker, signals } = scripted((call) =>
      call === 1
        ? Promise.reject(new LivedeskError('unavailable', 'down'))
        : Promise.resolve({ entryId: 'b', confidence: 0.9 }),
    );
    const decisions = createDecisionReranker({ reranker, timeoutMs: 500 });
    await expect(decisions.rerank(CLARIFY, { generation: 0 })).resolves.toBe(CLARIFY);
    expect((await decisions.rerank(CLARIFY, { generation: 0 })).best?.entryId).toBe('b');
    expect(signals).toHaveLength(2);
    expect(decisions.stats).toMatchObject({ calls: 2, changed: 1, fallbacks: { error: 1 } });
  });

  it('rejects with aborted when the caller gives up, rather than answering', async () => {
    const { reranker } = scripted(() => new Promise<never>(() => undefined));
    const decisions = createDecisionReranker({ reranker, timeoutMs: 5_000 });
    const controller = new AbortController();
    const pending = decisions.rerank(CLARIFY, { generation: 0, signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'aborted' });
  });

  it('evicts the least recently used pick beyond its capacity', async () => {
    const { reranker, signals } = scripted(() => Promise.resolve({ entryId: 'a', confidence: 0.9 }));
    const decisions = createDecisionReranker({ reranker, timeoutMs: 500, cacheCapacity: 2 });
    const ask = (text: string) =>
      decisions.rerank({ ...CLARIFY, query: { ...CLARIFY.query, text } }, { generation: 0 });
    await ask('one');
    await ask('two');
    await ask('three');
    await ask('three');
    await ask('one');
    expect(signals).toHaveLength(4);
  });

  it('refuses a time box that is not a positive integer', () => {
    const { reranker } = scripted(() => Promise.resolve(undefined));
    expect(() => createDecisionReranker({ reranker, timeoutMs: 0 })).toThrow(LivedeskError);
  });
});
