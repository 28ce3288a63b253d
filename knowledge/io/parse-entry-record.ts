import { EntrySchema } from '../entry.js';
import type { Entry } from '../entry.js';
import { describeIssues, readableIssueMessages } from './describe-issues.js';
import type { PathLabel } from './describe-issues.js';
import { detectLocale } from './detect-locale.js';
import { entryTextProblems } from './entry-text-checks.js';

export type EntryRecordResult = { ok: true; entry: Entry } | { ok: false; message: string };

/**
 * Validates one entry read from a file. Both the multi-locale shape and the plain `{id, questions, answer}`
 * shape are accepted; a missing `locale` is detected from the questions, unknown fields are dropped.
 * Control characters and locales of no known language are refused (entry-text-checks.ts).
 */
export function parseEntryRecord(value: unknown, label?: PathLabel): EntryRecordResult {
  if (!isPlainObject(value)) {
    return { ok: false, message: 'expected a JSON object like {"id": …, "questions": […], "answer": …}' };
  }
  const record =
    value.locale === undefined ? { ...value, locale: detectLocale(questionTexts(value)) } : value;
  const parsed = EntrySchema.safeParse(record, { error: readableIssueMessages });
  if (!parsed.success) return { ok: false, message: describeIssues(parsed.error.issues, label) };
  const problems = entryTextProblems(parsed.data, label);
  if (problems.length > 0) return { ok: false, message: problems.join('; ') };
  return { ok: true, entry: parsed.data };
}

function questionTexts(record: Record<string, unknown>): string[] {
  const questions = record.questions;
  return Array.isArray(questions) ? questions.filter((question) => typeof question === 'string') : [];
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
