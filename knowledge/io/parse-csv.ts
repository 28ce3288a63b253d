import { CsvError, parse, type CastingContext } from 'csv-parse/sync';
import type { LineError } from './line-error-list.js';

export interface CsvRecord {
  /** 1-based line on which the record starts; a quoted cell may carry it over several lines. */
  line: number;
  fields: string[];
}

export interface CsvParseOptions {
  /** Longest record accepted, in characters; longer ones are reported and skipped. */
  maxRecordChars?: number | undefined;
}

export interface CsvParseOutput {
  records: CsvRecord[];
  errors: LineError[];
}

const CLOSING_QUOTE_MESSAGE = 'has text after its closing quote; a quote inside a quoted field is written ""';
const LINE_FEED = 0x0a;

/**
 * RFC 4180 CSV through csv-parse: comma-separated, fields optionally quoted with `"`, `""` for a quote
 * inside a quoted field, quoted fields may hold commas and line breaks. Records end with CRLF or LF
 * (a lone CR is text); a leading UTF-8 byte order mark is dropped; blank rows (every field empty)
 * are skipped. A quote inside an unquoted field is kept as text, since hand-edited files have
 * `5" screen` and nothing else could be meant. Errors are collected, not thrown: a record with text
 * after a closing quote is skipped, an unclosed quote ends the file.
 */
export function parseCsv(text: string, options: CsvParseOptions = {}): CsvParseOutput {
  const maxRecordChars = options.maxRecordChars ?? Number.POSITIVE_INFINITY;
  // csv-parse counts positions in UTF-8 bytes (a lone CR counts as a line too), so lines and
  // record lengths are worked out here from the byte offsets where each record ends.
  const body = Buffer.from(text.startsWith('\uFEFF') ? text.slice(1) : text, 'utf8');
  const records: CsvRecord[] = [];
  const errors: LineError[] = [];
  let recordStart = 0;
  let line = 1;
  /** Moves past one record (or a skipped one) ending at byte `end`; returns where it started. */
  const advance = (end: number): { line: number; start: number } => {
    const started = { line, start: recordStart };
    for (let at = recordStart; at < end; at++) if (body[at] === LINE_FEED) line += 1;
    recordStart = end;
    return started;
  };
  // Relaxed quoting keeps `5" screen`; a quoted field with text after its close comes back with its
  // opening quote still on, and is checked strictly below.
  let suspectField: number | undefined;
  const cast = (value: string, context: CastingContext): string => {
    if (context.quoting && value.startsWith('"') && suspectField === undefined)
      suspectField = context.index + 1;
    return value;
  };
  // In the order csv-parse meets them: the callbacks run during the parse, the offsets after it.
  const found: (
    { kind: 'row'; fields: string[]; end: number; suspectField: number | undefined } | { kind: 'unclosed' }
  )[] = [];
  parse(body, {
    bom: false,
    relax_quotes: true,
    relax_column_count: true,
    record_delimiter: ['\r\n', '\n'],
    skip_empty_lines: false,
    skip_records_with_error: true,
    cast,
    on_record: (fields, context) => {
      found.push({ kind: 'row', fields, end: context.bytes, suspectField });
      suspectField = undefined;
      return fields;
    },
    on_skip: (error) => {
      if (error?.code === 'CSV_QUOTE_NOT_CLOSED') found.push({ kind: 'unclosed' });
    },
  });
  for (const item of found) {
    if (item.kind === 'unclosed') {
      const started = advance(body.length);
      errors.push({
        line: started.line,
        message: `a quoted field opened on line ${started.line} is never closed`,
      });
      continue;
    }
    const { line: startLine, start } = advance(item.end);
    const raw = body.subarray(start, item.end);
    const length = raw.toString('utf8').length;
    if (item.suspectField !== undefined && hasTextAfterClosingQuote(raw)) {
      errors.push({ line: startLine, message: `field ${item.suspectField} ${CLOSING_QUOTE_MESSAGE}` });
    } else if (length > maxRecordChars) {
      errors.push({
        line: startLine,
        message: `the record is ${length.toLocaleString('en')} characters long; the limit is ${maxRecordChars.toLocaleString('en')}`,
      });
    } else if (item.fields.some((field) => field !== '')) {
      records.push({ line: startLine, fields: item.fields });
    }
  }
  return { records, errors };
}

/** The strict reading of one record: does a quoted field in it go on after its closing quote? */
function hasTextAfterClosingQuote(raw: Buffer): boolean {
  try {
    parse(raw, { relax_column_count: true, record_delimiter: ['\r\n', '\n'] });
    return false;
  } catch (error) {
    return error instanceof CsvError && error.code === 'CSV_INVALID_CLOSING_QUOTE';
  }
}
