import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Benchmark, BenchmarkContext, TargetCheck } from '../benchmark.js';
import { formatMiB, formatMs } from '../statistics.js';
import type { MatcherMeasurement, MeasureMatcherOptions } from './measure-matcher.js';

const MEASURE_SCRIPT = path.join(import.meta.dirname, 'measure-matcher-process.ts');
const REPOSITORY_ROOT = path.resolve(import.meta.dirname, '../..');

/** The targets for the builtin embedder on a 2-core machine. */
const TARGETS = { matchP50Ms: 1, matchP99Ms: 5, targetEntries: 1000, buildEntries: 10_000, buildMs: 10_000 };

/** Budgets keep a default run near five minutes; `--full` lifts them (HNSW alone then builds 10k entries for minutes). */
const NO_BUDGET_MS = 1e9;

function plan({ quick, full }: Pick<BenchmarkContext, 'quick' | 'full'>): MeasureMatcherOptions[] {
  const sizes = quick ? [200, 1000] : [1000, 10_000];
  return sizes.flatMap((entries) =>
    (['sparse', 'exact', 'hnsw'] as const).map((vectorIndex) => ({
      entries,
      vectorIndex,
      questions: quick ? 300 : 2000,
      warmUpQuestions: quick ? 30 : 200,
      matchBudgetMs: full ? NO_BUDGET_MS : quick ? 3000 : 20_000,
      buildBudgetMs: full ? NO_BUDGET_MS : quick ? 30_000 : 90_000,
      updates: quick ? 10 : 50,
    })),
  );
}

/** One measurement in a fresh Node process, so that neither heap nor RSS carries the previous one. */
function measureInChildProcess(options: MeasureMatcherOptions): Promise<MatcherMeasurement> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', MEASURE_SCRIPT, JSON.stringify(options)],
      {
        cwd: REPOSITORY_ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (stdout += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0)
        return reject(new Error(`the measurement of ${JSON.stringify(options)} exited with ${code}`));
      try {
        resolve(JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as MatcherMeasurement);
      } catch (error) {
        reject(new Error(`the measurement printed no result: ${stdout.slice(0, 500)}`, { cause: error }));
      }
    });
  });
}

function table(measurements: readonly MatcherMeasurement[]): string {
  const header = [
    '| entries (phrasings) | index | build | match p50 | p95 | p99 | questions | top-1 | update p50 | update p95 | RSS after build | RSS Δ | heap Δ | typed arrays Δ |',
    '| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  const ms = (value: number | undefined) => (value === undefined ? '–' : `${formatMs(value)} ms`);
  const mib = (bytes: number | undefined) => (bytes === undefined ? '–' : `${formatMiB(bytes)} MiB`);
  const rows = measurements.map((result) => {
    const { match, update, memory } = result;
    return [
      `${result.entries.toLocaleString('en-US')} (${result.phrasings.toLocaleString('en-US')})`,
      result.vectorIndex,
      describeBuild(result),
      ms(match?.p50Ms),
      ms(match?.p95Ms),
      ms(match?.p99Ms),
      match
        ? `${match.count.toLocaleString('en-US')}${result.matchBudgetReached ? ' (time budget)' : ''}`
        : '–',
      match ? `${(result.top1Accuracy * 100).toFixed(1)}%` : '–',
      ms(update?.p50Ms),
      ms(update?.p95Ms),
      mib(memory?.rssAfterBuildBytes),
      mib(memory?.rssDeltaBytes),
      mib(memory?.heapUsedDeltaBytes),
      mib(memory?.arrayBuffersDeltaBytes),
    ].join(' | ');
  });
  return [...header, ...rows.map((row) => `| ${row} |`)].join('\n');
}

function describeBuild(result: MatcherMeasurement): string {
  const seconds = `${(result.buildMs / 1000).toFixed(1)} s`;
  if (result.buildCompleted) return seconds;
  const indexed = `${result.entriesIndexed.toLocaleString('en-US')} of ${result.entries.toLocaleString('en-US')}`;
  return `> ${seconds}: stopped with ${indexed} entries indexed`;
}

function checkTargets(measurements: readonly MatcherMeasurement[]): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const result of measurements) {
    if (result.entries === TARGETS.targetEntries) {
      checks.push({
        target: `match p50 < ${TARGETS.matchP50Ms} ms at ${TARGETS.targetEntries} entries (${result.vectorIndex})`,
        measured: result.match ? `${formatMs(result.match.p50Ms)} ms` : 'not measured',
        met: result.match !== null && result.match.p50Ms < TARGETS.matchP50Ms,
      });
      checks.push({
        target: `match p99 < ${TARGETS.matchP99Ms} ms at ${TARGETS.targetEntries} entries (${result.vectorIndex})`,
        measured: result.match ? `${formatMs(result.match.p99Ms)} ms` : 'not measured',
        met: result.match !== null && result.match.p99Ms < TARGETS.matchP99Ms,
      });
    }
    if (result.entries === TARGETS.buildEntries) {
      checks.push({
        target: `${TARGETS.buildEntries.toLocaleString('en-US')} entries indexed in < ${TARGETS.buildMs / 1000} s (${result.vectorIndex})`,
        measured: describeBuild(result),
        met: result.buildCompleted && result.buildMs < TARGETS.buildMs,
      });
    }
  }
  return checks;
}

/**
 * Match latency, index build, incremental update and memory of the matcher with the builtin embedder,
 * on synthetic knowledge bases of 1,000 and 10,000 entries, with every vector index: sparse (what
 * LIVEDESK_VECTOR_INDEX=auto picks for the builtin embedder), exact (brute force) and hnsw.
 */
export const matcherBenchmark: Benchmark = {
  name: 'matcher',
  description: 'builtin embedder: index build, single-question match latency, one-entry update, memory',
  async run(context: BenchmarkContext) {
    const measurements: MatcherMeasurement[] = [];
    for (const options of plan(context)) {
      context.progress(`matcher: ${options.entries} entries, ${options.vectorIndex} index`);
      measurements.push(await measureInChildProcess(options));
    }
    const notes = [
      '',
      `Builtin embedder (${measurements[0]?.embedderId ?? 'builtin'}), default matcher settings; synthetic knowledge bases with ~5 phrasings per`,
      'language view, a third of the entries bilingual (bench/matcher/synthetic-knowledge-base.ts). Build is `Matcher.rebuild`;',
      'match is one `Matcher.match` per question after a warm-up; update is `upsertEntry` of one edited entry. Memory is read',
      'after a forced GC, in a fresh process per row. top-1 is on held-out template phrasings, a sanity check, not a quality figure.',
      'The runtime default for the builtin embedder (LIVEDESK_VECTOR_INDEX=auto) is the sparse index; "(time budget)" marks rows',
      'where timing every question would have taken too long, so fewer were timed; a build that overruns its budget is stopped',
      'and its row left without figures. `npm run bench -- --full` lifts both budgets.',
    ];
    return {
      markdown: [table(measurements), ...notes].join('\n'),
      targets: checkTargets(measurements),
      results: measurements,
    };
  },
};
