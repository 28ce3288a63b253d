import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { LivedeskError } from '../knowledge/errors.js';
import { ConfigError, loadConfig } from '../server/config.js';
import type { CliOutput } from '../server/cli/cli-output.js';
import { loadMatcherConfig } from '../server/load-matcher-config.js';
import { BaselineReportSchema, type BaselineReport } from './baseline-report.js';
import { compareWithBaseline } from './compare-with-baseline.js';
import {
  EVAL_USAGE,
  parseEvalArguments,
  type CaseEvalArguments,
  type PairEvalArguments,
} from './eval-arguments.js';
import { formatBaselineComparison } from './format-baseline-comparison.js';
import { formatEvalReport } from './format-eval-report.js';
import { formatPairReport } from './pairs/format-pair-report.js';
import { runPairEval } from './pairs/run-pair-eval.js';
import { renderHtmlReport } from './render-html-report.js';
import { runCaseEval } from './run-case-eval.js';
import { thresholdSettings } from './threshold-settings.js';

/** Exit status when a metric got worse than the baseline allows; 1 and 2 mean bad input and bad usage. */
export const REGRESSION_EXIT_CODE = 3;

export interface EvalCommandEnvironment {
  env: NodeJS.ProcessEnv;
  output: CliOutput;
  /** Aborting stops the run between questions and still removes the temporary store. */
  signal?: AbortSignal | undefined;
}

async function writeOutputFile(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await writeFile(file, text);
}

/** The environment with the flags that override it, read through the server's one config schema. */
function configFor(
  env: NodeJS.ProcessEnv,
  overrides: { embedder?: string | undefined; vectorIndex?: string | undefined },
) {
  return loadConfig({
    ...env,
    ...(overrides.embedder === undefined ? {} : { LIVEDESK_EMBEDDER: overrides.embedder }),
    ...(overrides.vectorIndex === undefined ? {} : { LIVEDESK_VECTOR_INDEX: overrides.vectorIndex }),
  });
}

/** Read before the run, so a wrong path fails in a second rather than after the whole suite. */
async function readBaseline(
  file: string | undefined,
): Promise<{ path: string; report: BaselineReport } | undefined> {
  if (file === undefined) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new LivedeskError('invalid_input', `cannot read the baseline ${file}: ${(error as Error).message}`);
  }
  const parsed = BaselineReportSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    throw new LivedeskError('invalid_input', `${file} is not a livedesk eval report: ${problems}`);
  }
  return { path: file, report: parsed.data };
}

function gate(
  report: { kind: string; embedder: string },
  options: {
    baseline: { path: string; report: BaselineReport } | undefined;
    tolerance: number;
    output: CliOutput;
  },
): number {
  const { baseline, output } = options;
  if (baseline === undefined) return 0;
  const comparison = compareWithBaseline(report, baseline.report, { tolerance: options.tolerance });
  output.log('');
  output.log(formatBaselineComparison(comparison, baseline.path));
  return comparison.regressions.length > 0 ? REGRESSION_EXIT_CODE : 0;
}

async function caseEval(options: CaseEvalArguments, environment: EvalCommandEnvironment): Promise<number> {
  const { output } = environment;
  const config = configFor(environment.env, { embedder: options.embedder, vectorIndex: options.vectorIndex });
  const configPath = options.config ?? config.matcherConfigFile;
  const baseline = await readBaseline(options.baseline);
  const { report, matcherConfig } = await runCaseEval({
    signal: environment.signal,
    kbPath: options.kb,
    casesPath: options.cases,
    devPath: options.dev,
    synonymsPath: options.synonyms,
    domainPacks: options.domainPacks,
    configPath,
    embedder: config.embedder,
    vectorIndex: config.vectorIndex,
    matcherConfig: await loadMatcherConfig(configPath),
    wrongAnswerCost: options.wrongAnswerCost,
    missesKept: options.misses,
    policy: options.policy,
    signalsModelPath: options.signalsModel ?? config.signalsModelFile,
  });
  output.log(formatEvalReport(report));
  if (options.json !== undefined) await writeOutputFile(options.json, `${JSON.stringify(report, null, 2)}\n`);
  if (options.html !== undefined) await writeOutputFile(options.html, renderHtmlReport(report));
  if (options.saveThresholds !== undefined) {
    await writeOutputFile(
      options.saveThresholds,
      `${JSON.stringify(thresholdSettings(matcherConfig), null, 2)}\n`,
    );
    output.log(
      `thresholds saved to ${options.saveThresholds}: load them with LIVEDESK_MATCHER_CONFIG=${options.saveThresholds}`,
    );
  }
  return gate(report, { baseline, tolerance: options.tolerance, output });
}

async function pairEval(options: PairEvalArguments, environment: EvalCommandEnvironment): Promise<number> {
  const config = configFor(environment.env, { embedder: options.embedder });
  const baseline = await readBaseline(options.baseline);
  const report = await runPairEval({
    signal: environment.signal,
    pairsPath: options.pairs,
    devPath: options.dev,
    embedder: config.embedder,
  });
  environment.output.log(formatPairReport(report));
  if (options.json !== undefined) await writeOutputFile(options.json, `${JSON.stringify(report, null, 2)}\n`);
  return gate(report, { baseline, tolerance: options.tolerance, output: environment.output });
}

/** `livedesk eval ...`: returns the exit status. */
export async function runEvalCommand(
  argv: readonly string[],
  environment: EvalCommandEnvironment,
): Promise<number> {
  const { output } = environment;
  const parsed = parseEvalArguments(argv);
  if (!parsed.ok) {
    output.error(`${parsed.message}\n\n${EVAL_USAGE}`);
    return 2;
  }
  if (parsed.help || parsed.arguments === undefined) {
    output.log(EVAL_USAGE);
    return 0;
  }
  const options = parsed.arguments;
  try {
    return options.mode === 'pairs'
      ? await pairEval(options, environment)
      : await caseEval(options, environment);
  } catch (error) {
    if (error instanceof LivedeskError || error instanceof ConfigError) {
      output.error(error instanceof LivedeskError ? `${error.code}: ${error.message}` : error.message);
      return 1;
    }
    if (isMissingFile(error)) {
      output.error(`cannot read ${error.path}: no such file`);
      return 1;
    }
    throw error;
  }
}

function isMissingFile(error: unknown): error is NodeJS.ErrnoException & { path: string } {
  return (
    error instanceof Error &&
    (error as NodeJS.ErrnoException).code === 'ENOENT' &&
    typeof (error as NodeJS.ErrnoException).path === 'string'
  );
}
