/**
 * Fits the matcher's calibration (DEFAULT_MATCHER_CONFIG.calibration) on dev splits only: asks every
 * dev question, keeps the best candidate's fused score, its margin over the runner-up and the
 * classifier's background share, and fits a logistic regression of "the best candidate is the right
 * entry" on them, each set weighing the same however many questions it has.
 *
 *   npx tsx eval/tuning/fit-calibration.ts [--eval-data ../shared/eval-data]
 *
 * Prints the coefficients to paste into matcher-config.ts, with each set's log-loss before and after.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_MATCHER_CONFIG } from '../../knowledge/matching/matcher-config.js';
import { sigmoid } from '../../knowledge/matching/sigmoid.js';
import { openEvalKnowledgeBase } from '../open-eval-knowledge-base.js';
import { readKnowledgeFile, readSynonymsFile } from '../read-knowledge-files.js';
import { readCases } from '../run-case-eval.js';

interface DevSet {
  name: string;
  kb: string;
  dev: string;
  synonyms?: string;
}

interface Observation {
  features: number[];
  right: boolean;
}

const FEATURE_NAMES = ['scoreWeight', 'marginWeight', 'backgroundWeight'] as const;

function devSets(evalData: string): DevSet[] {
  const shared = (name: string, kb = 'kb.jsonl'): DevSet => ({
    name: kb === 'kb.jsonl' ? name : `${name}/${kb}`,
    kb: path.join(evalData, name, kb),
    dev: path.join(evalData, name, 'dev.jsonl'),
  });
  const demo = (name: string, kb: string, dev: string): DevSet => ({
    name,
    kb: `knowledge/demo/${kb}`,
    dev: `knowledge/demo/${dev}`,
    synonyms: 'knowledge/demo/demo-synonyms.jsonl',
  });
  return [
    shared('clinc150'),
    shared('banking77'),
    shared('xsid-zh'),
    shared('xsid-zh', 'kb_en.jsonl'),
    demo('demo', 'demo-kb.jsonl', 'demo-cases-dev.jsonl'),
    demo('starter', 'starter-kb.jsonl', 'starter-cases-dev.jsonl'),
  ];
}

async function observe(set: DevSet): Promise<Observation[]> {
  const [entries, synonyms, cases] = await Promise.all([
    readKnowledgeFile(set.kb),
    set.synonyms ? readSynonymsFile(set.synonyms) : Promise.resolve([]),
    readCases(set.dev),
  ]);
  const opened = await openEvalKnowledgeBase({
    entries,
    synonyms,
    embedder: { kind: 'builtin' },
    vectorIndex: 'auto',
    matcherConfig: DEFAULT_MATCHER_CONFIG,
  });
  try {
    const observations: Observation[] = [];
    for (const testCase of cases) {
      const decision = await opened.knowledgeBase.ask(testCase.text);
      const best = decision.candidates[0];
      if (!best) continue;
      observations.push({
        features: [best.scores.fused, decision.margin, decision.background ?? 0],
        right: testCase.expected !== null && best.entryId === testCase.expected,
      });
    }
    return observations;
  } finally {
    await opened.close();
  }
}

/** Weighted logistic regression by gradient descent, a small L2 keeping it stable. */
function fit(sets: Observation[][], iterations = 4000, rate = 0.5, l2 = 1e-4): number[] {
  const size = FEATURE_NAMES.length + 1;
  const weights = new Array<number>(size).fill(0);
  for (let iteration = 0; iteration < iterations; iteration++) {
    const gradient = new Array<number>(size).fill(0);
    for (const observations of sets) {
      const share = 1 / (sets.length * observations.length);
      for (const { features, right } of observations) {
        const error = predict(weights, features) - (right ? 1 : 0);
        gradient[0]! += share * error;
        features.forEach((value, index) => (gradient[index + 1]! += share * error * value));
      }
    }
    for (let index = 0; index < size; index++)
      weights[index]! -= rate * (gradient[index]! + (index === 0 ? 0 : l2 * weights[index]!));
  }
  return weights;
}

function predict(weights: readonly number[], features: readonly number[]): number {
  return sigmoid(features.reduce((total, value, index) => total + weights[index + 1]! * value, weights[0]!));
}

function logLoss(weights: readonly number[], observations: readonly Observation[]): number {
  const clamp = (value: number) => Math.min(1 - 1e-9, Math.max(1e-9, value));
  return (
    observations.reduce((total, { features, right }) => {
      const probability = clamp(predict(weights, features));
      return total - Math.log(right ? probability : 1 - probability);
    }, 0) / observations.length
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'eval-data': { type: 'string' } } });
  const sets = devSets(values['eval-data'] ?? '../shared/eval-data');
  const observed: Observation[][] = [];
  for (const set of sets) observed.push(await observe(set));
  const { calibration } = DEFAULT_MATCHER_CONFIG;
  const current = [
    calibration.bias,
    calibration.scoreWeight,
    calibration.marginWeight,
    calibration.backgroundWeight,
  ];
  const fitted = fit(observed);
  sets.forEach((set, index) => {
    const observations = observed[index]!;
    console.log(
      `${set.name.padEnd(20)} ${String(observations.length).padStart(5)} questions, log-loss ${logLoss(current, observations).toFixed(3)} → ${logLoss(fitted, observations).toFixed(3)}`,
    );
  });
  const [bias, ...rest] = fitted;
  const rounded = (value: number) => Math.round(value * 100) / 100;
  console.log(
    `calibration: { bias: ${rounded(bias!)}, ${FEATURE_NAMES.map((name, index) => `${name}: ${rounded(rest[index]!)}`).join(', ')} }`,
  );
}

await main();
