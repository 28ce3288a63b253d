import type { Entry } from '../entry.js';
import { createDuplicateTracker } from './duplicate-tracker.js';
import { resolveImportLimits } from './import-limits.js';
import type { ImportOptions } from './import-limits.js';
import { createLineErrorList } from './line-error-list.js';
import type { LineError } from './line-error-list.js';
import { parseEntryRecord } from './parse-entry-record.js';
import { readJsonLines } from './read-json-lines.js';

export type EntriesParseResult = { ok: true; entries: Entry[] } | { ok: false; errors: LineError[] };

/**
 * Reads a knowledge file in JSON Lines, one entry per line. All or nothing: any bad line (invalid JSON, a schema
 * failure, an id already used above) makes the result a list of errors covering every bad line.
 */
export function parseEntriesJsonl(text: string, options?: ImportOptions): EntriesParseResult {
  const limits = resolveImportLimits(options);
  const errors = createLineErrorList(limits.maxErrors);
  const duplicateOf = createDuplicateTracker('id');
  const entries: Entry[] = [];
  for (const { line, value } of readJsonLines(text, limits, errors)) {
    const parsed = parseEntryRecord(value);
    const message = parsed.ok ? duplicateOf(parsed.entry.id, line) : parsed.message;
    if (message !== undefined) {
      if (!errors.add(line, message)) break;
    } else if (parsed.ok) {
      entries.push(parsed.entry);
    }
  }
  return errors.count > 0 ? { ok: false, errors: errors.sorted() } : { ok: true, entries };
}
