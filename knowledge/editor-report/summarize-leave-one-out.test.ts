import { describe, expect, it } from 'vitest';
import type { PhrasingOutcome } from './editor-report.js';
import { confusedPairs, entryAccuracy, leaveOneOutTotals } from './summarize-leave-one-out.js';

const outcome = (
  entryId: string,
  result: PhrasingOutcome['result'],
  wentTo: string | null = null,
  phrasing = `${entryId} ${result}`,
): PhrasingOutcome => ({ entryId, locale: 'en', phrasing, result, wentTo });

describe('leave-one-out aggregation', () => {
  const outcomes = [
    outcome('a', 'right'),
    outcome('a', 'wrong', 'b', 'a1'),
    outcome('a', 'wrong', 'b', 'a2'),
    outcome('a', 'clarified', 'b', 'a3'),
    outcome('a', 'clarified', 'a', 'a4'),
    outcome('b', 'wrong', 'a', 'b1'),
    outcome('b', 'right'),
    outcome('c', 'none'),
    outcome('c', 'right'),
    outcome('d', 'right'),
  ];

  it('counts the results and the share answered right', () => {
    expect(leaveOneOutTotals(outcomes)).toEqual({ right: 4, clarified: 2, wrong: 3, none: 1, accuracy: 0.4 });
    expect(leaveOneOutTotals([]).accuracy).toBe(1);
  });

  it('lists who went where, in order, most wrong first, without clarifications that offered the entry itself', () => {
    const pairs = confusedPairs(outcomes);
    expect(pairs.map((pair) => [pair.entryId, pair.confusedWith, pair.wrong, pair.clarified])).toEqual([
      ['a', 'b', 2, 1],
      ['b', 'a', 1, 0],
    ]);
    expect(pairs[0]!.phrasings.map((phrasing) => phrasing.text)).toEqual(['a1', 'a2', 'a3']);
  });

  it('ranks entries worst first and leaves out the ones always right', () => {
    const rows = entryAccuracy(outcomes);
    expect(rows.map((row) => [row.entryId, row.tested, row.right, row.accuracy])).toEqual([
      ['a', 5, 1, 0.2],
      ['b', 2, 1, 0.5],
      ['c', 2, 1, 0.5],
    ]);
    expect(rows[0]).toMatchObject({ wrong: 2, clarified: 2, none: 0 });
  });
});
