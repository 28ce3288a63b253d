import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Entry } from '../knowledge/entry.js';
import { LivedeskError } from '../knowledge/errors.js';
import {
  parseEntriesCsv,
  parseEntriesJsonl,
  parseSynonymsJsonl,
  type LineError,
} from '../knowledge/io/index.js';
import type { Synonym } from '../knowledge/synonym.js';

const ERRORS_SHOWN = 5;

function invalidFile(file: string, errors: readonly LineError[]): LivedeskError {
  const lines = errors.slice(0, ERRORS_SHOWN).map((error) => `  line ${error.line}: ${error.message}`);
  const more = errors.length > ERRORS_SHOWN ? [`  ... and ${errors.length - ERRORS_SHOWN} more`] : [];
  return new LivedeskError(
    'invalid_input',
    [`${file}: ${errors.length} bad line(s):`, ...lines, ...more].join('\n'),
  );
}

/** A knowledge file as `livedesk kb import` reads it: JSON Lines, or CSV when the name ends in .csv. */
export async function readKnowledgeFile(file: string): Promise<Entry[]> {
  const text = await readFile(file, 'utf8');
  const parsed =
    path.extname(file).toLowerCase() === '.csv' ? parseEntriesCsv(text) : parseEntriesJsonl(text);
  if (!parsed.ok) throw invalidFile(file, parsed.errors);
  return parsed.entries;
}

export async function readSynonymsFile(file: string): Promise<Synonym[]> {
  const parsed = parseSynonymsJsonl(await readFile(file, 'utf8'));
  if (!parsed.ok) throw invalidFile(file, parsed.errors);
  return parsed.synonyms;
}
