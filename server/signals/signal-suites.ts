import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { readTrainingCasesText, type TrainingCase } from '../../eval/signals/signal-training-cases.js';

const REPOSITORY = path.resolve(import.meta.dirname, '../..');

/**
 * The hand-written escalation suite (relative to the repository): the admin trains on the dev splits (the
 * first and the second, written after the first proved too narrow), as `livedesk signals train --cases`
 * does, and measures every model version on the test split.
 */
const SUITE_SPLITS = Object.freeze({
  dev: ['knowledge/demo/escalation-suite-dev.jsonl', 'knowledge/demo/escalation-suite-dev2.jsonl'],
  test: ['knowledge/demo/escalation-suite-test.jsonl'],
});

export type SignalSuiteSplit = keyof typeof SUITE_SPLITS;

/** A split's files as a model's sources name them: "a.jsonl + b.jsonl". */
export const SIGNAL_SUITE_FILES: Readonly<Record<SignalSuiteSplit, string>> = Object.freeze({
  dev: SUITE_SPLITS.dev.join(' + '),
  test: SUITE_SPLITS.test.join(' + '),
});

/** One split's lines, labelled per signal as the CLI labels them (eval/signals/signal-training-cases.ts). */
export async function readSignalSuite(split: SignalSuiteSplit): Promise<TrainingCase[]> {
  const files = await Promise.all(
    SUITE_SPLITS[split].map(async (file) =>
      readTrainingCasesText(await readFile(path.join(REPOSITORY, file), 'utf8'), file),
    ),
  );
  return files.flat();
}
