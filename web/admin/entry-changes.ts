import * as z from 'zod/mini';
import type { Entry, EntryVersion } from '../shared/knowledge-api.js';

/** The fields of an entry a version can change, as the history names them. */
export type ChangedField = 'questions' | 'answer' | 'tags' | 'enabled' | 'scope' | 'locale' | 'language';

/** One changed field, both sides as text a word diff can compare ('' for "not there"). */
export interface FieldChange {
  field: ChangedField;
  /** For questions and answers: the language they are in. */
  locale?: string;
  before: string;
  after: string;
}

const ScopeSchema = z.object({
  roomId: z.optional(z.string()),
  streamerId: z.optional(z.string()),
  validFrom: z.optional(z.string()),
  validUntil: z.optional(z.string()),
});
export type EntryScopeView = z.infer<typeof ScopeSchema>;

/** How values that are not text read in the page's language. */
export interface ChangeWording {
  enabled: (enabled: boolean) => string;
  /** '' for an entry that holds everywhere. */
  scope: (scope: EntryScopeView) => string;
}

const lines = (values: readonly string[]): string => values.join('\n');

function scopeText(scope: unknown, wording: ChangeWording): string {
  if (scope === undefined || scope === null) return '';
  const parsed = ScopeSchema.safeParse(scope);
  return parsed.success ? wording.scope(parsed.data) : JSON.stringify(scope);
}

function contentOf(entry: Entry): Map<string, { questions: string; answer: string }> {
  const content = new Map([[entry.locale, { questions: lines(entry.questions), answer: entry.answer }]]);
  for (const [locale, translation] of Object.entries(entry.translations))
    content.set(locale, { questions: lines(translation.questions), answer: translation.answer });
  return content;
}

/**
 * Every field a version changed, each with its old and new text: phrasings (one per line) and answers per
 * language, tags, the on/off switch, the scope. A new entry's fields are all "added"; a deleted entry's
 * all "removed".
 */
export function entryChanges(
  version: Pick<EntryVersion, 'before' | 'after'>,
  wording: ChangeWording,
): FieldChange[] {
  const { before, after } = version;
  const changes: FieldChange[] = [];
  const compare = (change: FieldChange): void => {
    if (change.before !== change.after) changes.push(change);
  };
  if (before && after && before.locale !== after.locale)
    compare({ field: 'locale', before: before.locale, after: after.locale });
  const old = before ? contentOf(before) : new Map<string, { questions: string; answer: string }>();
  const now = after ? contentOf(after) : new Map<string, { questions: string; answer: string }>();
  const primary = after?.locale ?? before?.locale;
  const locales = [...new Set([...now.keys(), ...old.keys()])].sort((first, second) =>
    first === primary ? -1 : second === primary ? 1 : first.localeCompare(second),
  );
  for (const locale of locales) {
    const was = old.get(locale);
    const is = now.get(locale);
    if (before && after && (!was || !is))
      compare({ field: 'language', before: was ? locale : '', after: is ? locale : '' });
    compare({ field: 'questions', locale, before: was?.questions ?? '', after: is?.questions ?? '' });
    compare({ field: 'answer', locale, before: was?.answer ?? '', after: is?.answer ?? '' });
  }
  compare({
    field: 'tags',
    before: before?.tags.join(', ') ?? '',
    after: after?.tags.join(', ') ?? '',
  });
  if (before && after)
    compare({
      field: 'enabled',
      before: wording.enabled(before.enabled),
      after: wording.enabled(after.enabled),
    });
  compare({
    field: 'scope',
    before: before ? scopeText(before.scope, wording) : '',
    after: after ? scopeText(after.scope, wording) : '',
  });
  return changes;
}
