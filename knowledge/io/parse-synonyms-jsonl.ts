import { SynonymSchema } from '../synonym.js';
import type { Synonym } from '../synonym.js';
import { describeIssues, readableIssueMessages } from './describe-issues.js';
import { createDuplicateTracker } from './duplicate-tracker.js';
import { resolveImportLimits } from './import-limits.js';
import type { ImportOptions } from './import-limits.js';
import { createLineErrorList } from './line-error-list.js';
import type { LineError } from './line-error-list.js';
import { isPlainObject } from './parse-entry-record.js';
import { readJsonLines } from './read-json-lines.js';

export type SynonymsParseResult = { ok: true; synonyms: Synonym[] } | { ok: false; errors: LineError[] };

/** Reads a synonym file in JSON Lines (`{"term", "canonical", "locale"?}`), all or nothing like entries. */
export function parseSynonymsJsonl(text: string, options?: ImportOptions): SynonymsParseResult {
  const limits = resolveImportLimits(options);
  const errors = createLineErrorList(limits.maxErrors);
  const duplicateOf = createDuplicateTracker('synonym');
  const synonyms: Synonym[] = [];
  for (const { line, value } of readJsonLines(text, limits, errors)) {
    const parsed = parseSynonymRecord(value);
    const message = parsed.ok
      ? duplicateOf(
          `${parsed.synonym.locale ?? ''}\u0000${parsed.synonym.term}`,
          line,
          describeKey(parsed.synonym),
        )
      : parsed.message;
    if (message !== undefined) {
      if (!errors.add(line, message)) break;
    } else if (parsed.ok) {
      synonyms.push(parsed.synonym);
    }
  }
  return errors.count > 0 ? { ok: false, errors: errors.sorted() } : { ok: true, synonyms };
}

function parseSynonymRecord(value: unknown): { ok: true; synonym: Synonym } | { ok: false; message: string } {
  if (!isPlainObject(value))
    return { ok: false, message: 'expected a JSON object like {"term": …, "canonical": …}' };
  const parsed = SynonymSchema.safeParse(value, { error: readableIssueMessages });
  if (!parsed.success) return { ok: false, message: describeIssues(parsed.error.issues) };
  return { ok: true, synonym: parsed.data };
}

function describeKey(synonym: Synonym): string {
  return synonym.locale === undefined ? synonym.term : `${synonym.term}@${synonym.locale}`;
}
