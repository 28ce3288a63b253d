import type { z } from 'zod';
import { LivedeskError } from '../knowledge/errors.js';
import { DEFAULT_IMPORT_LIMITS, describeIssues, readableIssueMessages } from '../knowledge/io/index.js';

const BYTE_ORDER_MARK = '\uFEFF';

/**
 * Reads an eval file in JSON Lines, one record per non-blank line. The first malformed line stops the
 * read with its line number: a score computed over a silently shortened file would mislead. Sizes are
 * bounded like knowledge imports, since suites will also be uploaded from the admin page.
 */
export function parseJsonLines<Schema extends z.ZodType>(
  text: string,
  schema: Schema,
  fileLabel: string,
): z.infer<Schema>[] {
  const { maxBytes, maxRecordChars } = DEFAULT_IMPORT_LIMITS;
  if (text.length > maxBytes || Buffer.byteLength(text, 'utf8') > maxBytes) {
    throw new LivedeskError('invalid_input', `${fileLabel}: larger than ${maxBytes} bytes`);
  }
  const body = text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text;
  const records: z.infer<Schema>[] = [];
  for (const [index, rawLine] of body.split('\n').entries()) {
    const content = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (content.trim() === '') continue;
    const lineError = (message: string) =>
      new LivedeskError('invalid_input', `${fileLabel} line ${index + 1}: ${message}`);
    if (content.length > maxRecordChars) throw lineError(`longer than ${maxRecordChars} characters`);
    let value: unknown;
    try {
      value = JSON.parse(content);
    } catch {
      throw lineError('not valid JSON');
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw lineError('expected a JSON object');
    const parsed = schema.safeParse(value, { error: readableIssueMessages });
    if (!parsed.success) throw lineError(describeIssues(parsed.error.issues, fieldLabel));
    records.push(parsed.data);
  }
  if (records.length === 0) throw new LivedeskError('invalid_input', `${fileLabel}: no records`);
  return records;
}

function fieldLabel(path: readonly PropertyKey[]): string {
  return path.length === 0 ? 'record' : path.map(String).join('.');
}
