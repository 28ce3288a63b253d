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

/**
 * RFC 4180 CSV: comma-separated, fields optionally quoted with `"`, `""` for a quote inside a quoted field, quoted
 * fields may hold commas and line breaks. Records end with CRLF or LF; a leading UTF-8 byte order mark is
 * dropped; blank rows (every field empty) are skipped. A quote inside an unquoted field is kept as text, since
 * hand-edited files have `5" screen` and nothing else could be meant. Errors are collected, not thrown: a record
 * with text after its closing quote is skipped up to the end of its line, an unclosed quote ends the file.
 */
export function parseCsv(text: string, options: CsvParseOptions = {}): CsvParseOutput {
  const maxRecordChars = options.maxRecordChars ?? Number.POSITIVE_INFINITY;
  const cursor = { text, position: text.startsWith('\uFEFF') ? 1 : 0, line: 1 };
  const records: CsvRecord[] = [];
  const errors: LineError[] = [];
  while (cursor.position < text.length) {
    const line = cursor.line;
    const start = cursor.position;
    const record = readRecord(cursor);
    const length = cursor.position - start;
    if (!record.ok) {
      errors.push({ line, message: record.message });
      if (record.fatal) break;
    } else if (length > maxRecordChars) {
      errors.push({
        line,
        message: `the record is ${length.toLocaleString('en')} characters long; the limit is ${maxRecordChars.toLocaleString('en')}`,
      });
    } else if (record.fields.some((field) => field !== '')) {
      records.push({ line, fields: record.fields });
    }
  }
  return { records, errors };
}

interface Cursor {
  readonly text: string;
  position: number;
  line: number;
}

type RecordResult = { ok: true; fields: string[] } | { ok: false; message: string; fatal: boolean };

function readRecord(cursor: Cursor): RecordResult {
  const fields: string[] = [];
  for (;;) {
    const startLine = cursor.line;
    const field = cursor.text[cursor.position] === '"' ? readQuotedField(cursor) : readUnquotedField(cursor);
    if (field === undefined) {
      return {
        ok: false,
        message: `a quoted field opened on line ${startLine} is never closed`,
        fatal: true,
      };
    }
    fields.push(field);
    const separator = readSeparator(cursor);
    if (separator === 'field') continue;
    if (separator === 'record') return { ok: true, fields };
    skipRestOfLine(cursor);
    return {
      ok: false,
      message: `field ${fields.length} has text after its closing quote; a quote inside a quoted field is written ""`,
      fatal: false,
    };
  }
}

/** Returns the unescaped content, or undefined when the closing quote is missing. */
function readQuotedField(cursor: Cursor): string | undefined {
  const { text } = cursor;
  let position = cursor.position + 1;
  let value = '';
  for (;;) {
    const quote = text.indexOf('"', position);
    if (quote === -1) return undefined;
    const chunk = text.slice(position, quote);
    value += chunk;
    cursor.line += countLineFeeds(chunk);
    if (text[quote + 1] === '"') {
      value += '"';
      position = quote + 2;
      continue;
    }
    cursor.position = quote + 1;
    return value;
  }
}

function readUnquotedField(cursor: Cursor): string {
  const { text } = cursor;
  let end = cursor.position;
  while (end < text.length && text[end] !== ',' && text[end] !== '\n' && !isCrLf(text, end)) end += 1;
  const value = text.slice(cursor.position, end);
  cursor.position = end;
  return value;
}

/** Consumes what follows a field: a comma, a line break, or the end of the text. */
function readSeparator(cursor: Cursor): 'field' | 'record' | 'unexpected' {
  const { text, position } = cursor;
  if (position >= text.length) return 'record';
  if (text[position] === ',') {
    cursor.position += 1;
    return 'field';
  }
  const lineBreak = text[position] === '\n' ? 1 : isCrLf(text, position) ? 2 : 0;
  if (lineBreak === 0) return 'unexpected';
  cursor.position += lineBreak;
  cursor.line += 1;
  return 'record';
}

function skipRestOfLine(cursor: Cursor): void {
  const lineFeed = cursor.text.indexOf('\n', cursor.position);
  cursor.position = lineFeed === -1 ? cursor.text.length : lineFeed + 1;
  if (lineFeed !== -1) cursor.line += 1;
}

function isCrLf(text: string, position: number): boolean {
  return text[position] === '\r' && text[position + 1] === '\n';
}

function countLineFeeds(text: string): number {
  let count = 0;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) count += 1;
  return count;
}
