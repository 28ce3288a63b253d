import { describe, expect, it } from 'vitest';
import type { MatchDecision } from '../../knowledge/matching/match-decision.js';
import { createPacedAnswerer } from './paced-answerer.js';
import { createLoopSlice } from './loop-slice.js';
import { createWorkPacer } from './work-pacer.js';

const decision = {} as MatchDecision;

/** A matcher that costs `costMs` of the fake clock per question, and the event loop's turns, stepped by hand. */
function pacedWithCost(costMs: number) {
  let now = 0;
  const asked: string[] = [];
  const deferred: (() => void)[] = [];
  const defer = (callback: () => void) => void deferred.push(callback);
  const answerer = createPacedAnswerer(
    {
      ask: (text) => {
        asked.push(text);
        now += costMs;
        return Promise.resolve(decision);
      },
    },
    createWorkPacer({ slice: createLoopSlice({ sliceMs: 8, nowMs: () => now, defer }), defer }),
  );
  /** One turn of the event loop runs every callback deferred before it. */
  const loopTurn = () => deferred.splice(0).forEach((callback) => callback());
  return { answerer, asked, loopTurn };
}

describe('the paced answerer', () => {
  it('matches nothing in the caller’s own turn of the event loop', () => {
    const paced = pacedWithCost(1);
    void paced.answerer.ask('a', {});
    expect(paced.asked).toEqual([]);
    paced.loopTurn();
    expect(paced.asked).toEqual(['a']);
  });

  it('gives the event loop a turn after each slice of matching', () => {
    const paced = pacedWithCost(3);
    for (const text of ['a', 'b', 'c', 'd', 'e', 'f']) void paced.answerer.ask(text, {});
    paced.loopTurn();
    // 3 ms each, an 8 ms slice: three started, then the loop's turn.
    expect(paced.asked).toEqual(['a', 'b', 'c']);
    paced.loopTurn();
    expect(paced.asked).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });

  it('drops a question whose turn was interrupted while it waited, unmatched', async () => {
    const paced = pacedWithCost(1);
    const controller = new AbortController();
    const dropped = paced.answerer.ask('stale', { signal: controller.signal });
    const kept = paced.answerer.ask('fresh', {});
    controller.abort();
    paced.loopTurn();
    await expect(dropped).rejects.toMatchObject({ name: 'AbortError' });
    await expect(kept).resolves.toBe(decision);
    expect(paced.asked).toEqual(['fresh']);
  });
});
