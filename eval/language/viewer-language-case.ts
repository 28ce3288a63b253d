import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { parseJsonLines } from '../parse-json-lines.js';

export const LANGUAGE_CASE_CATEGORIES = [
  'zh-Hans',
  'zh-Hant',
  'en',
  'mixed',
  'pinyin',
  'short',
  'emoji',
  'other',
] as const;

/**
 * One labelled viewer message. `language`: what the answer should be written in, BCP-47 ('zh-Hans',
 * 'zh-Hant', 'zh' when the text reads the same in both scripts or is pinyin, 'en', 'ja', …), null when
 * the message does not say ("ok", "666", emoji) and the conversation's language should be kept.
 */
export const ViewerLanguageCaseSchema = z.object({
  text: z.string().min(1),
  language: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Za-z]{4})?$/)
    .nullable(),
  category: z.enum(LANGUAGE_CASE_CATEGORIES),
  split: z.enum(['dev', 'test']),
});
export type ViewerLanguageCase = z.infer<typeof ViewerLanguageCaseSchema>;

/** Hand-written for the language-identification benchmark, split dev/test before any tuning. */
export const VIEWER_LANGUAGE_CASES_FILE = fileURLToPath(
  new URL('./viewer-language-cases.jsonl', import.meta.url),
);

export function readViewerLanguageCases(file: string = VIEWER_LANGUAGE_CASES_FILE): ViewerLanguageCase[] {
  return parseJsonLines(readFileSync(file, 'utf8'), ViewerLanguageCaseSchema, file);
}
