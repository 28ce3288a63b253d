import { LocaleSchema } from '../entry.js';
import type { EntryScope } from '../entry.js';

/**
 * The knowledge CSV layout. `questions` holds one phrasing per line inside its (quoted) cell, `tags` are
 * separated by `;`, `enabled` is true/false (empty: true), the scope columns are empty for "everywhere", and
 * each translation adds a `questions@<locale>` and an `answer@<locale>` column.
 */
export const CSV_COLUMNS = [
  'id',
  'locale',
  'questions',
  'answer',
  'tags',
  'enabled',
  'room_id',
  'streamer_id',
  'valid_from',
  'valid_until',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

export const REQUIRED_CSV_COLUMNS: readonly CsvColumn[] = ['id', 'questions', 'answer'];

export const SCOPE_COLUMNS = {
  roomId: 'room_id',
  streamerId: 'streamer_id',
  validFrom: 'valid_from',
  validUntil: 'valid_until',
} as const satisfies Record<keyof EntryScope, CsvColumn>;

export const PHRASING_SEPARATOR = '\n';
export const TAG_SEPARATOR = ';';

export function translationColumn(field: 'questions' | 'answer', locale: string): string {
  return `${field}@${locale}`;
}

export interface CsvHeader {
  columns: Map<CsvColumn, number>;
  translations: Map<string, { questions?: number; answer?: number }>;
  width: number;
}

/** Reads the header row; column names are trimmed and case-insensitive, locales keep their case (`zh-TW`). */
export function readCsvHeader(
  fields: readonly string[],
): { ok: true; header: CsvHeader } | { ok: false; message: string } {
  const columns = new Map<CsvColumn, number>();
  const translations = new Map<string, { questions?: number; answer?: number }>();
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const [index, rawName] of fields.entries()) {
    const [rawBase = '', locale, ...rest] = rawName.trim().split('@');
    const base = rawBase.toLowerCase();
    const key = locale === undefined ? base : `${base}@${locale}`;
    // Other columns (notes, owners) are a spreadsheet's business and are ignored, like unknown JSON fields.
    if (locale === undefined && !isCsvColumn(base)) continue;
    if (seen.has(key)) problems.push(`column "${key}" appears twice`);
    seen.add(key);
    if (locale === undefined) {
      if (isCsvColumn(base)) columns.set(base, index);
      continue;
    }
    if ((base !== 'questions' && base !== 'answer') || rest.length > 0) {
      problems.push(
        `column "${rawName.trim()}": only questions@<locale> and answer@<locale> may name a locale`,
      );
    } else if (!LocaleSchema.safeParse(locale).success) {
      problems.push(`column "${rawName.trim()}": "${locale}" is not a locale like "en" or "zh-TW"`);
    } else {
      translations.set(locale, { ...translations.get(locale), [base]: index });
    }
  }
  const missing = REQUIRED_CSV_COLUMNS.filter((column) => !columns.has(column));
  if (missing.length > 0)
    problems.push(`missing column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`);
  for (const [locale, pair] of translations) {
    if (pair.questions === undefined)
      problems.push(`column answer@${locale} has no questions@${locale} beside it`);
    if (pair.answer === undefined)
      problems.push(`column questions@${locale} has no answer@${locale} beside it`);
  }
  if (problems.length > 0) return { ok: false, message: `header: ${problems.join('; ')}` };
  return { ok: true, header: { columns, translations, width: fields.length } };
}

function isCsvColumn(name: string): name is CsvColumn {
  return (CSV_COLUMNS as readonly string[]).includes(name);
}

/** Names the CSV cell a schema issue points at: `questions@en (phrasing 2)`, `valid_until`. */
export function csvPathLabel(path: readonly PropertyKey[]): string {
  const [head, second, third, fourth] = path;
  switch (head) {
    case 'questions':
      return withPhrasing('questions', second);
    case 'tags':
      return typeof second === 'number' ? `tags (tag ${second + 1})` : 'tags';
    case 'scope':
      return typeof second === 'string' && second in SCOPE_COLUMNS
        ? SCOPE_COLUMNS[second as keyof typeof SCOPE_COLUMNS]
        : 'valid_from/valid_until';
    case 'translations':
      if (typeof second !== 'string') return 'translation columns';
      if (third === 'questions') return withPhrasing(translationColumn('questions', second), fourth);
      return translationColumn('answer', second);
    case undefined:
      return 'row';
    default:
      return String(head);
  }
}

function withPhrasing(column: string, index: PropertyKey | undefined): string {
  return typeof index === 'number' ? `${column} (phrasing ${index + 1})` : column;
}
