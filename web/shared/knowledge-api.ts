import * as z from 'zod/mini';
import type { ApiClient } from './api-client.js';

const LocalizedSchema = z.object({ questions: z.array(z.string()), answer: z.string() });

/** A knowledge entry as `/api/knowledge/entries` returns it (knowledge/entry.ts has the full rules). */
export const EntrySchema = z.object({
  id: z.string(),
  locale: z.string(),
  questions: z.array(z.string()),
  answer: z.string(),
  translations: z._default(z.record(z.string(), LocalizedSchema), {}),
  tags: z._default(z.array(z.string()), []),
  enabled: z._default(z.boolean(), true),
  scope: z.optional(z.unknown()),
});
export type Entry = z.infer<typeof EntrySchema>;

export const EntryListSchema = z.object({ entries: z.array(EntrySchema) });

export const EntryVersionSchema = z.object({
  versionId: z.number(),
  entryId: z.string(),
  action: z.string(),
  actor: z.string(),
  at: z.string(),
  before: z.nullable(EntrySchema),
  after: z.nullable(EntrySchema),
});
export type EntryVersion = z.infer<typeof EntryVersionSchema>;

export interface EntryFilter {
  text?: string;
  tag?: string;
  enabled?: boolean;
}

export function listEntries(api: ApiClient, filter: EntryFilter, signal?: AbortSignal): Promise<Entry[]> {
  const query = new URLSearchParams();
  if (filter.text) query.set('text', filter.text);
  if (filter.tag) query.set('tag', filter.tag);
  if (filter.enabled !== undefined) query.set('enabled', String(filter.enabled));
  const suffix = query.size > 0 ? `?${query.toString()}` : '';
  return api
    .request('GET', `/api/knowledge/entries${suffix}`, EntryListSchema, signal ? { signal } : {})
    .then((list) => list.entries);
}

/** The entry's answer in `locale` when it has one (`zh-TW` falls back to `zh`), else its primary answer. */
export function answerIn(entry: Entry, locale: string | undefined): string {
  if (!locale) return entry.answer;
  const language = locale.split('-')[0] ?? locale;
  if (entry.locale === locale || entry.locale.split('-')[0] === language) return entry.answer;
  const translation =
    entry.translations[locale] ??
    Object.entries(entry.translations).find(([tag]) => tag.split('-')[0] === language)?.[1];
  return translation?.answer ?? entry.answer;
}
