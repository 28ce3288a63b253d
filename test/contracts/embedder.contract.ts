import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LivedeskError } from '../../knowledge/errors.js';
import type { Embedder } from '../../knowledge/ports.js';

export interface EmbedderUnderTest {
  embedder: Embedder;
  cleanup?: () => Promise<void>;
}

export interface EmbedderContractOptions {
  /** Also check that meaning drives distance; only for embedders whose vectors carry meaning. */
  semantic?: boolean;
  /** Largest per-component difference tolerated between batched and single embeddings. */
  batchTolerance?: number;
}

const SENTENCES = [
  'How do I reset my password?',
  '直播间的礼物怎么退款？',
  'Why is the stream lagging so much tonight',
  '主播什么时候开播',
  'Mixed 中文 and English in one message',
];

const ODD_TEXTS = [
  '🎉🔥👍🏽 谢谢主播 ❤️‍🔥',
  '<script>alert("x")</script><b>bold</b> &amp; &#x4e2d;',
  'tab\there\u0000null\u0007bell\u001bescape\r\nnewline',
  '\u200b\u200d\u2028\u2029\ufeff zero-width and separators',
  'lone surrogate \ud83d and reversed \ude00 halves',
  'مرحبا بالعالم — right-to-left',
  '????!!!...,,,',
  'long '.repeat(4000),
  '长'.repeat(20_000),
];

/**
 * The behaviour the Embedder port promises (see its doc comment in knowledge/ports.ts). Register
 * it from a test file with a factory; `cleanup` runs once after the suite.
 */
export function runEmbedderContract(
  name: string,
  createEmbedder: () => Promise<EmbedderUnderTest>,
  options: EmbedderContractOptions = {},
): void {
  const batchTolerance = options.batchTolerance ?? 1e-4;

  describe(`${name} (Embedder contract)`, () => {
    let underTest: EmbedderUnderTest | undefined;

    beforeAll(async () => {
      underTest = await createEmbedder();
    });

    afterAll(async () => {
      await underTest?.cleanup?.();
    });

    function embedder(): Embedder {
      if (underTest === undefined) throw new Error('the embedder was not created');
      return underTest.embedder;
    }

    it('describes itself: an id, a positive dimension count and batch size', () => {
      expect(embedder().id).toMatch(/\S/);
      expect(Number.isInteger(embedder().dimensions) && embedder().dimensions > 0).toBe(true);
      expect(Number.isInteger(embedder().maxBatchSize) && embedder().maxBatchSize > 0).toBe(true);
    });

    it('returns one unit vector of the right dimension per text, in order', async () => {
      const vectors = await embedder().embed(SENTENCES);
      expect(vectors).toHaveLength(SENTENCES.length);
      for (const vector of vectors) {
        expect(vector).toBeInstanceOf(Float32Array);
        expect(vector).toHaveLength(embedder().dimensions);
        expect(norm(vector)).toBeCloseTo(1, 3);
      }
      const reversed = await embedder().embed([...SENTENCES].reverse());
      expectSameVectors(reversed.reverse(), vectors, batchTolerance);
    });

    it('resolves an empty list to an empty list', async () => {
      await expect(embedder().embed([])).resolves.toEqual([]);
    });

    it('gives empty and whitespace-only texts a zero vector without disturbing the others', async () => {
      const [empty, sentence, blank, ideographicSpace] = await embedder().embed([
        '',
        'hello there',
        ' \t\n ',
        '\u3000',
      ]);
      const [alone] = await embedder().embed(['hello there']);
      for (const vector of [empty, blank, ideographicSpace]) {
        expect(vector).toHaveLength(embedder().dimensions);
        expect(Array.from(vector ?? []).every((value) => value === 0)).toBe(true);
      }
      expectSameVectors([sentence], [alone], batchTolerance);
    });

    it('gives the same text the same vector every time', async () => {
      const first = await embedder().embed(SENTENCES);
      const second = await embedder().embed(SENTENCES);
      expectSameVectors(second, first, 1e-6);
    });

    it('gives a text the same vector alone as in a batch', async () => {
      const batched = await embedder().embed(SENTENCES);
      const singles = await Promise.all(SENTENCES.map(async (text) => (await embedder().embed([text]))[0]));
      expectSameVectors(singles, batched, batchTolerance);
    });

    it('splits more texts than maxBatchSize into batches itself', async () => {
      const count = embedder().maxBatchSize * 2 + 3;
      const texts = Array.from(
        { length: count },
        (_, position) => `question number ${position}: 第${position}个问题`,
      );
      const vectors = await embedder().embed(texts);
      expect(vectors).toHaveLength(count);
      const spotChecks = [0, embedder().maxBatchSize, count - 1];
      const singles = await embedder().embed(spotChecks.map((position) => texts[position] ?? ''));
      expectSameVectors(
        singles,
        spotChecks.map((position) => vectors[position]),
        batchTolerance,
      );
    });

    it('rejects with an aborted LivedeskError when the signal is already aborted', async () => {
      const error: unknown = await embedder()
        .embed(SENTENCES, { signal: AbortSignal.abort() })
        .then(
          () => undefined,
          (rejection: unknown) => rejection,
        );
      expect(error).toBeInstanceOf(LivedeskError);
      expect(error).toMatchObject({ code: 'aborted' });
    });

    it('embeds emoji, HTML, control characters and very long text without throwing', async () => {
      const vectors = await embedder().embed(ODD_TEXTS);
      expect(vectors).toHaveLength(ODD_TEXTS.length);
      for (const vector of vectors) {
        expect(vector).toHaveLength(embedder().dimensions);
        expect(Array.from(vector).every(Number.isFinite)).toBe(true);
        const length = norm(vector);
        expect(Math.abs(length - 1) < 1e-3 || length === 0).toBe(true);
      }
    });

    if (options.semantic === true) {
      it('puts a paraphrase closer than an unrelated sentence', async () => {
        const triples: [string, string, string][] = [
          [
            'How do I reset my password?',
            'I forgot my password, how can I reset it',
            'What time does the stream start tonight?',
          ],
          ['怎么修改密码', '密码忘了怎么修改', '今晚直播几点开始'],
          ['礼物可以退款吗', '送错礼物能退款吗', '主播唱歌真好听'],
        ];
        for (const [anchor, paraphrase, unrelated] of triples) {
          const [anchorVector, paraphraseVector, unrelatedVector] = await embedder().embed([
            anchor,
            paraphrase,
            unrelated,
          ]);
          if (!anchorVector || !paraphraseVector || !unrelatedVector) throw new Error('missing vectors');
          expect(dot(anchorVector, paraphraseVector)).toBeGreaterThan(dot(anchorVector, unrelatedVector));
        }
      });
    }
  });
}

function expectSameVectors(
  actual: readonly (Float32Array | undefined)[],
  expected: readonly (Float32Array | undefined)[],
  tolerance: number,
): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((vector, position) => {
    const other = expected[position];
    if (vector === undefined || other === undefined) throw new Error(`missing vector at ${position}`);
    expect(vector).toHaveLength(other.length);
    let largest = 0;
    for (let index = 0; index < vector.length; index++) {
      largest = Math.max(largest, Math.abs((vector[index] ?? 0) - (other[index] ?? 0)));
    }
    expect(largest, `vector ${position} differs by ${largest}`).toBeLessThanOrEqual(tolerance);
  });
}

function norm(vector: Float32Array): number {
  return Math.sqrt(dot(vector, vector));
}

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let index = 0; index < a.length; index++) sum += (a[index] ?? 0) * (b[index] ?? 0);
  return sum;
}
