import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runVectorIndexContract } from '../../test/contracts/vector-index.contract.js';
import { createRandomVectors } from '../../test/support/seeded-random.js';
import { createHnswVectorIndex } from './hnsw-vector-index.js';

runVectorIndexContract('hnswlib vector index', (dimensions) =>
  createHnswVectorIndex({ dimensions, maxElements: 8 }),
);

describe('createHnswVectorIndex', () => {
  let directory: string;
  let indexPath: string;

  beforeEach(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'livedesk-hnsw-'));
    indexPath = path.join(directory, 'nested', 'faq.hnsw');
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('grows its capacity automatically as vectors arrive', async () => {
    const index = await createHnswVectorIndex({ dimensions: 8, maxElements: 2 });
    const vectors = createRandomVectors({ count: 100, dimensions: 8, seed: 11 });
    vectors.forEach((vector, label) => index.upsert(label, vector));
    expect(index.size).toBe(100);
    expect(index.capacity).toBeGreaterThanOrEqual(100);
    expect(index.search(vectors[57] ?? new Float32Array(8), 1)[0]?.label).toBe(57);
  });

  it('reuses the slots of removed labels instead of growing', async () => {
    const index = await createHnswVectorIndex({ dimensions: 8, maxElements: 10 });
    const vectors = createRandomVectors({ count: 30, dimensions: 8, seed: 12 });
    vectors.slice(0, 10).forEach((vector, label) => index.upsert(label, vector));
    for (let label = 0; label < 10; label++) index.remove(label);
    vectors.slice(10).forEach((vector, position) => index.upsert(100 + position, vector));
    expect(index.capacity).toBe(20);
    expect(index.size).toBe(20);
    vectors
      .slice(10)
      .forEach((vector, position) => expect(index.search(vector, 1)[0]?.label).toBe(100 + position));
  });

  it('writes the index and its sidecar, and loads them back with the same answers', async () => {
    const vectors = createRandomVectors({ count: 300, dimensions: 16, seed: 13 });
    const original = await createHnswVectorIndex({ dimensions: 16, path: indexPath });
    vectors.forEach((vector, label) => original.upsert(label, vector));
    original.remove(5);
    await original.save();

    const sidecar = JSON.parse(await readFile(`${indexPath}.json`, 'utf8')) as {
      labels: number[];
      dimensions: number;
    };
    expect(sidecar.dimensions).toBe(16);
    expect(sidecar.labels).toHaveLength(299);
    expect(sidecar.labels).not.toContain(5);

    const reloaded = await createHnswVectorIndex({ dimensions: 16, path: indexPath });
    expect(reloaded.size).toBe(299);
    for (const query of createRandomVectors({ count: 20, dimensions: 16, seed: 14 })) {
      expect(reloaded.search(query, 5)).toEqual(original.search(query, 5));
    }
    expect(reloaded.search(vectors[5] ?? new Float32Array(16), 299).map((hit) => hit.label)).not.toContain(5);
  });

  it('takes incremental updates after a reload and saves them again', async () => {
    const vectors = createRandomVectors({ count: 60, dimensions: 8, seed: 15 });
    const first = await createHnswVectorIndex({ dimensions: 8, path: indexPath });
    vectors.slice(0, 40).forEach((vector, label) => first.upsert(label, vector));
    first.remove(3);
    first.remove(4);
    await first.save();

    const second = await createHnswVectorIndex({ dimensions: 8, path: indexPath });
    second.upsert(3, vectors[40] ?? new Float32Array(8)); // a removed label comes back
    second.upsert(7, vectors[41] ?? new Float32Array(8)); // a live label changes
    second.upsert(500, vectors[42] ?? new Float32Array(8)); // a new label takes a deleted slot
    second.upsert(501, vectors[43] ?? new Float32Array(8)); // and another one grows the graph
    second.remove(10);
    await second.save();

    const third = await createHnswVectorIndex({ dimensions: 8, path: indexPath });
    expect(third.size).toBe(40 - 2 + 1 + 2 - 1);
    expect(third.search(vectors[40] ?? new Float32Array(8), 1)[0]?.label).toBe(3);
    expect(third.search(vectors[41] ?? new Float32Array(8), 1)[0]?.label).toBe(7);
    expect(third.search(vectors[42] ?? new Float32Array(8), 1)[0]?.label).toBe(500);
    expect(third.search(vectors[43] ?? new Float32Array(8), 1)[0]?.label).toBe(501);
    const all = third.search(vectors[0] ?? new Float32Array(8), 100).map((hit) => hit.label);
    expect(all).not.toContain(4);
    expect(all).not.toContain(10);
    expect(all).toHaveLength(third.size);
  });

  it('refuses a saved index built for other dimensions, saying how to rebuild', async () => {
    const index = await createHnswVectorIndex({ dimensions: 8, path: indexPath });
    index.upsert(1, new Float32Array(8).fill(1));
    await index.save();
    await expect(createHnswVectorIndex({ dimensions: 32, path: indexPath })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/holds 8-dimension vectors but 32 were asked for.*delete/) as string,
    });
  });

  it('detects an index file that no longer matches its sidecar', async () => {
    const index = await createHnswVectorIndex({ dimensions: 8, path: indexPath });
    index.upsert(1, new Float32Array(8).fill(1));
    await index.save();
    const stale = await readFile(`${indexPath}.json`, 'utf8');
    index.upsert(2, new Float32Array(8).fill(-1));
    await index.save();
    await writeFile(`${indexPath}.json`, stale);
    await expect(createHnswVectorIndex({ dimensions: 8, path: indexPath })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('does not match') as string,
    });
  });

  it('explains a missing or malformed sidecar', async () => {
    const index = await createHnswVectorIndex({ dimensions: 8, path: indexPath });
    index.upsert(1, new Float32Array(8).fill(1));
    await index.save();
    await writeFile(`${indexPath}.json`, JSON.stringify({ format: 'something-else' }));
    await expect(createHnswVectorIndex({ dimensions: 8, path: indexPath })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('not a Livedesk vector index sidecar') as string,
    });
    await rm(`${indexPath}.json`);
    await expect(createHnswVectorIndex({ dimensions: 8, path: indexPath })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('no readable') as string,
    });
  });

  it('leaves no temporary files behind, and serialises saves that overlap', async () => {
    const index = await createHnswVectorIndex({ dimensions: 8, path: indexPath });
    index.upsert(1, new Float32Array(8).fill(1));
    const first = index.save();
    index.upsert(2, new Float32Array(8).fill(-1));
    await Promise.all([first, index.save()]);
    expect((await readdir(path.dirname(indexPath))).sort()).toEqual(['faq.hnsw', 'faq.hnsw.json']);
    expect((await createHnswVectorIndex({ dimensions: 8, path: indexPath })).size).toBe(2);
  });

  it('keeps an in-memory index when no path is given, where save does nothing', async () => {
    const index = await createHnswVectorIndex({ dimensions: 4 });
    index.upsert(1, new Float32Array([1, 0, 0, 0]));
    await expect(index.save()).resolves.toBeUndefined();
  });

  it('rejects labels hnswlib cannot store and spaces other than cosine', async () => {
    const index = await createHnswVectorIndex({ dimensions: 2 });
    expect(() => index.upsert(-1, new Float32Array([1, 0]))).toThrow(/integer from 0 to 4294967295/);
    expect(() => index.upsert(2 ** 32, new Float32Array([1, 0]))).toThrow(/integer from 0 to/);
    await expect(createHnswVectorIndex({ dimensions: 2, space: 'l2' as 'cosine' })).rejects.toThrow(
      /only the cosine/,
    );
  });

  it('stops loading when the signal is already aborted', async () => {
    const index = await createHnswVectorIndex({ dimensions: 2, path: indexPath });
    index.upsert(1, new Float32Array([1, 0]));
    await index.save();
    await expect(
      createHnswVectorIndex({ dimensions: 2, path: indexPath }, { signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({ code: 'aborted' });
  });
});
