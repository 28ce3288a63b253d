import { EvalCaseSchema, type EvalCase } from '../../eval/eval-case.js';
import { describeIssues, readableIssueMessages } from '../../knowledge/io/describe-issues.js';
import { resolveImportLimits } from '../../knowledge/io/import-limits.js';
import { createLineErrorList, type LineError } from '../../knowledge/io/line-error-list.js';
import { readJsonLines } from '../../knowledge/io/read-json-lines.js';

export type PostedCasesResult = { ok: true; cases: EvalCase[] } | { ok: false; errors: LineError[] };

export interface PostedCasesLimits {
  maxBytes: number;
  maxCases: number;
  /** Bad lines reported before giving up on the text. */
  maxErrors: number;
}

export const DEFAULT_POSTED_CASES_LIMITS: Readonly<PostedCasesLimits> = Object.freeze({
  maxBytes: 1024 * 1024,
  maxCases: 10_000,
  maxErrors: 50,
});

const fieldLabel = (path: readonly PropertyKey[]) =>
  path.length === 0 ? 'case' : path.map(String).join('.');

/**
 * Eval cases uploaded as JSON Lines, checked with the eval's own case schema. Unlike the CLI, which stops at
 * the first bad line of a file on disk, every bad line (up to `maxErrors`) is reported, so an editor can fix
 * an upload in one go; nothing is run unless every line is valid.
 */
export function parsePostedCases(
  text: string,
  limits: PostedCasesLimits = DEFAULT_POSTED_CASES_LIMITS,
): PostedCasesResult {
  const importLimits = resolveImportLimits({
    limits: { maxBytes: limits.maxBytes, maxErrors: limits.maxErrors },
  });
  const errors = createLineErrorList(limits.maxErrors);
  const cases: EvalCase[] = [];
  for (const { line, value } of readJsonLines(text, importLimits, errors)) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      if (!errors.add(line, 'expected a JSON object like {"text": …, "expected": …}')) break;
      continue;
    }
    const parsed = EvalCaseSchema.safeParse(value, { error: readableIssueMessages });
    if (parsed.success) cases.push(parsed.data);
    else if (!errors.add(line, describeIssues(parsed.error.issues, fieldLabel))) break;
  }
  if (errors.count === 0 && cases.length === 0) errors.add(0, 'no cases: send one JSON object per line');
  if (errors.count === 0 && cases.length > limits.maxCases) {
    errors.add(0, `${cases.length} cases; at most ${limits.maxCases} per run`);
  }
  return errors.count > 0 ? { ok: false, errors: errors.sorted() } : { ok: true, cases };
}
