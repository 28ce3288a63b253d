import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import hnswlib from 'hnswlib-node';
import type { HierarchicalNSW } from 'hnswlib-node';
import { LivedeskError, throwIfAborted } from '../../knowledge/errors.js';
import type { CallOptions, PersistentVectorIndex, VectorHit } from '../../knowledge/ports.js';
import { hashFile, readHnswSidecar, writeHnswSidecar } from './hnsw-sidecar.js';
import { writeFileAtomically } from './write-file-atomically.js';

export interface HnswVectorIndexOptions {
  dimensions: number;
  /** Only cosine: the rest of Livedesk reads `similarity` as cosine. */
  space?: 'cosine';
  /** Initial capacity in vectors; it doubles whenever an upsert needs more. Default 1024. */
  maxElements?: number;
  /** Candidate list size while building; higher is slower to insert, better recall. Default 200. */
  efConstruction?: number;
  /** HNSW's M: links per node. Default 16. */
  m?: number;
  /** Candidate list size while searching (raised to k when k is larger). Default 100. */
  efSearch?: number;
  /** Seed for the level generator, so builds are reproducible. Default 100. */
  randomSeed?: number;
  /**
   * Where `save()` writes the index (and `<path>.json` beside it). When the file exists the
   * factory loads it; its own M and efConstruction then win over the options. Without a path the
   * index lives in memory only and `save()` does nothing.
   */
  path?: string;
}

export interface HnswVectorIndex extends PersistentVectorIndex {
  /** Vectors the index can hold before its next automatic resize. */
  readonly capacity: number;
}

const MAX_LABEL = 0xffff_ffff;

/**
 * A PersistentVectorIndex on hnswlib-node's HierarchicalNSW (cosine space).
 *
 * Removal marks a label deleted. The index is built with `allowReplaceDeleted`, so a new label
 * reuses a deleted slot instead of growing the graph. hnswlib picks which deleted slot, and
 * evicts that slot's label, so `possiblyDeleted` is a superset of the labels still stored as
 * deleted; `reviveDeletedLabel` finds out which case holds before a removed label comes back.
 */
export async function createHnswVectorIndex(
  options: HnswVectorIndexOptions,
  callOptions: CallOptions = {},
): Promise<HnswVectorIndex> {
  const { dimensions } = options;
  if (!Number.isInteger(dimensions) || dimensions < 1) {
    throw new LivedeskError('invalid_input', `dimensions must be a positive integer, got ${dimensions}`);
  }
  if (options.space !== undefined && options.space !== 'cosine') {
    throw new LivedeskError(
      'invalid_input',
      `only the cosine space is supported, got ${String(options.space)}`,
    );
  }
  const indexPath = options.path === undefined ? undefined : path.resolve(options.path);
  const graph = new hnswlib.HierarchicalNSW('cosine', dimensions);
  const live = new Set<number>();
  const possiblyDeleted = new Set<number>();

  if (indexPath !== undefined && existsSync(indexPath)) {
    await loadInto({ graph, indexPath, dimensions, live, possiblyDeleted, signal: callOptions.signal });
  } else {
    graph.initIndex({
      maxElements: Math.max(1, Math.floor(options.maxElements ?? 1024)),
      m: options.m ?? 16,
      efConstruction: options.efConstruction ?? 200,
      randomSeed: options.randomSeed ?? 100,
      allowReplaceDeleted: true,
    });
  }
  graph.setEf(options.efSearch ?? 100);

  function reviveDeletedLabel(label: number): boolean {
    if (!possiblyDeleted.delete(label)) return false;
    try {
      graph.unmarkDelete(label);
      return true;
    } catch (error) {
      // hnswlib reused this label's slot for another label: the label is simply gone.
      if (error instanceof Error && error.message.includes('Label not found')) return false;
      throw error;
    }
  }

  function forgetEvictedLabels(): void {
    const vacancies = graph.getCurrentCount() - live.size;
    if (possiblyDeleted.size <= 2 * vacancies + 1024) return;
    possiblyDeleted.clear();
    for (const label of graph.getIdsList()) if (!live.has(label)) possiblyDeleted.add(label);
  }

  function upsert(label: number, vector: Float32Array): void {
    checkLabel(label);
    checkVector(vector, dimensions);
    const point = Array.from(vector);
    if (live.has(label) || reviveDeletedLabel(label)) {
      graph.addPoint(point, label, false);
    } else if (graph.getCurrentCount() >= graph.getMaxElements() && graph.getCurrentCount() > live.size) {
      // Reusing a deleted slot makes hnswlib repair its neighbours' links (about 3x an append), so it
      // is done only once the index is full, instead of growing it.
      graph.addPoint(point, label, true);
      forgetEvictedLabels();
    } else {
      if (graph.getCurrentCount() >= graph.getMaxElements()) graph.resizeIndex(graph.getMaxElements() * 2);
      graph.addPoint(point, label, false);
    }
    live.add(label);
  }

  function remove(label: number): void {
    if (!live.delete(label)) return;
    graph.markDelete(label);
    possiblyDeleted.add(label);
  }

  function search(vector: Float32Array, k: number): VectorHit[] {
    checkVector(vector, dimensions);
    const count = Math.min(Math.floor(k), live.size);
    if (!(count > 0)) return [];
    const { neighbors, distances } = graph.searchKnn(Array.from(vector), count);
    return neighbors.map((label, rank) => ({
      label,
      similarity: Math.max(-1, Math.min(1, 1 - (distances[rank] ?? 1))),
    }));
  }

  let pendingSave: Promise<void> = Promise.resolve();

  async function writeToDisk(target: string): Promise<void> {
    await mkdir(path.dirname(target), { recursive: true });
    // The label snapshot and the synchronous write happen in one tick, so they agree. The
    // asynchronous writeIndex would read the graph on a worker thread while upserts may be
    // reallocating it.
    const labels = [...live].sort((a, b) => a - b);
    let indexSha256 = '';
    await writeFileAtomically(target, async (temporaryPath) => {
      graph.writeIndexSync(temporaryPath);
      indexSha256 = await hashFile(temporaryPath);
    });
    await writeHnswSidecar(target, {
      format: 'livedesk-hnsw-index',
      version: 1,
      space: 'cosine',
      dimensions,
      labels,
      indexSha256,
    });
  }

  function save(): Promise<void> {
    if (indexPath === undefined) return Promise.resolve();
    const thisSave = pendingSave
      .catch(() => undefined)
      .then(() => writeToDisk(indexPath))
      .catch((error: unknown) => {
        throw new LivedeskError('unavailable', `could not save the vector index to ${indexPath}`, {
          cause: error,
        });
      });
    pendingSave = thisSave;
    return thisSave;
  }

  return {
    dimensions,
    get size() {
      return live.size;
    },
    get capacity() {
      return graph.getMaxElements();
    },
    upsert,
    remove,
    search,
    save,
  };
}

async function loadInto(options: {
  graph: HierarchicalNSW;
  indexPath: string;
  dimensions: number;
  live: Set<number>;
  possiblyDeleted: Set<number>;
  signal: AbortSignal | undefined;
}): Promise<void> {
  const { graph, indexPath, dimensions, live, possiblyDeleted, signal } = options;
  throwIfAborted(signal);
  const sidecar = await readHnswSidecar(indexPath);
  if (sidecar.dimensions !== dimensions) {
    throw new LivedeskError(
      'conflict',
      `the vector index ${indexPath} holds ${sidecar.dimensions}-dimension vectors but ${dimensions} were asked for ` +
        `(was the embedding model changed?); delete ${indexPath} and ${indexPath}.json to rebuild it`,
    );
  }
  throwIfAborted(signal);
  if ((await hashFile(indexPath)) !== sidecar.indexSha256) {
    throw new LivedeskError(
      'conflict',
      `the vector index ${indexPath} does not match ${indexPath}.json (an interrupted save?); delete both to rebuild`,
    );
  }
  throwIfAborted(signal);
  try {
    await graph.readIndex(indexPath, true);
  } catch (error) {
    throw new LivedeskError(
      'conflict',
      `could not read the vector index ${indexPath}; delete it to rebuild`,
      {
        cause: error,
      },
    );
  }
  const stored = new Set(graph.getIdsList());
  const missing = sidecar.labels.find((label) => !stored.has(label));
  if (graph.getNumDimensions() !== dimensions || missing !== undefined) {
    throw new LivedeskError(
      'conflict',
      `the vector index ${indexPath} disagrees with ${indexPath}.json; delete both to rebuild`,
    );
  }
  for (const label of sidecar.labels) live.add(label);
  for (const label of stored) if (!live.has(label)) possiblyDeleted.add(label);
}

function checkLabel(label: number): void {
  if (!Number.isInteger(label) || label < 0 || label > MAX_LABEL) {
    throw new LivedeskError(
      'invalid_input',
      `a label must be an integer from 0 to ${MAX_LABEL}, got ${label}`,
    );
  }
}

function checkVector(vector: Float32Array, dimensions: number): void {
  if (vector.length !== dimensions) {
    throw new LivedeskError(
      'invalid_input',
      `expected a vector of ${dimensions} floats, got ${vector.length}`,
    );
  }
  for (const value of vector) {
    if (!Number.isFinite(value))
      throw new LivedeskError('invalid_input', 'a vector may not hold NaN or Infinity');
  }
}
