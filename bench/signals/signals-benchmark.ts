import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createBuiltinSignalSupport } from '../../adapters/language/builtin-signal-support.js';
import {
  createSignalDetector,
  SignalsConfigSchema,
  type SignalSupport,
} from '../../engine/signals/detect-signals.js';
import { trainSignalModel } from '../../engine/signals/learned/train-signal-model.js';
import { createLearnedSignals } from '../../engine/signals/learned/learned-signals.js';
import { parseEntriesJsonl, parseSynonymsJsonl } from '../../knowledge/io/index.js';
import { DEMO_KNOWLEDGE_FILE } from '../../server/demo-knowledge.js';
import { readTrainingCasesText } from '../../eval/signals/signal-training-cases.js';
import type { Benchmark, TargetCheck } from '../benchmark.js';
import { formatMs, summarizeLatencies, type LatencySummary } from '../statistics.js';

const TARGET_P50_MS = 0.2;
const DEMO = path.dirname(DEMO_KNOWLEDGE_FILE);

function readLines(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as { text: string }).text);
}

/**
 * Every signal for one message the way a turn reads it (the server's support: analysis, intents, and a
 * model when there is one), with the per-text cache off so each message is read afresh.
 */
function measure(support: SignalSupport, messages: readonly string[], rounds: number): LatencySummary {
  const detector = createSignalDetector(SignalsConfigSchema.parse({}), { ...support, recentTexts: 0 });
  for (const text of messages) detector.detect({ text, history: [] });
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const text of messages) {
      const started = performance.now();
      detector.detect({ text, history: [] });
      samples.push(performance.now() - started);
    }
  }
  return summarizeLatencies(samples);
}

export const signalsBenchmark: Benchmark = {
  name: 'signals',
  description:
    'escalation signals: cost per message (lists, intents over the builtin analysis, a trained model)',
  run({ quick, progress }) {
    const entries = parseEntriesJsonl(readFileSync(DEMO_KNOWLEDGE_FILE, 'utf8'));
    const synonyms = parseSynonymsJsonl(readFileSync(path.join(DEMO, 'demo-synonyms.jsonl'), 'utf8'));
    if (!entries.ok || !synonyms.ok) throw new Error('the demo knowledge base does not parse');
    const suiteDev = path.join(DEMO, 'escalation-suite-dev.jsonl');
    const messages = [...readLines(suiteDev), ...readLines(path.join(DEMO, 'escalation-suite-test.jsonl'))];

    const built = performance.now();
    const support = createBuiltinSignalSupport({ synonyms: synonyms.synonyms, entries: entries.entries });
    const buildMs = performance.now() - built;

    progress('  training a model on the escalation suite (dev split) for the model row');
    const detector = createSignalDetector(SignalsConfigSchema.parse({}), support);
    const training = readTrainingCasesText(readFileSync(suiteDev, 'utf8'), suiteDev).map((item) => ({
      ...detector.examine(item.text),
      labels: new Map(
        [...item.labels].filter(([signal]) =>
          ['anger', 'human_request', 'sensitive:safety'].includes(signal),
        ),
      ),
    }));
    const trained = trainSignalModel({
      training,
      minPositives: 8,
      sources: [suiteDev],
      createdAt: new Date().toISOString(),
    });
    if (!trained.ok) throw new Error(trained.problems.join('; '));
    const learned = createLearnedSignals(trained.model);

    const rounds = quick ? 2 : 20;
    progress(`  ${messages.length} messages × ${rounds} rounds, three ways`);
    const listsOnly = measure({}, messages, rounds);
    const withIntents = measure(support, messages, rounds);
    const withModel = measure({ ...support, learned }, messages, rounds);
    const row = (name: string, summary: LatencySummary) =>
      `| ${name} | ${summary.count} | ${formatMs(summary.p50Ms)} | ${formatMs(summary.p95Ms)} | ${formatMs(summary.p99Ms)} | ${formatMs(summary.maxMs)} |`;
    const markdown = [
      `Messages: the escalation suite (dev and test, ${messages.length} zh/en viewer messages). Building the intents' index over the demo knowledge base took ${formatMs(buildMs)} ms (once, at start).`,
      '',
      '| signals | samples | p50 ms | p95 ms | p99 ms | max ms |',
      '| --- | --- | --- | --- | --- | --- |',
      row('word lists and patterns only', listsOnly),
      row('+ intents over the builtin analysis (the server default)', withIntents),
      row('+ a trained model (anger, human_request, safety)', withModel),
    ].join('\n');
    const targets: TargetCheck[] = [
      {
        target: `signal cost per message p50 < ${TARGET_P50_MS} ms (server default)`,
        measured: `${formatMs(withIntents.p50Ms)} ms`,
        met: withIntents.p50Ms < TARGET_P50_MS,
      },
      {
        target: `signal cost per message p50 < ${TARGET_P50_MS} ms (with a trained model)`,
        measured: `${formatMs(withModel.p50Ms)} ms`,
        met: withModel.p50Ms < TARGET_P50_MS,
      },
    ];
    return Promise.resolve({ markdown, targets, results: { buildMs, listsOnly, withIntents, withModel } });
  },
};
