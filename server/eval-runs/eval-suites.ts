import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { EvalCaseSchema, type EvalCase } from '../../eval/eval-case.js';
import { parseJsonLines } from '../../eval/parse-json-lines.js';

export const EvalSuiteSchema = z.enum(['demo', 'escalation']);
export type EvalSuite = z.infer<typeof EvalSuiteSchema>;

const REPOSITORY = path.resolve(import.meta.dirname, '../..');

/** The case files (relative to the repository) that `npm run eval:demo` and `npm run eval:escalation` score: the test splits. */
export const EVAL_SUITE_FILES: Readonly<Record<EvalSuite, string>> = Object.freeze({
  demo: 'knowledge/demo/demo-cases-test.jsonl',
  escalation: 'knowledge/demo/demo-escalation-test.jsonl',
});

/** A suite's cases, read as `livedesk eval --cases` reads them. */
export async function readSuiteCases(suite: EvalSuite): Promise<EvalCase[]> {
  const file = EVAL_SUITE_FILES[suite];
  return parseJsonLines(await readFile(path.join(REPOSITORY, file), 'utf8'), EvalCaseSchema, file);
}
