import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { EntryIdSchema, LocaleSchema, LocalizedContentSchema, type Entry } from '../knowledge/entry.js';

export const DEMO_TRANSLATIONS_FILE = path.resolve(
  import.meta.dirname,
  '../knowledge/demo/demo-translations.jsonl',
);

const TranslationLineSchema = z.object({
  id: EntryIdSchema,
  translations: z.record(LocaleSchema, LocalizedContentSchema),
});

/**
 * The demo's phrasings and answers in more languages (ja, ko, es, pt, id, th, vi, ar) for a few entries,
 * added when the demo is seeded. Kept out of demo-kb.jsonl so the demo evaluation's entries and baselines
 * stay as they are: Latin-script translations of three entries moved its top-1 (docs/benchmarks.md).
 */
export async function withDemoTranslations(
  entries: readonly Entry[],
  file = DEMO_TRANSLATIONS_FILE,
): Promise<Entry[]> {
  const byId = new Map<string, z.infer<typeof TranslationLineSchema>['translations']>();
  const lines = (await readFile(file, 'utf8')).split('\n');
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const parsed = TranslationLineSchema.safeParse(JSON.parse(line));
    if (!parsed.success)
      throw new Error(`${file}:${index + 1}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    byId.set(parsed.data.id, parsed.data.translations);
  });
  return entries.map((entry) => {
    const more = byId.get(entry.id);
    if (!more) return entry;
    const added = Object.fromEntries(Object.entries(more).filter(([locale]) => locale !== entry.locale));
    return { ...entry, translations: { ...added, ...entry.translations } };
  });
}
