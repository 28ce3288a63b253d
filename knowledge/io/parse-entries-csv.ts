import { csvPathLabel, readCsvHeader, SCOPE_COLUMNS, TAG_SEPARATOR } from './csv-columns.js';
import type { CsvColumn, CsvHeader } from './csv-columns.js';
import { createDuplicateTracker } from './duplicate-tracker.js';
import { checkFileSize, resolveImportLimits } from './import-limits.js';
import type { ImportOptions } from './import-limits.js';
import { createLineErrorList } from './line-error-list.js';
import { parseCsv } from './parse-csv.js';
import type { CsvRecord } from './parse-csv.js';
import type { EntriesParseResult } from './parse-entries-jsonl.js';
import { parseEntryRecord } from './parse-entry-record.js';

/**
 * Reads a knowledge file in CSV (layout in csv-columns.ts), all or nothing like the JSON Lines import. Errors
 * carry the line on which the bad record starts and name the bad column.
 */
export function parseEntriesCsv(text: string, options?: ImportOptions): EntriesParseResult {
  const limits = resolveImportLimits(options);
  const sizeError = checkFileSize(text, limits);
  if (sizeError) return { ok: false, errors: [sizeError] };
  const errors = createLineErrorList(limits.maxErrors);
  const csv = parseCsv(text, { maxRecordChars: limits.maxRecordChars });
  for (const error of csv.errors) if (!errors.add(error.line, error.message)) break;
  const [headerRecord, ...rows] = csv.records;
  if (!headerRecord)
    return errors.count > 0 ? { ok: false, errors: errors.sorted() } : { ok: true, entries: [] };
  const header = readCsvHeader(headerRecord.fields);
  if (!header.ok) {
    errors.add(headerRecord.line, header.message);
    return { ok: false, errors: errors.sorted() };
  }
  const duplicateOf = createDuplicateTracker('id');
  const entries = [];
  for (const row of rows) {
    const parsed = parseRow(row, header.header);
    const message = parsed.ok ? duplicateOf(parsed.entry.id, row.line) : parsed.message;
    if (message !== undefined) {
      if (!errors.add(row.line, message)) break;
    } else if (parsed.ok) {
      entries.push(parsed.entry);
    }
  }
  return errors.count > 0 ? { ok: false, errors: errors.sorted() } : { ok: true, entries };
}

function parseRow(row: CsvRecord, header: CsvHeader): ReturnType<typeof parseEntryRecord> {
  if (row.fields.length !== header.width) {
    return {
      ok: false,
      message: `expected ${header.width} fields like the header, found ${row.fields.length}`,
    };
  }
  const cell = (column: CsvColumn): string => {
    const index = header.columns.get(column);
    return index === undefined ? '' : (row.fields[index] ?? '');
  };
  const enabled = parseBoolean(cell('enabled'));
  const parsed = parseEntryRecord(rowToRecord(row, header, cell, enabled), csvPathLabel);
  if (enabled !== 'invalid') return parsed;
  const enabledMessage = `enabled: expected true or false, found ${JSON.stringify(cell('enabled'))}`;
  return { ok: false, message: parsed.ok ? enabledMessage : `${enabledMessage}; ${parsed.message}` };
}

function rowToRecord(
  row: CsvRecord,
  header: CsvHeader,
  cell: (column: CsvColumn) => string,
  enabled: boolean | 'invalid' | undefined,
): Record<string, unknown> {
  const record: Record<string, unknown> = {
    id: cell('id').trim(),
    questions: splitPhrasings(cell('questions')),
    answer: cell('answer'),
    tags: splitTags(cell('tags')),
  };
  const locale = cell('locale').trim();
  if (locale !== '') record.locale = locale;
  if (typeof enabled === 'boolean') record.enabled = enabled;
  const scope = Object.fromEntries(
    Object.entries(SCOPE_COLUMNS)
      .map(([key, column]) => [key, cell(column).trim()] as const)
      .filter(([, value]) => value !== ''),
  );
  if (Object.keys(scope).length > 0) record.scope = scope;
  const translations: Record<string, unknown> = {};
  for (const [locale, columns] of header.translations) {
    const questions = row.fields[columns.questions ?? -1] ?? '';
    const answer = row.fields[columns.answer ?? -1] ?? '';
    // An entry without this language leaves both cells empty; one empty cell is a mistake the schema reports.
    if (questions.trim() !== '' || answer.trim() !== '') {
      translations[locale] = { questions: splitPhrasings(questions), answer };
    }
  }
  record.translations = translations;
  return record;
}

/** Phrasings are one per line; CRLF counts too, since spreadsheet programs write either inside a cell. */
function splitPhrasings(cell: string): string[] {
  return cell
    .split(/\r?\n/)
    .map((phrasing) => phrasing.trim())
    .filter((phrasing) => phrasing !== '');
}

function splitTags(cell: string): string[] {
  return cell
    .split(TAG_SEPARATOR)
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
}

function parseBoolean(cell: string): boolean | 'invalid' | undefined {
  const value = cell.trim().toLowerCase();
  if (value === '') return undefined;
  if (['true', 'yes', '1'].includes(value)) return true;
  if (['false', 'no', '0'].includes(value)) return false;
  return 'invalid';
}
