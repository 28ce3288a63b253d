import type { Entry } from '../entry.js';
import { stringifyEntry } from './entry-to-record.js';

/** A JSON Lines knowledge file, one entry per line, that `parseEntriesJsonl` reads back as the same entries. */
export function writeEntriesJsonl(entries: readonly Entry[]): string {
  return entries.map((entry) => `${stringifyEntry(entry)}\n`).join('');
}
