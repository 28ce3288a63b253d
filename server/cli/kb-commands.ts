import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
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
  if (explicit !== undefined) throw new Error(`unknown format "${explicit}": use jsonl or csv`);
  return path.extname(file).toLowerCase() === '.csv' ? 'csv' : 'jsonl';
}

function reportLineErrors(file: string, errors: readonly LineError[], output: CliOutput): number {
  output.error(`${file}: nothing imported, ${errors.length} bad line(s):`);
  for (const error of errors) output.error(`  line ${error.line}: ${error.message}`);
  return 1;
}

export async function importEntries(
  store: KnowledgeStore,
  file: string,
  options: { format?: string | undefined; actor: string },
  output: CliOutput,
): Promise<number> {
  const text = await readFile(file, 'utf8');
  const parsed = formatOf(file, options.format) === 'csv' ? parseEntriesCsv(text) : parseEntriesJsonl(text);
  if (!parsed.ok) return reportLineErrors(file, parsed.errors, output);
  const result = await store.importEntries(parsed.entries, options.actor);
  output.log(`imported ${parsed.entries.length} entries: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged`);
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

export async function importSynonyms(store: KnowledgeStore, file: string, actor: string, output: CliOutput): Promise<number> {
  const parsed = parseSynonymsJsonl(await readFile(file, 'utf8'));
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
  const versions = await store.versions({ ...(options.entryId ? { entryId: options.entryId } : {}), limit: options.limit });
  for (const version of versions) {
    output.log(`${String(version.versionId).padStart(6)}  ${version.at}  ${version.action.padEnd(7)} ${version.entryId}  by ${version.actor}`);
  }
  if (versions.length === 0) output.log('no changes recorded');
  return 0;
}

export async function revertVersion(store: KnowledgeStore, versionId: number, actor: string, output: CliOutput): Promise<number> {
  const version = await store.revert(versionId, actor);
  output.log(`reverted change ${versionId}: ${version.entryId} is ${version.after ? 'restored' : 'removed'} (change ${version.versionId})`);
  return 0;
}
