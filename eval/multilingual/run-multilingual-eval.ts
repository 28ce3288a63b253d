/**
 * The FAQ matcher in many languages: for each set, top-1 on its dev split (the figure tuning looks at)
 * and, with thresholds chosen on dev, top-1 and answered right/wrong on its test split.
 * Usage: npx tsx eval/multilingual/run-multilingual-eval.ts [--split dev|test|both] [set ...]
 */
import path from 'node:path';
import { loadConfig } from '../../server/config.js';
import { loadMatcherConfig } from '../../server/load-matcher-config.js';
import { runCaseEval } from '../run-case-eval.js';

const SHARED = path.resolve('../shared/eval-data');
const OWN = path.resolve('eval/multilingual/live-stream');

interface EvalSet {
  name: string;
  kb: string;
  dev: string;
  test: string;
}

const SETS: EvalSet[] = [
  ...['ja', 'ar', 'id', 'de', 'tr', 'it'].map((lang) => ({
    name: `xsid-${lang}`,
    kb: `${SHARED}/xsid-multi/${lang}/kb.jsonl`,
    dev: `${SHARED}/xsid-multi/${lang}/dev.jsonl`,
    test: `${SHARED}/xsid-multi/${lang}/test.jsonl`,
  })),
  {
    name: 'xsid-zh',
    kb: `${SHARED}/xsid-zh/kb.jsonl`,
    dev: `${SHARED}/xsid-zh/dev.jsonl`,
    test: `${SHARED}/xsid-zh/test.jsonl`,
  },
  ...['ko', 'es', 'pt', 'th', 'vi'].map((lang) => ({
    name: `live-${lang}`,
    kb: `${OWN}/${lang}-kb.jsonl`,
    dev: `${OWN}/${lang}-dev.jsonl`,
    test: `${OWN}/${lang}-test.jsonl`,
  })),
];

function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${(value * 100).toFixed(1)}%`;
}

const args = process.argv.slice(2);
const splitIndex = args.indexOf('--split');
const split = splitIndex >= 0 ? args[splitIndex + 1] : 'both';
const names = args.filter(
  (arg, index) => !arg.startsWith('--') && (splitIndex < 0 || index !== splitIndex + 1),
);
const chosen = names.length === 0 ? SETS : SETS.filter((set) => names.includes(set.name));
const config = loadConfig({ ...process.env, LIVEDESK_EMBEDDER: 'builtin', LIVEDESK_VECTOR_INDEX: 'auto' });
const matcherConfig = await loadMatcherConfig(config.matcherConfigFile);

console.log(
  '| set | dev top-1 | test top-1 | test top-3 | answered right | answered wrong | answer threshold |',
);
console.log('| --- | --: | --: | --: | --: | --: | --: |');
for (const set of chosen) {
  const common = {
    kbPath: set.kb,
    embedder: config.embedder,
    vectorIndex: config.vectorIndex,
    matcherConfig,
    wrongAnswerCost: 2,
    missesKept: 0,
  };
  const dev = split === 'test' ? undefined : (await runCaseEval({ ...common, casesPath: set.dev })).report;
  const test =
    split === 'dev'
      ? undefined
      : (await runCaseEval({ ...common, casesPath: set.test, devPath: set.dev })).report;
  console.log(
    `| ${set.name} | ${percent(dev?.inScope.top1Accuracy)} | ${percent(test?.inScope.top1Accuracy)} | ${percent(test?.inScope.top3Accuracy)} | ${percent(test?.inScope.answeredCorrectly)} | ${percent(test?.inScope.answeredWrongly)} | ${test ? test.thresholds.answerMinConfidence.toFixed(2) : '—'} |`,
  );
}
