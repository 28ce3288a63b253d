import { fileTooLargeError, resolveImportLimits } from './import-limits.js';
import type { ImportOptions } from './import-limits.js';
import { createLineErrorList } from './line-error-list.js';
import type { LineError } from './line-error-list.js';

export type DecodeResult = { ok: true; text: string } | { ok: false; errors: LineError[] };

/**
 * Turns an uploaded file's bytes into text for the parsers: refuses files over the size limit before decoding
 * them, and names every line that is not UTF-8 (a binary file, a spreadsheet saved as UTF-16 or GBK) rather
 * than letting replacement characters slip into the knowledge base.
 */
export function decodeTextFile(bytes: Uint8Array, options?: ImportOptions): DecodeResult {
  const limits = resolveImportLimits(options);
  if (bytes.byteLength > limits.maxBytes) {
    return { ok: false, errors: [fileTooLargeError(limits)] };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return {
      ok: false,
      errors: [{ line: 0, message: 'the file is UTF-16; save it as UTF-8 and import it again' }],
    };
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, errors: findInvalidLines(bytes, limits.maxErrors) };
  }
}

function findInvalidLines(bytes: Uint8Array, maxErrors: number): LineError[] {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const errors = createLineErrorList(maxErrors);
  let line = 1;
  let start = 0;
  while (start <= bytes.length) {
    const lineFeed = bytes.indexOf(0x0a, start);
    const end = lineFeed === -1 ? bytes.length : lineFeed;
    try {
      decoder.decode(bytes.subarray(start, end));
    } catch {
      if (
        !errors.add(line, 'not UTF-8 text; save the file as UTF-8 (a binary or GBK file cannot be imported)')
      )
        break;
    }
    if (lineFeed === -1) break;
    start = lineFeed + 1;
    line += 1;
  }
  return errors.sorted();
}
