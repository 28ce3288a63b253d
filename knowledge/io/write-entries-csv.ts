import type { Entry, EntryScope } from '../entry.js';
import { LivedeskError } from '../errors.js';
import {
  CSV_COLUMNS,
  PHRASING_SEPARATOR,
  SCOPE_COLUMNS,
  TAG_SEPARATOR,
  translationColumn,
} from './csv-columns.js';
import { formatCsv } from './format-csv.js';

export interface CsvWriteOptions {
  /**
   * Starts the text with a UTF-8 byte order mark (default true): without it Excel opens the file as the
   * system's legacy code page and garbles Chinese. The import skips it.
   */
  byteOrderMark?: boolean | undefined;
}

/**
 * A knowledge CSV (layout in csv-columns.ts) that `parseEntriesCsv` reads back as the same entries. Throws
 * `invalid_input` for the rare entry CSV cannot hold: a question with a line break, a tag with a `;`.
 */
export function writeEntriesCsv(entries: readonly Entry[], options: CsvWriteOptions = {}): string {
  const locales = [...new Set(entries.flatMap((entry) => Object.keys(entry.translations)))].sort();
  const header = [
    ...CSV_COLUMNS,
    ...locales.flatMap((locale) => [
      translationColumn('questions', locale),
      translationColumn('answer', locale),
    ]),
  ];
  const rows = entries.map((entry) => {
    assertFitsCsv(entry);
    const cells: Record<string, string> = {
      id: entry.id,
      locale: entry.locale,
      questions: entry.questions.join(PHRASING_SEPARATOR),
      answer: entry.answer,
      tags: entry.tags.join(TAG_SEPARATOR),
      enabled: String(entry.enabled),
      ...scopeCells(entry.scope),
    };
    return [
      ...CSV_COLUMNS.map((column) => cells[column] ?? ''),
      ...locales.flatMap((locale) => {
        const content = entry.translations[locale];
        return content ? [content.questions.join(PHRASING_SEPARATOR), content.answer] : ['', ''];
      }),
    ];
  });
  const text = formatCsv([header, ...rows]);
  return (options.byteOrderMark ?? true) ? `\uFEFF${text}` : text;
}

function assertFitsCsv(entry: Entry): void {
  const questions = [
    entry.questions,
    ...Object.values(entry.translations).map((content) => content.questions),
  ].flat();
  if (questions.some((question) => /[\r\n]/.test(question))) {
    throw new LivedeskError(
      'invalid_input',
      `entry ${JSON.stringify(entry.id)} has a question with a line break, which CSV uses between phrasings; export JSON Lines instead`,
    );
  }
  if (entry.tags.some((tag) => tag.includes(TAG_SEPARATOR))) {
    throw new LivedeskError(
      'invalid_input',
      `entry ${JSON.stringify(entry.id)} has a tag with "${TAG_SEPARATOR}", which CSV uses between tags; export JSON Lines instead`,
    );
  }
}

function scopeCells(scope: EntryScope | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(SCOPE_COLUMNS).map(([key, column]) => [column, scope?.[key as keyof EntryScope] ?? '']),
  );
}
