import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBuiltinEmbedder } from '../../adapters/language/builtin-embedder.js';
import { createOpenAIEmbedder } from '../../adapters/openai/openai-embedder.js';
import { createTransformersEmbedder } from '../../adapters/transformers/transformers-embedder.js';
import { runEmbedderContract } from '../../test/contracts/embedder.contract.js';
import {
  startOpenAICompatibleServer,
  type OpenAICompatibleServer,
} from '../../test/support/openai-compatible-server.js';
import { LivedeskError } from '../errors.js';
import type { CallOptions, Embedder, EmbedderCorpus } from '../ports.js';
import { createFusedEmbedder } from './fused-embedder.js';

// The random-weight BERT fixture beside the repository (shared/models/README.md): no meaning, but real
// tokenising, pooling and batching, which is what fusion has to get along with.
const MODELS = path.resolve(import.meta.dirname, '../../../shared/models');
const FIXTURE = 'test-tiny-random-bert-zh';
const fixturePresent = existsSync(path.join(MODELS, FIXTURE, 'config.json'));
const fixtureOptions = { localModelPath: MODELS, model: FIXTURE, allowRemoteModels: false } as const;

if (fixturePresent) {
  runEmbedderContract('fused builtin + transformers embedder (random-weight fixture)', async () => {
    const dense = await createTransformersEmbedder({ ...fixtureOptions, batchSize: 4 });
    const embedder = createFusedEmbedder({ builtin: createBuiltinEmbedder(), dense, denseWeight: 0.5 });
    return { embedder, cleanup: () => dense.dispose() };
  });
}

runEmbedderContract(
  'fused builtin + openai embedder against a local OpenAI-compatible server',
  async () => {
    const server = await startOpenAICompatibleServer({ dimensions: 48 });
    const dense = await createOpenAIEmbedder({
      baseURL: server.baseURL,
      model: 'hashed-ngrams',
      batchSize: 8,
    });
    const embedder = createFusedEmbedder({ builtin: createBuiltinEmbedder(), dense, denseWeight: 0.4 });
    return { embedder, cleanup: () => server.close() };
  },
  // Both halves put texts that share words or characters together.
  { semantic: true, batchTolerance: 1e-5 },
);

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let index = 0; index < a.length; index += 1) sum += a[index]! * b[index]!;
  return sum;
}

/** Records what it is asked, and gives fixed unit vectors (or zero for texts in `zeroFor`). */
function fixedEmbedder(id: string, dimensions: number, zeroFor: readonly string[] = []) {
  const fitted: EmbedderCorpus[] = [];
  const batches: string[][] = [];
  const embedder: Embedder & { fit(corpus: EmbedderCorpus, options?: CallOptions): Promise<void> } = {
    id,
    dimensions,
    maxBatchSize: 3,
    fit(corpus) {
      fitted.push(corpus);
      return Promise.resolve();
    },
    embed(texts) {
      batches.push([...texts]);
      return Promise.resolve(
        texts.map((text) => {
          const vector = new Float32Array(dimensions);
          if (text.trim() === '' || zeroFor.includes(text)) return vector;
          let hash = 7;
          for (const char of text) hash = (hash * 31 + char.codePointAt(0)!) % 9973;
          for (let index = 0; index < dimensions; index += 1) vector[index] = Math.sin(hash * (index + 1));
          const norm = Math.sqrt(dot(vector, vector));
          return vector.map((value) => value / norm);
        }),
      );
    },
  };
  return { embedder, fitted, batches };
}

describe('FusedEmbedder', () => {
  it('gives (1−w)·cos_builtin + w·cos_dense for the cosine of two fused vectors', async () => {
    const builtin = createBuiltinEmbedder();
    const dense = fixedEmbedder('dense', 16).embedder;
    const texts = ['怎么充值金币', '金币怎么充值呀', 'how do I top up coins', 'my coins never arrived'];
    await builtin.fit({ texts, synonyms: [] });
    for (const denseWeight of [0.2, 0.5, 0.8]) {
      const fused = createFusedEmbedder({ builtin, dense, denseWeight });
      const [a, b, c, d] = await fused.embed(texts);
      const [ba, bb, bc, bd] = await builtin.embed(texts);
      const [da, db, dc, dd] = await dense.embed(texts);
      expect(dot(a!, b!)).toBeCloseTo((1 - denseWeight) * dot(ba!, bb!) + denseWeight * dot(da!, db!), 5);
      expect(dot(c!, d!)).toBeCloseTo((1 - denseWeight) * dot(bc!, bd!) + denseWeight * dot(dc!, dd!), 5);
    }
  });

  it('keeps the builtin robustness: a typo stays closer than an unrelated question whatever the dense model says', async () => {
    const builtin = createBuiltinEmbedder();
    const texts = ['how do I reset my password', 'how do I rest my pasword', 'where is my package'];
    await builtin.fit({ texts, synonyms: [] });
    // A dense model with no sense at all (random vectors): fused, the builtin half still ranks the typo first.
    const fused = createFusedEmbedder({
      builtin,
      dense: fixedEmbedder('noise', 64).embedder,
      denseWeight: 0.5,
    });
    const [question, typo, unrelated] = await fused.embed(texts);
    expect(dot(question!, typo!)).toBeGreaterThan(dot(question!, unrelated!));
  });

  it('describes both parts: summed dimensions, the smaller batch, an id naming both and the weight', () => {
    const fused = createFusedEmbedder({
      builtin: createBuiltinEmbedder(),
      dense: fixedEmbedder('dense-x', 24).embedder,
      denseWeight: 0.3,
    });
    expect(fused.dimensions).toBe(createBuiltinEmbedder().dimensions + 24);
    expect(fused.maxBatchSize).toBe(3);
    expect(fused.id).toContain('dense-x');
    expect(fused.id).toContain(createBuiltinEmbedder().id);
    expect(fused.id).toContain('0.3');
  });

  it('forwards fit to every part that learns', async () => {
    const builtin = fixedEmbedder('b', 8);
    const dense = fixedEmbedder('d', 8);
    const fused = createFusedEmbedder({ builtin: builtin.embedder, dense: dense.embedder, denseWeight: 0.5 });
    const corpus = { texts: ['a', 'b'], synonyms: [] };
    await fused.fit(corpus);
    expect(builtin.fitted).toEqual([corpus]);
    expect(dense.fitted).toEqual([corpus]);
  });

  it('falls back to the other half, still a unit vector, when one half finds nothing to embed', async () => {
    const builtin = fixedEmbedder('b', 8, ['🎉🎉']);
    const dense = fixedEmbedder('d', 8);
    const fused = createFusedEmbedder({
      builtin: builtin.embedder,
      dense: dense.embedder,
      denseWeight: 0.25,
    });
    const [party, blank] = await fused.embed(['🎉🎉', '  ']);
    expect(Math.sqrt(dot(party!, party!))).toBeCloseTo(1, 5);
    expect(Array.from(party!.subarray(0, 8)).every((value) => value === 0)).toBe(true);
    expect(Array.from(blank!).every((value) => value === 0)).toBe(true);
  });

  it('splits long inputs into batches both parts take, and stops between batches when aborted', async () => {
    const builtin = fixedEmbedder('b', 4);
    const dense = fixedEmbedder('d', 4);
    const fused = createFusedEmbedder({ builtin: builtin.embedder, dense: dense.embedder, denseWeight: 0.5 });
    const texts = ['1', '2', '3', '4', '5', '6', '7'];
    expect(await fused.embed(texts)).toHaveLength(7);
    expect(dense.batches.map((batch) => batch.length)).toEqual([3, 3, 1]);
    const controller = new AbortController();
    controller.abort();
    await expect(fused.embed(texts, { signal: controller.signal })).rejects.toMatchObject({
      code: 'aborted',
    });
  });

  it('refuses a weight that would drop one half', () => {
    for (const denseWeight of [0, 1, -0.1, Number.NaN]) {
      expect(() =>
        createFusedEmbedder({
          builtin: createBuiltinEmbedder(),
          dense: fixedEmbedder('d', 4).embedder,
          denseWeight,
        }),
      ).toThrow(LivedeskError);
    }
  });
});

describe('fused embedder with a dense endpoint, end to end through embed', () => {
  let server: OpenAICompatibleServer;

  beforeAll(async () => {
    server = await startOpenAICompatibleServer({ dimensions: 32 });
  });

  afterAll(async () => {
    await server.close();
  });

  it('sends each batch to the endpoint once and fuses its vectors in order', async () => {
    const dense = await createOpenAIEmbedder({ baseURL: server.baseURL, model: 'm', dimensions: 32 });
    const fused = createFusedEmbedder({ builtin: createBuiltinEmbedder(), dense, denseWeight: 0.5 });
    const before = server.requests.length;
    const texts = ['礼物怎么退款', 'gift refund', 'when does the host go live'];
    const vectors = await fused.embed(texts);
    expect(server.requests.length - before).toBe(1);
    const alone = await Promise.all(texts.map(async (text) => (await fused.embed([text]))[0]!));
    for (let index = 0; index < texts.length; index += 1) {
      expect(dot(vectors[index]!, alone[index]!)).toBeCloseTo(1, 5);
    }
  });
});
