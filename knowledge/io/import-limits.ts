import type { LineError } from './line-error-list.js';

/** How much an import accepts before refusing: knowledge files come from uploads, so every size is bounded. */
export interface ImportLimits {
  maxBytes: number;
  /** Characters in one JSON line or one CSV record (which may span several physical lines). */
  maxRecordChars: number;
  /** Errors collected before the parser gives up on the file. */
  maxErrors: number;
}

export interface ImportOptions {
  limits?: Partial<ImportLimits> | undefined;
}

export const DEFAULT_IMPORT_LIMITS: Readonly<ImportLimits> = Object.freeze({
  maxBytes: 50 * 1024 * 1024,
  maxRecordChars: 1024 * 1024,
  maxErrors: 1000,
});

export function resolveImportLimits(options: ImportOptions | undefined): ImportLimits {
  return { ...DEFAULT_IMPORT_LIMITS, ...stripUndefined(options?.limits ?? {}) };
}

function stripUndefined(limits: Partial<ImportLimits>): Partial<ImportLimits> {
  return Object.fromEntries(Object.entries(limits).filter(([, value]) => value !== undefined));
}

export function checkFileSize(text: string, limits: ImportLimits): LineError | undefined {
  // A UTF-16 code unit takes 1 to 3 bytes in UTF-8, so most texts are decided without counting bytes.
  const fits = text.length * 3 <= limits.maxBytes;
  if (!fits && (text.length > limits.maxBytes || Buffer.byteLength(text, 'utf8') > limits.maxBytes)) {
    return fileTooLargeError(limits);
  }
  return undefined;
}

export function fileTooLargeError(limits: ImportLimits): LineError {
  return {
    line: 0,
    message: `the file is larger than ${formatBytes(limits.maxBytes)}; split it into smaller files`,
  };
}

export function checkRecordLength(
  length: number,
  limits: ImportLimits,
  what: 'line' | 'record',
): string | undefined {
  if (length <= limits.maxRecordChars) return undefined;
  return `the ${what} is ${length.toLocaleString('en')} characters long; the limit is ${limits.maxRecordChars.toLocaleString('en')}`;
}

function formatBytes(bytes: number): string {
  const mebibytes = bytes / (1024 * 1024);
  return mebibytes >= 1 ? `${Number(mebibytes.toFixed(1))} MiB` : `${bytes.toLocaleString('en')} bytes`;
}
