import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { LivedeskError } from '../../knowledge/errors.js';
import {
  decodeTextFile,
  parseEntriesCsv,
  parseEntriesJsonl,
  parseSynonymsJsonl,
  writeEntriesCsv,
  writeEntriesJsonl,
  writeSynonymsJsonl,
} from '../../knowledge/io/index.js';
import type { LineError } from '../../knowledge/io/index.js';
import type { KnowledgeStore } from '../../knowledge/ports.js';
import type { CliOutput } from './cli-output.js';

type FileFormat = 'jsonl' | 'csv';

function formatOf(file: string, explicit: string | undefined): FileFormat {
  if (explicit === 'csv' || explicit === 'jsonl') return explicit;
  if (explicit !== undefined)
    throw new LivedeskError('invalid_input', `unknown format "${explicit}": use jsonl or csv`);
  return path.extname(file).toLowerCase() === '.csv' ? 'csv' : 'jsonl';
}

/**
 * Reads an imported file as UTF-8 text: a missing file is a clear error, not a stack trace, and a binary,
 * UTF-16 or GBK file is refused line by line instead of being imported with replacement characters.
 */
async function readImportFile(
  file: string,
): Promise<{ ok: true; text: string } | { ok: false; errors: LineError[] }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new LivedeskError('invalid_input', `cannot read ${file}: ${reason}`, { cause: error });
  }
  return decodeTextFile(bytes);
}

function reportLineErrors(file: string, errors: readonly LineError[], output: CliOutput): number {
  output.error(`${file}: nothing imported, ${errors.length} bad line(s):`);
  // Line 0 stands for the whole file (too large, UTF-16).
  for (const error of errors)
    output.error(error.line === 0 ? `  ${error.message}` : `  line ${error.line}: ${error.message}`);
  return 1;
}

export async function importEntries(
  store: KnowledgeStore,
  file: string,
  options: { format?: string | undefined; actor: string },
  output: CliOutput,
): Promise<number> {
  const format = formatOf(file, options.format);
  const decoded = await readImportFile(file);
  if (!decoded.ok) return reportLineErrors(file, decoded.errors, output);
  const parsed = format === 'csv' ? parseEntriesCsv(decoded.text) : parseEntriesJsonl(decoded.text);
  if (!parsed.ok) return reportLineErrors(file, parsed.errors, output);
  const result = await store.importEntries(parsed.entries, options.actor);
  output.log(
    `imported ${parsed.entries.length} entries: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged`,
  );
  return 0;
}

export async function exportEntries(
  store: KnowledgeStore,
  options: { format?: string | undefined; out?: string | undefined },
  output: CliOutput,
): Promise<number> {
  const entries = await store.list();
  const format = formatOf(options.out ?? '', options.format);
  const text = format === 'csv' ? writeEntriesCsv(entries) : writeEntriesJsonl(entries);
  if (options.out) {
    await writeFile(options.out, text);
    output.log(`exported ${entries.length} entries to ${options.out}`);
  } else {
    output.write(text);
  }
  return 0;
}

export async function importSynonyms(
  store: KnowledgeStore,
  file: string,
  actor: string,
  output: CliOutput,
): Promise<number> {
  const decoded = await readImportFile(file);
  if (!decoded.ok) return reportLineErrors(file, decoded.errors, output);
  const parsed = parseSynonymsJsonl(decoded.text);
  if (!parsed.ok) return reportLineErrors(file, parsed.errors, output);
  for (const synonym of parsed.synonyms) await store.putSynonym(synonym, actor);
  output.log(`imported ${parsed.synonyms.length} synonyms`);
  return 0;
}

export async function exportSynonyms(store: KnowledgeStore, output: CliOutput): Promise<number> {
  output.write(writeSynonymsJsonl(await store.listSynonyms()));
  return 0;
}

export async function listVersions(
  store: KnowledgeStore,
  options: { entryId?: string | undefined; limit: number },
  output: CliOutput,
): Promise<number> {
  const versions = await store.versions({
    ...(options.entryId ? { entryId: options.entryId } : {}),
    limit: options.limit,
  });
  for (const version of versions) {
    output.log(
      `${String(version.versionId).padStart(6)}  ${version.at}  ${version.action.padEnd(7)} ${version.entryId}  by ${version.actor}`,
    );
  }
  if (versions.length === 0) output.log('no changes recorded');
  return 0;
}

export async function revertVersion(
  store: KnowledgeStore,
  versionId: number,
  actor: string,
  output: CliOutput,
): Promise<number> {
  const version = await store.revert(versionId, actor);
  output.log(
    `reverted change ${versionId}: ${version.entryId} is ${version.after ? 'restored' : 'removed'} (change ${version.versionId})`,
  );
  return 0;
}
