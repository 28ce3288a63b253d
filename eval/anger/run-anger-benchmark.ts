/**
 * Anger signal benchmark: F1 of engine/signals' anger score on the anger sets in ../shared/eval-data.
 *
 *   npx tsx eval/anger/run-anger-benchmark.ts [--data DIR] [--tune] [--json]
 *
 * Thresholds are the config defaults (chosen on the dev splits); `--tune` re-chooses one threshold per
 * language on dev (best mean dev F1 over that language's sets) and reports test at it. Test data is
 * never used to choose anything.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AngerConfigSchema, type AngerConfig } from '../../engine/signals/anger-config.js';
import { createAngerScorer } from '../../engine/signals/anger-score.js';
import { parseJsonLines } from '../parse-json-lines.js';
import { AngerCaseSchema, ANGER_SETS, type AngerSet } from './anger-case.js';
import { bestMeanF1Threshold, binaryMetrics, type BinaryMetrics } from './binary-metrics.js';

interface Scored {
  scores: number[];
  labels: boolean[];
}

export interface AngerSetResult {
  set: string;
  language: 'zh' | 'en';
  threshold: number;
  dev: BinaryMetrics;
  test: BinaryMetrics;
  baselineTestF1: number;
}

async function scoreSplit(file: string, score: (text: string) => number): Promise<Scored> {
  const cases = parseJsonLines(await readFile(file, 'utf8'), AngerCaseSchema, file);
  return { scores: cases.map((item) => score(item.text)), labels: cases.map((item) => item.angry) };
}

export async function runAngerBenchmark(options: {
  dataDir: string;
  config: AngerConfig;
  tune: boolean;
}): Promise<AngerSetResult[]> {
  const scorer = createAngerScorer(options.config);
  const score = (text: string) => scorer.score(text).rawScore;
  const scored = await Promise.all(
    ANGER_SETS.map(async (set) => ({
      set,
      dev: await scoreSplit(path.join(options.dataDir, set.name, 'dev.jsonl'), score),
      test: await scoreSplit(path.join(options.dataDir, set.name, 'test.jsonl'), score),
    })),
  );
  const thresholds = { ...options.config.threshold };
  if (options.tune) {
    for (const language of ['zh', 'en'] as const) {
      const devSets = scored.filter((item) => item.set.language === language).map((item) => item.dev);
      if (devSets.length > 0) thresholds[language] = bestMeanF1Threshold(devSets).threshold;
    }
  }
  return scored.map(({ set, dev, test }: { set: AngerSet; dev: Scored; test: Scored }) => {
    const threshold = thresholds[set.language];
    return {
      set: set.name,
      language: set.language,
      threshold,
      dev: binaryMetrics(dev.scores, dev.labels, threshold),
      test: binaryMetrics(test.scores, test.labels, threshold),
      baselineTestF1: set.baselineTestF1,
    };
  });
}

const percent = (value: number) => (value * 100).toFixed(1);

export function formatAngerTable(results: readonly AngerSetResult[]): string {
  const lines = [
    '| set | dev F1 | test F1 | test precision | test recall | threshold | keyword baseline (test F1) |',
    '|---|---|---|---|---|---|---|',
    ...results.map(
      (result) =>
        `| ${result.set} | ${percent(result.dev.f1)} | ${percent(result.test.f1)} | ${percent(result.test.precision)} | ${percent(result.test.recall)} | ${result.threshold.toFixed(3)} (${result.language}) | ${percent(result.baselineTestF1)} |`,
    ),
  ];
  return lines.join('\n');
}

async function main(argv: readonly string[]): Promise<void> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const dataIndex = argv.indexOf('--data');
  const dataDir =
    dataIndex >= 0 && argv[dataIndex + 1] !== undefined
      ? path.resolve(argv[dataIndex + 1]!)
      : path.resolve(here, '../../../shared/eval-data');
  const results = await runAngerBenchmark({
    dataDir,
    config: AngerConfigSchema.parse({}),
    tune: argv.includes('--tune'),
  });
  process.stdout.write(
    argv.includes('--json') ? `${JSON.stringify(results, null, 2)}\n` : `${formatAngerTable(results)}\n`,
  );
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
