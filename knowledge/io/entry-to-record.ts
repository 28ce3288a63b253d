import type { Entry, EntryScope } from '../entry.js';

/**
 * The entry as a plain object with a fixed key order and defaults left out (no empty `tags`, no
 * `enabled: true`), so exports diff cleanly and a plain entry looks like the eval-data files.
 * Importing the record gives back the same entry.
 */
export function entryToRecord(entry: Entry): Record<string, unknown> {
  const record: Record<string, unknown> = {
    id: entry.id,
    locale: entry.locale,
    questions: [...entry.questions],
    answer: entry.answer,
  };
  const locales = Object.keys(entry.translations).sort();
  if (locales.length > 0) {
    record.translations = Object.fromEntries(
      locales.map((locale) => {
        const content = entry.translations[locale]!;
        return [locale, { questions: [...content.questions], answer: content.answer }];
      }),
    );
  }
  if (entry.tags.length > 0) record.tags = [...entry.tags];
  if (!entry.enabled) record.enabled = false;
  if (entry.scope) record.scope = scopeToRecord(entry.scope);
  if (entry.flow) record.flow = entry.flow;
  return record;
}

function scopeToRecord(scope: EntryScope): Record<string, string> {
  const record: Record<string, string> = {};
  if (scope.roomId !== undefined) record.roomId = scope.roomId;
  if (scope.streamerId !== undefined) record.streamerId = scope.streamerId;
  if (scope.validFrom !== undefined) record.validFrom = scope.validFrom;
  if (scope.validUntil !== undefined) record.validUntil = scope.validUntil;
  return record;
}

/** One JSON line, the same for equal entries whatever their key order in memory. */
export function stringifyEntry(entry: Entry): string {
  return JSON.stringify(entryToRecord(entry));
}
