import { z } from 'zod';
import { EntrySchema, LocaleSchema } from '../../knowledge/entry.js';
import { SynonymSchema } from '../../knowledge/synonym.js';

export const ListQuerySchema = z.object({
  tag: z.string().max(64).optional(),
  text: z.string().max(200).optional(),
  enabled: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
});

export const VersionsQuerySchema = z.object({
  entryId: z.string().max(128).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const FormatQuerySchema = z.object({ format: z.enum(['jsonl', 'csv']).default('jsonl') });

export const SynonymDeleteQuerySchema = z.object({
  term: z.string().trim().min(1, 'term is required').max(64),
  locale: LocaleSchema.optional(),
});

export const EntryVersionSchema = z.object({
  versionId: z.number().int(),
  entryId: z.string(),
  action: z.enum(['create', 'update', 'delete', 'revert']),
  /** Username of the editor who made the change. */
  actor: z.string(),
  at: z.string(),
  before: EntrySchema.nullable(),
  after: EntrySchema.nullable(),
});

export const EntryListSchema = z.object({ entries: z.array(EntrySchema) });
export const EntryPutResponseSchema = z.object({
  entry: EntrySchema,
  version: EntryVersionSchema.nullable(),
  changed: z.boolean(),
});
export const VersionResponseSchema = z.object({ version: EntryVersionSchema });
export const VersionListSchema = z.object({ versions: z.array(EntryVersionSchema) });
export const SynonymListSchema = z.object({ synonyms: z.array(SynonymSchema) });
export const ImportResultSchema = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
});
export const ImportErrorSchema = z.object({
  error: z.literal('invalid_input'),
  message: z.string(),
  lines: z.array(z.object({ line: z.number().int(), message: z.string() }).loose()),
});
