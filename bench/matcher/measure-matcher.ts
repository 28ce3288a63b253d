import { z } from 'zod';
import { createHnswVectorIndex } from '../../adapters/hnswlib/hnsw-vector-index.js';
import { EntrySchema, localizedViews, type Entry } from '../../knowledge/entry.js';
import { createExactVectorIndex } from '../../knowledge/matching/exact-vector-index.js';
import { Matcher } from '../../knowledge/matching/matcher.js';
import { createSparseVectorIndex } from '../../knowledge/matching/sparse-vector-index.js';
import type { VectorIndex } from '../../knowledge/ports.js';
import { createEmbedder } from '../../server/create-embedder.js';
import { createSeededRandom } from '../../test/support/seeded-random.js';
import { summarizeLatencies, type LatencySummary } from '../statistics.js';
import { createSyntheticKnowledgeBase } from './synthetic-knowledge-base.js';

export const MeasureMatcherOptionsSchema = z.object({
  entries: z.number().int().positive(),
  vectorIndex: z.enum(['sparse', 'exact', 'hnsw']),
  /** Questions timed one at a time, after the warm-up... */
  questions: z.number().int().positive(),
  warmUpQuestions: z.number().int().min(0),
  /** ...unless timing them would take longer than this: brute force over 10k entries is slow. */
  matchBudgetMs: z.number().positive(),
  /** A build still running after this long is stopped, and nothing after it timed: HNSW over 10k entries takes minutes. */
  buildBudgetMs: z.number().positive(),
  /** Single-entry edits timed through `upsertEntry`. */
  updates: z.number().int().positive(),
  seed: z.number().int().default(2026),
});
export type MeasureMatcherOptions = z.input<typeof MeasureMatcherOptionsSchema>;

export interface MemoryDelta {
  rssAfterBuildBytes: number;
  rssDeltaBytes: number;
  heapUsedDeltaBytes: number;
  /** Typed arrays (prototype matrix, exact index rows) live outside the JS heap. */
  arrayBuffersDeltaBytes: number;
  /** Whether a forced GC preceded each reading (node --expose-gc); without it the deltas are noisier. */
  collectedGarbage: boolean;
}

export interface MatcherMeasurement {
  entries: number;
  /** Language views (an entry with a translation has two) and phrasings indexed. */
  views: number;
  phrasings: number;
  vectorIndex: 'sparse' | 'exact' | 'hnsw';
  embedderId: string;
  /** The build's duration; when the budget stopped it, the time until it stopped. */
  buildMs: number;
  /** False when the build budget ran out: match, update and memory were then not measured. */
  buildCompleted: boolean;
  /** Entries indexed when the build ended: all of them, unless the budget stopped it. */
  entriesIndexed: number;
  match: LatencySummary | null;
  /** True when the time budget ended the match loop before `questions` were timed. */
  matchBudgetReached: boolean;
  /** Share of the timed questions whose expected entry came first: a check that the index finds things. */
  top1Accuracy: number;
  update: LatencySummary | null;
  memory: MemoryDelta | null;
}

/** The runtime's choice of vector index, as server/open-knowledge-base.ts wires it. */
function vectorIndexFactory(
  kind: 'sparse' | 'exact' | 'hnsw',
): (dimensions: number) => VectorIndex | Promise<VectorIndex> {
  return (dimensions) =>
    kind === 'hnsw'
      ? createHnswVectorIndex({ dimensions })
      : kind === 'sparse'
        ? createSparseVectorIndex({ dimensions })
        : createExactVectorIndex({ dimensions });
}

class BuildBudgetExceeded extends Error {
  override readonly name = 'BuildBudgetExceeded';
}

/**
 * Stops a build that overruns its budget. The matcher reads no clock and rarely yields to timers (so an
 * AbortSignal.timeout would fire only after the build), but it stores every phrasing through `upsert`.
 */
function withBuildDeadline(
  createVectorIndex: (dimensions: number) => VectorIndex | Promise<VectorIndex>,
  isOverdue: () => boolean,
): (dimensions: number) => Promise<VectorIndex> {
  return async (dimensions) => {
    const index = await createVectorIndex(dimensions);
    return {
      get dimensions() {
        return index.dimensions;
      },
      get size() {
        return index.size;
      },
      upsert(label, vector) {
        if (isOverdue()) throw new BuildBudgetExceeded('the build ran past its budget');
        index.upsert(label, vector);
      },
      remove: (label) => index.remove(label),
      search: (vector, k) => index.search(vector, k),
    };
  };
}

function collectGarbage(): boolean {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return false;
  gc();
  gc();
  return true;
}

/** An edit an editor would make: one more phrasing and a reworded answer. */
function edited(entry: Entry, round: number): Entry {
  return {
    ...entry,
    questions: [...entry.questions, `${entry.questions[0]!} (${round})`],
    answer: `${entry.answer} (revised ${round})`,
  };
}

/** Builds a matcher over a synthetic knowledge base with the builtin embedder and times what matters. */
export async function measureMatcher(
  input: MeasureMatcherOptions,
  progress: (line: string) => void,
): Promise<MatcherMeasurement> {
  const options = MeasureMatcherOptionsSchema.parse(input);
  const label = `${options.entries} entries, ${options.vectorIndex}`;
  const totalQuestions = options.questions + options.warmUpQuestions;
  const synthetic = createSyntheticKnowledgeBase({
    entries: options.entries,
    questions: totalQuestions,
    seed: options.seed,
  });
  const entries = synthetic.entries.map((entry) => EntrySchema.parse(entry));
  const views = entries.flatMap((entry) => localizedViews(entry));
  const { embedder, analyzer } = await createEmbedder({ kind: 'builtin' });
  let buildDeadline = Number.POSITIVE_INFINITY;
  const matcher = new Matcher({
    embedder,
    analyzer,
    createVectorIndex: withBuildDeadline(
      vectorIndexFactory(options.vectorIndex),
      () => performance.now() > buildDeadline,
    ),
  });
  const measured = {
    entries: entries.length,
    views: views.length,
    phrasings: views.reduce((total, view) => total + view.questions.length, 0),
    vectorIndex: options.vectorIndex,
    embedderId: embedder.id,
  };

  const collectedGarbage = collectGarbage();
  const before = process.memoryUsage();
  progress(`${label}: building the index`);
  const buildStart = performance.now();
  buildDeadline = buildStart + options.buildBudgetMs;
  try {
    await matcher.rebuild(entries, synthetic.synonyms);
  } catch (error) {
    if (!(error instanceof BuildBudgetExceeded)) throw error;
    const buildMs = performance.now() - buildStart;
    progress(
      `${label}: stopped after ${(buildMs / 1000).toFixed(0)} s with ${matcher.entryCount} entries indexed`,
    );
    const stopped = { buildMs, buildCompleted: false, entriesIndexed: matcher.entryCount };
    return {
      ...measured,
      ...stopped,
      match: null,
      matchBudgetReached: false,
      top1Accuracy: 0,
      update: null,
      memory: null,
    };
  }
  const buildMs = performance.now() - buildStart;
  buildDeadline = Number.POSITIVE_INFINITY;
  collectGarbage();
  const after = process.memoryUsage();

  const warmUp = synthetic.questions.slice(options.questions);
  for (const question of warmUp) await matcher.match(question.text);
  progress(
    `${label}: built in ${(buildMs / 1000).toFixed(1)} s; timing up to ${options.questions} questions`,
  );
  const latencies: number[] = [];
  let correct = 0;
  const deadline = performance.now() + options.matchBudgetMs;
  for (const question of synthetic.questions.slice(0, options.questions)) {
    const start = performance.now();
    const decision = await matcher.match(question.text);
    latencies.push(performance.now() - start);
    if (decision.candidates[0]?.entryId === question.expected) correct++;
    if (performance.now() > deadline) break;
  }

  progress(`${label}: timing ${options.updates} single-entry updates`);
  const random = createSeededRandom(options.seed + 1);
  const updateLatencies: number[] = [];
  for (let round = 0; round < options.updates; round++) {
    const changed = edited(entries[Math.floor(random() * entries.length)]!, round);
    const start = performance.now();
    await matcher.upsertEntry(changed);
    updateLatencies.push(performance.now() - start);
  }

  return {
    ...measured,
    buildMs,
    buildCompleted: true,
    entriesIndexed: matcher.entryCount,
    match: summarizeLatencies(latencies),
    matchBudgetReached: latencies.length < options.questions,
    top1Accuracy: latencies.length === 0 ? 0 : correct / latencies.length,
    update: summarizeLatencies(updateLatencies),
    memory: {
      rssAfterBuildBytes: after.rss,
      rssDeltaBytes: after.rss - before.rss,
      heapUsedDeltaBytes: after.heapUsed - before.heapUsed,
      arrayBuffersDeltaBytes: after.arrayBuffers - before.arrayBuffers,
      collectedGarbage,
    },
  };
}
