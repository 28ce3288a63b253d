/**
 * The anger sets through the escalation policy, as the live turn decides: a message counts as flagged
 * when the policy hands it to a person (anger, or an upset viewer without an answer, ...). Reported on each set's test split, twice: with the default
 * signals (lexicons, intents), and with an anger classifier trained on that set's dev split alone
 * (threshold by cross-validation on dev). Test data chooses nothing.
 *
 *   npx tsx eval/anger/run-anger-policy-benchmark.ts [--data DIR] [--json]
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBuiltinSignalSupport } from '../../adapters/language/builtin-signal-support.js';
import { POLICY_PRESETS } from '../../engine/policy/escalation-policy-config.js';
import { createSignalDetector, SignalsConfigSchema } from '../../engine/signals/detect-signals.js';
import { createLearnedSignals } from '../../engine/signals/learned/learned-signals.js';
import { trainSignalModel } from '../../engine/signals/learned/train-signal-model.js';
import { DEFAULT_MATCHER_CONFIG } from '../../knowledge/matching/matcher-config.js';
import { openEvalKnowledgeBase } from '../open-eval-knowledge-base.js';
import { parseJsonLines } from '../parse-json-lines.js';
import { readKnowledgeFile, readSynonymsFile } from '../read-knowledge-files.js';
import { createTurnJudge } from '../escalation/turn-verdict.js';
import { AngerCaseSchema, ANGER_SETS, type AngerCase } from './anger-case.js';
import { binaryMetrics, type BinaryMetrics } from './binary-metrics.js';

export interface AngerPolicyResult {
  set: string;
  default: BinaryMetrics;
  trained: BinaryMetrics;
  keywordBaselineF1: number;
}

async function readSplit(file: string): Promise<AngerCase[]> {
  return parseJsonLines(await readFile(file, 'utf8'), AngerCaseSchema, file);
}

export async function runAngerPolicyBenchmark(options: { dataDir: string }): Promise<AngerPolicyResult[]> {
  const entries = await readKnowledgeFile('knowledge/demo/demo-kb.jsonl');
  const synonyms = await readSynonymsFile('knowledge/demo/demo-synonyms.jsonl');
  const support = createBuiltinSignalSupport({ synonyms, entries });
  const base = await openEvalKnowledgeBase({
    entries,
    synonyms,
    embedder: { kind: 'builtin' },
    vectorIndex: 'auto',
    matcherConfig: DEFAULT_MATCHER_CONFIG,
  });
  const features = createSignalDetector(SignalsConfigSchema.parse({}), support);
  const results: AngerPolicyResult[] = [];
  try {
    for (const set of ANGER_SETS) {
      const dev = await readSplit(path.join(options.dataDir, set.name, 'dev.jsonl'));
      const test = await readSplit(path.join(options.dataDir, set.name, 'test.jsonl'));
      const trained = trainSignalModel({
        training: dev.map((item) => ({
          ...features.examine(item.text),
          labels: new Map([['anger', item.angry]]),
        })),
        minPositives: 8,
        sources: [`${set.name}/dev.jsonl`],
        createdAt: new Date().toISOString(),
      });
      if (!trained.ok) throw new Error(`${set.name}: ${trained.problems.join('; ')}`);
      const judges = {
        default: createTurnJudge({ policy: POLICY_PRESETS.show, support }),
        trained: createTurnJudge({
          policy: POLICY_PRESETS.show,
          support: { ...support, learned: createLearnedSignals(trained.model) },
        }),
      };
      const flagged = { default: [] as number[], trained: [] as number[] };
      for (const item of test) {
        const match = await base.knowledgeBase.ask(item.text);
        for (const which of ['default', 'trained'] as const) {
          const verdict = judges[which]({ text: item.text, expected: null }, match);
          flagged[which].push(verdict.action === 'escalate' ? 1 : 0);
        }
      }
      const labels = test.map((item) => item.angry);
      results.push({
        set: set.name,
        default: binaryMetrics(flagged.default, labels, 0.5),
        trained: binaryMetrics(flagged.trained, labels, 0.5),
        keywordBaselineF1: set.baselineTestF1,
      });
    }
  } finally {
    await base.close();
  }
  return results;
}

const percent = (value: number) => (value * 100).toFixed(1);

export function formatAngerPolicyTable(results: readonly AngerPolicyResult[]): string {
  return [
    '| set | default F1 (P / R) | trained on dev F1 (P / R) | keyword baseline F1 |',
    '|---|---|---|---|',
    ...results.map(
      (result) =>
        `| ${result.set} | ${percent(result.default.f1)} (${percent(result.default.precision)} / ${percent(result.default.recall)}) | ${percent(result.trained.f1)} (${percent(result.trained.precision)} / ${percent(result.trained.recall)}) | ${percent(result.keywordBaselineF1)} |`,
    ),
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const dataIndex = args.indexOf('--data');
  const dataDir = dataIndex >= 0 ? args[dataIndex + 1]! : path.resolve('..', 'shared', 'eval-data');
  const results = await runAngerPolicyBenchmark({ dataDir });
  console.log(args.includes('--json') ? JSON.stringify(results, null, 2) : formatAngerPolicyTable(results));
}
