import { z } from 'zod';
import { LocaleSchema } from './entry.js';

/** Slang, abbreviations and product nicknames that content teams map to the words the entries use. */
export const SynonymSchema = z.object({
  term: z.string().trim().min(1).max(64),
  canonical: z.string().trim().min(1).max(64),
  /** Absent: applies to every language. */
  locale: LocaleSchema.optional(),
});
export type Synonym = z.infer<typeof SynonymSchema>;
