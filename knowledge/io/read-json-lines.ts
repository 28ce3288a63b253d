import { checkFileSize, checkRecordLength } from './import-limits.js';
import type { ImportLimits } from './import-limits.js';
import type { LineErrorList } from './line-error-list.js';

export interface JsonLine {
  /** 1-based physical line number in the file. */
  line: number;
  value: unknown;
}

const BYTE_ORDER_MARK = '\uFEFF';

/**
 * Splits JSON Lines text into parsed values, skipping blank lines and reporting every line that is too long or
 * not JSON. Tolerates a UTF-8 byte order mark and CRLF line endings. The values are untrusted: callers validate.
 */
export function readJsonLines(text: string, limits: ImportLimits, errors: LineErrorList): JsonLine[] {
  const sizeError = checkFileSize(text, limits);
  if (sizeError) {
    errors.add(sizeError.line, sizeError.message);
    return [];
  }
  const body = text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text;
  const values: JsonLine[] = [];
  const lines = body.split('\n');
  for (const [index, rawLine] of lines.entries()) {
    const line = index + 1;
    const content = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (content.trim() === '') continue;
    const lengthError = checkRecordLength(content.length, limits, 'line');
    const parsed =
      lengthError === undefined ? parseJson(content) : { ok: false as const, message: lengthError };
    if (parsed.ok) values.push({ line, value: parsed.value });
    else if (!errors.add(line, parsed.message)) break;
  }
  return values;
}

function parseJson(content: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(content) as unknown };
  } catch (error) {
    return { ok: false, message: `invalid JSON: ${readableJsonError(error)}` };
  }
}

/** V8's message quotes the start of the line; binary garbage must not end up raw in a report or a log. */
function readableJsonError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message
    .replace(/at position (\d+)/, (_match, position: string) => `at column ${Number(position) + 1}`)
    .replace(
      /[\u0000-\u001f\u007f-\u009f\ufffd]/g,
      (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
    )
    .slice(0, 200);
}
