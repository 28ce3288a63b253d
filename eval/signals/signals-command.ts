import { parseArgs } from 'node:util';
import { createBuiltinSignalSupport } from '../../adapters/language/builtin-signal-support.js';
import { createSignalDetector, SignalsConfigSchema } from '../../engine/signals/detect-signals.js';
import type { SignalModel } from '../../engine/signals/learned/signal-model.js';
import { trainSignalModel, type LabelledSet } from '../../engine/signals/learned/train-signal-model.js';
import { LivedeskError } from '../../knowledge/errors.js';
import type { CliOutput } from '../../server/cli/cli-output.js';
import { writeSignalModelFile } from '../../server/signals/signal-model-file.js';
import { readKnowledgeFile, readSynonymsFile } from '../read-knowledge-files.js';
import { readTrainingCases, type TrainingCase } from './signal-training-cases.js';

export const SIGNALS_USAGE = `usage: livedesk signals train --cases FILE [--cases FILE ...] [--dev FILE ...] --out MODEL
                              [--signal NAME ...] [--kb KB.jsonl] [--synonyms SYN.jsonl] [--min-positives N]

Trains one small classifier per signal (anger, human_request, each sensitive category) over the builtin
analysis and the lexicons' findings, from labelled lines in the eval case format ({"text", "escalate",
"reason", "kind"}) or the anger sets' ({"text", "angry"}). Each threshold is chosen for F1 on --dev, or by
five-fold cross-validation on the training lines. A signal with too few positive examples is refused;
--signal (anger, human_request, sensitive:safety, ...) trains only those named.
Use the model with \`livedesk eval --signals-model MODEL\` or LIVEDESK_SIGNALS_MODEL.
Defaults: --kb knowledge/demo/demo-kb.jsonl --synonyms knowledge/demo/demo-synonyms.jsonl --min-positives 8`;

const OPTIONS = {
  cases: { type: 'string', multiple: true },
  dev: { type: 'string', multiple: true },
  out: { type: 'string' },
  kb: { type: 'string', default: 'knowledge/demo/demo-kb.jsonl' },
  synonyms: { type: 'string', default: 'knowledge/demo/demo-synonyms.jsonl' },
  'min-positives': { type: 'string', default: '8' },
  signal: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

export function describeModel(model: SignalModel): string {
  const names = Object.keys(model.classifiers);
  const width = Math.max('signal'.length, ...names.map((name) => name.length)) + 2;
  const rows = Object.entries(model.classifiers).map(
    ([signal, classifier]) =>
      `  ${signal.padEnd(width)} ${String(classifier.training.examples).padStart(6)} ${String(classifier.training.positives).padStart(9)}   ${classifier.training.heldOut.source.padEnd(16)} ${percent(classifier.training.heldOut.precision).padStart(9)} ${percent(classifier.training.heldOut.recall).padStart(7)} ${percent(classifier.training.heldOut.f1).padStart(6)}  ${classifier.threshold.toFixed(3)}`,
  );
  return [
    `  ${'signal'.padEnd(width)} examples positives   held out by       precision  recall     F1  threshold`,
    ...rows,
  ].join('\n');
}

/** `livedesk signals train`: returns the exit code (0 done, 1 bad input or too few examples, 2 usage). */
export async function runSignalsCommand(
  argv: readonly string[],
  environment: { output: CliOutput },
): Promise<number> {
  const { output } = environment;
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    output.error(`${(error as Error).message}\n\n${SIGNALS_USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    output.log(SIGNALS_USAGE);
    return 0;
  }
  const minPositives = Number(values['min-positives']);
  if (positionals[0] !== 'train' || !values.cases?.length || !values.out || !Number.isInteger(minPositives)) {
    output.error(`signals train needs --cases FILE and --out MODEL\n\n${SIGNALS_USAGE}`);
    return 2;
  }
  try {
    const [entries, synonyms] = await Promise.all([
      readKnowledgeFile(values.kb),
      readSynonymsFile(values.synonyms),
    ]);
    const detector = createSignalDetector(
      SignalsConfigSchema.parse({}),
      createBuiltinSignalSupport({ synonyms, entries }),
    );
    const wanted = values.signal?.length ? new Set(values.signal) : undefined;
    const vectorise = (cases: readonly TrainingCase[]): LabelledSet =>
      cases.map((item) => ({
        ...detector.examine(item.text),
        labels: wanted ? new Map([...item.labels].filter(([signal]) => wanted.has(signal))) : item.labels,
      }));
    const readAll = async (files: readonly string[]) =>
      (await Promise.all(files.map((file) => readTrainingCases(file)))).flat();
    const training = await readAll(values.cases);
    const dev = values.dev?.length ? await readAll(values.dev) : undefined;
    const result = trainSignalModel({
      training: vectorise(training),
      ...(dev ? { dev: vectorise(dev) } : {}),
      minPositives,
      sources: [...values.cases, ...(values.dev ?? []).map((file) => `dev:${file}`)],
      createdAt: new Date().toISOString(),
    });
    if (!result.ok) {
      output.error(`no model written:\n${result.problems.map((problem) => `  ${problem}`).join('\n')}`);
      return 1;
    }
    await writeSignalModelFile(values.out, result.model);
    output.log(
      `signal model written to ${values.out} (${training.length} training line(s)${dev ? `, ${dev.length} dev` : ''})`,
    );
    output.log(describeModel(result.model));
    for (const note of result.skipped) output.log(`  not trained: ${note}`);
    return 0;
  } catch (error) {
    output.error(
      error instanceof LivedeskError ? `${error.code}: ${error.message}` : (error as Error).message,
    );
    return 1;
  }
}
