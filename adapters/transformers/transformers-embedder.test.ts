import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { env } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LivedeskError } from '../../knowledge/errors.js';
import { runEmbedderContract } from '../../test/contracts/embedder.contract.js';
import { createTransformersEmbedder } from './transformers-embedder.js';
import type { TransformersEmbedder } from './transformers-embedder.js';

// shared/models sits beside the repository (see shared/models/README.md): a random-weight BERT
// with a real Chinese WordPiece tokenizer, good for testing loading, pooling and batching only.
const MODELS = path.resolve(import.meta.dirname, '../../../shared/models');
const FIXTURE = 'test-tiny-random-bert-zh';
const fixturePresent = existsSync(path.join(MODELS, FIXTURE, 'config.json'));
if (!fixturePresent) {
  console.warn(`skipping the transformers embedder tests: no model fixture at ${path.join(MODELS, FIXTURE)}`);
}

const fixtureOptions = { localModelPath: MODELS, model: FIXTURE, allowRemoteModels: false } as const;

if (fixturePresent) {
  runEmbedderContract('transformers embedder (random-weight fixture)', async () => {
    const embedder = await createTransformersEmbedder({ ...fixtureOptions, batchSize: 4 });
    return { embedder, cleanup: () => embedder.dispose() };
  });
}

describe.skipIf(!fixturePresent)('createTransformersEmbedder', () => {
  let embedder: TransformersEmbedder;

  beforeAll(async () => {
    embedder = await createTransformersEmbedder(fixtureOptions);
  });

  afterAll(async () => {
    await embedder.dispose();
  });

  it('loads the fixture offline: 32 dimensions, fp32 weights, batches of 32', () => {
    expect(embedder.dimensions).toBe(32);
    expect(embedder.maxBatchSize).toBe(32);
    expect(embedder.id).toBe('transformers:test-tiny-random-bert-zh:fp32');
  });

  it('embeds Chinese and English text into distinct unit vectors', async () => {
    const [chinese, english] = await embedder.embed([
      '请问怎么给主播送礼物',
      'how do I send a gift to the streamer',
    ]);
    expect(chinese).toHaveLength(32);
    expect(english).toHaveLength(32);
    expect(Math.hypot(...(chinese ?? []))).toBeCloseTo(1, 5);
    expect(Array.from(chinese ?? [])).not.toEqual(Array.from(english ?? []));
  });

  it('gives identical vectors from a second embedder loading the same model', async () => {
    const twin = await createTransformersEmbedder(fixtureOptions);
    try {
      expect(await twin.embed(['同一句话 same sentence'])).toEqual(
        await embedder.embed(['同一句话 same sentence']),
      );
    } finally {
      await twin.dispose();
    }
  });

  it('runs the quantized weights side by side with fp32, each with its own id', async () => {
    const quantized = await createTransformersEmbedder({ ...fixtureOptions, dtype: 'q8' });
    try {
      expect(quantized.id).toBe('transformers:test-tiny-random-bert-zh:q8');
      const [fromQuantized] = await quantized.embed(['量化模型']);
      const [fromFull] = await embedder.embed(['量化模型']);
      expect(Math.hypot(...(fromQuantized ?? []))).toBeCloseTo(1, 5);
      expect(Array.from(fromQuantized ?? [])).not.toEqual(Array.from(fromFull ?? []));
    } finally {
      await quantized.dispose();
    }
  });

  it('puts the query or passage prefix before each text', async () => {
    const prefixed = await createTransformersEmbedder({
      ...fixtureOptions,
      queryPrefix: 'query: ',
      passagePrefix: 'passage: ',
    });
    try {
      expect(await prefixed.embed(['hello'])).toEqual(await embedder.embed(['query: hello']));
      expect(await prefixed.embed(['hello'], { inputType: 'passage' })).toEqual(
        await embedder.embed(['passage: hello']),
      );
      // Blank text stays a zero vector: the prefix alone is not something to match.
      expect(Array.from((await prefixed.embed(['  ']))[0] ?? [])).toEqual(new Array<number>(32).fill(0));
    } finally {
      await prefixed.dispose();
    }
  });

  it("leaves the library's global env untouched", async () => {
    const before = { ...env, backends: undefined };
    const other = await createTransformersEmbedder({
      ...fixtureOptions,
      cacheDir: path.join(tmpdir(), 'livedesk-unused-cache'),
    });
    await other.dispose();
    expect({ ...env, backends: undefined }).toEqual(before);
    expect(env.allowRemoteModels).toBe(true);
  });

  it('explains how to install a model that is not in localModelPath', async () => {
    const error: unknown = await createTransformersEmbedder({
      ...fixtureOptions,
      model: 'no-such-model',
    }).catch((rejection: unknown) => rejection);
    expect(error).toBeInstanceOf(LivedeskError);
    expect(error).toMatchObject({ code: 'unavailable', retryable: false });
    const { message } = error as LivedeskError;
    expect(message).toContain(`is not in ${path.join(MODELS, 'no-such-model')}`);
    expect(message).toContain('Download the model');
    expect(message).toContain('localModelPath');
  });

  it('names the missing file when a model folder is incomplete', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'livedesk-models-'));
    try {
      await mkdir(path.join(folder, 'broken'));
      for (const file of ['config.json', 'tokenizer.json', 'tokenizer_config.json']) {
        await copyFile(path.join(MODELS, FIXTURE, file), path.join(folder, 'broken', file));
      }
      const error: unknown = await createTransformersEmbedder({
        localModelPath: folder,
        model: 'broken',
        allowRemoteModels: false,
      }).catch((rejection: unknown) => rejection);
      expect(error).toMatchObject({ code: 'unavailable' });
      expect((error as Error).message).toMatch(/no .*onnx.*model_quantized\.onnx/);
      expect((error as Error).message).toContain('Download the model');
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('rejects embed after dispose', async () => {
    const shortLived = await createTransformersEmbedder(fixtureOptions);
    await shortLived.dispose();
    await expect(shortLived.embed(['hello'])).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('does not start loading when the signal is already aborted', async () => {
    await expect(
      createTransformersEmbedder(fixtureOptions, { signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({
      code: 'aborted',
    });
  });

  it('refuses a batch size below one', async () => {
    await expect(createTransformersEmbedder({ ...fixtureOptions, batchSize: 0 })).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });
});
