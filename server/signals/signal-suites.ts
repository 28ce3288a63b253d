import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { readTrainingCasesText, type TrainingCase } from '../../eval/signals/signal-training-cases.js';

const REPOSITORY = path.resolve(import.meta.dirname, '../..');

/**
 * The hand-written escalation suite (relative to the repository): the admin trains on the dev split, as
 * `livedesk signals train --cases` does, and measures every model version on the test split.
 */
export const SIGNAL_SUITE_FILES = Object.freeze({
  dev: 'knowledge/demo/escalation-suite-dev.jsonl',
  test: 'knowledge/demo/escalation-suite-test.jsonl',
});

export type SignalSuiteSplit = keyof typeof SIGNAL_SUITE_FILES;

/** One split's lines, labelled per signal as the CLI labels them (eval/signals/signal-training-cases.ts). */
export async function readSignalSuite(split: SignalSuiteSplit): Promise<TrainingCase[]> {
  const file = SIGNAL_SUITE_FILES[split];
  return readTrainingCasesText(await readFile(path.join(REPOSITORY, file), 'utf8'), file);
}
