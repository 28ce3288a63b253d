// npm run bench [-- NAME ...] [-- --quick | --full]: runs the benchmarks, prints a markdown report and writes it
// as JSON under reports/. Add a benchmark by writing a `Benchmark` (bench/benchmark.ts) and listing it here.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Benchmark, BenchmarkReport } from './benchmark.js';
import { describeMachine } from './machine.js';
import { engineBenchmark } from './engine/engine-benchmark.js';
import { loadBenchmark } from './load/load-benchmark.js';
import { matcherBenchmark } from './matcher/matcher-benchmark.js';
import { analyticsBenchmark } from './analytics/analytics-benchmark.js';
import { languageBenchmark } from './language/language-benchmark.js';
import { signalsBenchmark } from './signals/signals-benchmark.js';
import { stallBenchmark } from './stall/stall-benchmark.js';
import { clusterBenchmark } from './cluster/cluster-benchmark.js';
import { widgetBenchmark } from './widget/widget-benchmark.js';
import { danmakuBenchmark } from './danmaku/danmaku-benchmark.js';
import { voiceBenchmark } from './voice/voice-benchmark.js';
import { mediaBenchmark } from './media/media-benchmark.js';

const BENCHMARKS: readonly Benchmark[] = [
  matcherBenchmark,
  engineBenchmark,
  loadBenchmark,
  analyticsBenchmark,
  languageBenchmark,
  signalsBenchmark,
  stallBenchmark,
  clusterBenchmark,
  widgetBenchmark,
  danmakuBenchmark,
  voiceBenchmark,
  mediaBenchmark,
];

const REPORTS_FOLDER = path.resolve(import.meta.dirname, '../reports');

const benchmarkOptions: NonNullable<Benchmark['options']> = Object.fromEntries(
  BENCHMARKS.flatMap((benchmark) => Object.entries(benchmark.options ?? {})),
);
const { values, positionals } = parseArgs({
  options: {
    ...benchmarkOptions,
    quick: { type: 'boolean', default: false },
    full: { type: 'boolean', default: false },
  },
  allowPositionals: true,
});
const unknown = positionals.filter((name) => !BENCHMARKS.some((benchmark) => benchmark.name === name));
if (unknown.length > 0) {
  process.stderr.write(
    `unknown benchmark: ${unknown.join(', ')}; known: ${BENCHMARKS.map((benchmark) => benchmark.name).join(', ')}\n`,
  );
  process.exit(2);
}
const selected =
  positionals.length === 0
    ? BENCHMARKS
    : BENCHMARKS.filter((benchmark) => positionals.includes(benchmark.name));

const machine = describeMachine();
const started = performance.now();
const progress = (line: string) => process.stderr.write(`${line}\n`);
const reports: (BenchmarkReport & { name: string; description: string })[] = [];
for (const benchmark of selected) {
  progress(`running ${benchmark.name}: ${benchmark.description}`);
  reports.push({
    name: benchmark.name,
    description: benchmark.description,
    ...(await benchmark.run({ quick: values.quick, full: values.full, progress, options: values })),
  });
}
const elapsedSeconds = (performance.now() - started) / 1000;

const lines = [
  `# Livedesk benchmarks${values.quick ? ' (quick run: not for quoting)' : ''}`,
  '',
  `${machine.date.slice(0, 10)} · ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB · Node ${machine.node} · ${machine.platform} · ${elapsedSeconds.toFixed(0)} s`,
];
for (const report of reports) {
  lines.push('', `## ${report.name}: ${report.description}`, '', report.markdown);
  if (report.targets.length > 0) {
    lines.push(
      '',
      ...report.targets.map(
        (check) => `- ${check.met ? 'met' : 'MISSED'}: ${check.target}; measured ${check.measured}`,
      ),
    );
  }
}
process.stdout.write(`${lines.join('\n')}\n`);

await mkdir(REPORTS_FOLDER, { recursive: true });
const file = path.join(
  REPORTS_FOLDER,
  `bench-${machine.date.replace(/[:.]/g, '-')}${values.quick ? '-quick' : ''}.json`,
);
await writeFile(
  file,
  `${JSON.stringify({ machine, quick: values.quick, full: values.full, elapsedSeconds, reports }, null, 2)}\n`,
);
progress(`report written to ${path.relative(process.cwd(), file)}`);
