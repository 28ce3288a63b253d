import { describe, expect, it } from 'vitest';
import { createBuiltinEmbedder } from '../../adapters/language/builtin-embedder.js';
import { createExactVectorIndex } from '../../knowledge/matching/exact-vector-index.js';
import { createSparseVectorIndex } from '../../knowledge/matching/sparse-vector-index.js';
import {
  clusterGapQuestions,
  countWordings,
  DEFAULT_GAP_MIN_SIMILARITY,
  questionKey,
  type GapQuestion,
  type GapSignal,
} from './knowledge-gaps.js';

let counter = 0;
function asked(
  question: string,
  signal: GapSignal = 'decline',
  at = '2026-06-01T10:00:00.000Z',
): GapQuestion {
  counter++;
  return { conversationId: `c-${counter}`, turnId: `t-${counter}`, at, question, signal };
}

/** Vectors chosen by hand: the cosine between two texts is the dot product of these unit vectors. */
const HAND_VECTORS: Record<string, number[]> = {
  a: [1, 0, 0],
  'a-ish': [0.8, 0.6, 0],
  b: [0, 0, 1],
  nothing: [0, 0, 0],
};
const handEmbedder = {
  dimensions: 3,
  maxBatchSize: 2,
  embed: (texts: readonly string[]) =>
    Promise.resolve(texts.map((text) => Float32Array.from(HAND_VECTORS[text] ?? [0, 0, 0]))),
};

describe('clusterGapQuestions', () => {
  it('joins a wording to the most asked one when their cosine reaches the threshold', async () => {
    const questions = [asked('a'), asked('a'), asked('a-ish', 'clarify'), asked('b', 'low_confidence')];
    const createIndex = (dimensions: number) => createExactVectorIndex({ dimensions });
    const joined = await clusterGapQuestions(countWordings(questions), {
      embedder: handEmbedder,
      createIndex,
      minSimilarity: 0.8,
    });
    expect(joined.clusters.map((cluster) => [cluster.label, cluster.count, cluster.questions])).toEqual([
      ['a', 3, ['a', 'a-ish']],
      ['b', 1, ['b']],
    ]);
    expect(joined.clusters[0]!.signals).toEqual({ decline: 2, clarify: 1, low_confidence: 0 });
    // Cosine 0.8 is below 0.81: three clusters.
    const apart = await clusterGapQuestions(countWordings(questions), {
      embedder: handEmbedder,
      createIndex,
      minSimilarity: 0.81,
    });
    expect(apart.clusters.map((cluster) => cluster.label)).toEqual(['a', 'a-ish', 'b']);
  });

  it('folds spelling variants into one wording and keeps text with nothing to embed apart', async () => {
    const questions = [asked('A!'), asked('a'), asked(' a？'), asked('nothing'), asked('?!')];
    const result = await clusterGapQuestions(countWordings(questions), {
      embedder: handEmbedder,
      createIndex: (dimensions) => createExactVectorIndex({ dimensions }),
      minSimilarity: 0.5,
    });
    // "?!" has no words at all: dropped. "nothing" embeds to zero: its own cluster. Equally asked
    // spellings are named by the first in code point order.
    expect(result).toMatchObject({ questions: 5, distinct: 2, leftOut: 0 });
    expect(result.clusters.map((cluster) => [cluster.label, cluster.count, cluster.conversations])).toEqual([
      ['a？', 3, 3],
      ['nothing', 1, 1],
    ]);
    expect(questionKey('Ｈｅｌｌｏ， World!!')).toBe('hello world');
  });

  it('groups near-identical viewer questions with the builtin embedder and keeps different topics apart', async () => {
    const embedder = createBuiltinEmbedder();
    await embedder.fit({
      texts: ['怎么充值金币', '礼物怎么送', '怎么提现', 'how do I top up coins', 'how to send a gift'],
      synonyms: [],
    });
    const questions = [
      ...['直播间的抽奖什么时候开奖', '请问直播间的抽奖什么时候开奖呀', '直播间抽奖什么时候开奖？'].map(
        (text) => asked(text),
      ),
      ...['怎么申请成为主播', '想问下怎么申请成为主播'].map((text) => asked(text, 'clarify')),
      ...['when does the lucky draw end', 'when does the lucky draw end please'].map((text) => asked(text)),
      asked('why did my gift animation not show', 'low_confidence'),
    ];
    const result = await clusterGapQuestions(countWordings(questions), {
      embedder,
      createIndex: (dimensions) => createSparseVectorIndex({ dimensions }),
      minSimilarity: DEFAULT_GAP_MIN_SIMILARITY,
    });
    expect(result.clusters.map((cluster) => cluster.count)).toEqual([3, 2, 2, 1]);
    const sets = result.clusters.map((cluster) => new Set(cluster.questions));
    expect(sets[0]).toEqual(
      new Set(['直播间的抽奖什么时候开奖', '请问直播间的抽奖什么时候开奖呀', '直播间抽奖什么时候开奖？']),
    );
    expect(sets.slice(1, 3)).toContainEqual(new Set(['怎么申请成为主播', '想问下怎么申请成为主播']));
    expect(sets.slice(1, 3)).toContainEqual(
      new Set(['when does the lucky draw end', 'when does the lucky draw end please']),
    );
  });

  it('stops when asked to', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      clusterGapQuestions(countWordings([asked('a')]), {
        embedder: handEmbedder,
        createIndex: (dimensions) => createExactVectorIndex({ dimensions }),
        minSimilarity: 0.5,
        signal: controller.signal,
      }),
    ).rejects.toMatchObject({ code: 'aborted' });
  });
});
