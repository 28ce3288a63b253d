import { ENGLISH_STOPWORDS } from './english-stopwords.js';

/** Chinese word → the stems of its English glosses: the shared view a Chinese and an English phrasing meet in. */
export type GlossTable = ReadonlyMap<string, readonly string[]>;

/** One dictionary entry as the table builder needs it. */
export interface GlossSource {
  simplified: string;
  /** Capitalised pinyin marks proper nouns (names, places), used only when a word has no common reading. */
  pinyin: string;
  definitions: readonly string[];
}

export interface GlossTableBuildOptions {
  stemEnglish: (word: string) => string;
  /** Longest headword kept, in characters. */
  maxWordLength?: number;
  /** Definitions read per reading of a word. */
  maxDefinitions?: number;
  /** Stems kept per word. */
  maxStems?: number;
}

export const GLOSS_TABLE_FORMAT = 'livedesk-gloss-table 1';

/** Words of dictionary prose that carry no meaning of their own. */
const GLOSS_STOPWORDS: ReadonlySet<string> = new Set([
  ...ENGLISH_STOPWORDS,
  ...'sb sth one oneself someone something somebody etc esp e g i lit fig used up out off make get'.split(
    ' ',
  ),
]);
const SKIPPED_DEFINITION =
  /^(?:(?:old |archaic |erhua |japanese )?variant of|surname |see |used in |cl:|abbr\. for|also written|also pr\.|pr\.)/i;
const HAN_ONLY = /^\p{Script=Han}+$/u;

function definitionStems(definition: string, stem: (word: string) => string): string[] {
  const text = definition.replace(/\([^)]*\)|\[[^\]]*\]/g, ' ').toLowerCase();
  const stems: string[] = [];
  for (const word of text.match(/[a-z]+/g) ?? []) {
    if (word.length < 2 || GLOSS_STOPWORDS.has(word)) continue;
    stems.push(stem(word));
  }
  return stems;
}

/**
 * The gloss stems of a curated word's English equivalents (a domain pack's), best first: the same
 * stemming and stopwords as the dictionary's, so curated and dictionary glosses meet.
 */
export function curatedGlossStems(
  english: readonly string[],
  stem: (word: string) => string,
  maxStems = 6,
): string[] {
  return [...new Set(english.flatMap((phrase) => definitionStems(phrase, stem)))].slice(0, maxStems);
}

/** Builds the table from dictionary entries, deterministically (sorted by word). */
export function buildGlossTable(sources: Iterable<GlossSource>, options: GlossTableBuildOptions): GlossTable {
  const maxWordLength = options.maxWordLength ?? 4;
  const maxDefinitions = options.maxDefinitions ?? 3;
  const maxStems = options.maxStems ?? 6;
  const common = new Map<string, string[]>();
  const proper = new Map<string, string[]>();
  for (const source of sources) {
    const word = source.simplified;
    if ([...word].length > maxWordLength || !HAN_ONLY.test(word)) continue;
    const target = /^[A-Z]/.test(source.pinyin) ? proper : common;
    const stems = target.get(word) ?? [];
    const definitions = source.definitions.filter(
      (definition) => !SKIPPED_DEFINITION.test(definition.trim()),
    );
    for (const definition of definitions.slice(0, maxDefinitions))
      stems.push(...definitionStems(definition, options.stemEnglish));
    target.set(word, stems);
  }
  for (const [word, stems] of proper) if (!common.has(word)) common.set(word, stems);
  const table = new Map<string, readonly string[]>();
  for (const word of [...common.keys()].sort()) {
    const stems = [...new Set(common.get(word))].slice(0, maxStems);
    if (stems.length > 0) table.set(word, stems);
  }
  return table;
}

/** One line per word, `word<TAB>stem stem`, under a format header. */
export function serializeGlossTable(table: GlossTable): string {
  const lines = [GLOSS_TABLE_FORMAT];
  for (const [word, stems] of table) lines.push(`${word}\t${stems.join(' ')}`);
  return `${lines.join('\n')}\n`;
}

/** The table back from its text, or undefined when the text is not a table of this format. */
export function parseGlossTable(text: string): GlossTable | undefined {
  const lines = text.split('\n');
  if (lines[0] !== GLOSS_TABLE_FORMAT) return undefined;
  const table = new Map<string, readonly string[]>();
  for (let index = 1; index < lines.length; index++) {
    const line = lines[index]!;
    const tab = line.indexOf('\t');
    if (tab > 0) table.set(line.slice(0, tab), line.slice(tab + 1).split(' '));
  }
  return table;
}

/**
 * The glosses of a Chinese word: its own entry, or else the longest dictionary words it is made of
 * (jieba keeps words CC-CEDICT lacks, such as 播放列表 → 播放 + 列表).
 */
export function glossesOfWord(table: GlossTable, word: string, maxWordLength = 4): string[] {
  const whole = table.get(word);
  if (whole) return [...whole];
  const characters = [...word];
  const stems: string[] = [];
  for (let start = 0; start < characters.length;) {
    let length = Math.min(maxWordLength, characters.length - start);
    for (; length > 1; length--) if (table.has(characters.slice(start, start + length).join(''))) break;
    stems.push(...(table.get(characters.slice(start, start + length).join('')) ?? []));
    start += length;
  }
  return stems;
}
