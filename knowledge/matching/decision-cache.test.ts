import { describe, expect, it } from 'vitest';
import { DecisionCache } from './decision-cache.js';
import type { MatchDecision } from './match-decision.js';

function decision(text: string, entryId: string): MatchDecision {
  return {
    action: 'answer',
    candidates: [],
    confidence: 0.9,
    margin: 0.5,
    query: { text, normalized: text, language: 'en', terms: [] },
    reason: `matched ${entryId}`,
    thresholds: {
      answerMinConfidence: 0.5,
      clarifyMinConfidence: 0.3,
      clarifyMinRatio: 0.8,
      minFusedScore: 0.1,
    },
  };
}

describe('DecisionCache', () => {
  const create = (options: { capacity?: number; ttlMs?: number } = {}) => {
    let now = 0;
    const cache = new DecisionCache({
      capacity: options.capacity ?? 10,
      ttlMs: options.ttlMs ?? 1000,
      nowMs: () => now,
    });
    return { cache, advance: (ms: number) => (now += ms) };
  };

  it('forgets a decision after its time to live, so time-windowed entries start and stop applying', () => {
    const { cache, advance } = create({ ttlMs: 1000 });
    cache.set('hi', undefined, decision('hi', 'a'), cache.currentGeneration);
    advance(999);
    expect(cache.get('hi', undefined)?.reason).toBe('matched a');
    advance(1);
    expect(cache.get('hi', undefined)).toBeUndefined();
  });

  it('drops a decision computed before the knowledge base changed', () => {
    const { cache } = create();
    const generation = cache.currentGeneration;
    cache.invalidate();
    cache.set('hi', undefined, decision('hi', 'a'), generation);
    expect(cache.get('hi', undefined)).toBeUndefined();
  });

  it('evicts the least recently asked question when full', () => {
    const { cache } = create({ capacity: 2 });
    cache.set('one', undefined, decision('one', 'a'), 0);
    cache.set('two', undefined, decision('two', 'b'), 0);
    cache.get('one', undefined);
    cache.set('three', undefined, decision('three', 'c'), 0);
    expect(cache.get('two', undefined)).toBeUndefined();
    expect(cache.get('one', undefined)?.reason).toBe('matched a');
  });

  it('never caches a question asked for a given moment, nor mixes rooms', () => {
    const { cache } = create();
    cache.set('hi', { at: new Date(0) }, decision('hi', 'a'), 0);
    expect(cache.get('hi', { at: new Date(0) })).toBeUndefined();
    cache.set('hi', { roomId: 'r1' }, decision('hi', 'a'), 0);
    expect(cache.get('hi', { roomId: 'r2' })).toBeUndefined();
    expect(cache.get('HI!', { roomId: 'r1' })?.query.text).toBe('HI!');
  });
});
