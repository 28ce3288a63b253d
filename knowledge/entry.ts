import { z } from 'zod';

/** BCP-47-ish tag, lower-case primary language: `zh`, `en`, `zh-TW`. */
export const LocaleSchema = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'locale must look like "zh", "en" or "zh-TW"');
export type Locale = z.infer<typeof LocaleSchema>;

export const MAX_QUESTION_CHARS = 500;
export const MAX_ANSWER_CHARS = 8000;

export const EntryIdSchema = z
  .string()
  .regex(/^[^\s\p{C}]{1,128}$/u, 'id: 1-128 visible characters, no spaces');

const QuestionSchema = z.string().trim().min(1, 'a question may not be empty').max(MAX_QUESTION_CHARS);

export const LocalizedContentSchema = z.object({
  questions: z.array(QuestionSchema).min(1, 'at least one question').max(500),
  answer: z.string().trim().min(1, 'answer may not be empty').max(MAX_ANSWER_CHARS),
});
export type LocalizedContent = z.infer<typeof LocalizedContentSchema>;

const IsoDateTimeSchema = z.iso.datetime({ offset: true });

/** Where and when an entry holds: one room, one streamer, one flash sale. Absent fields mean "everywhere". */
export const EntryScopeSchema = z
  .object({
    roomId: z.string().min(1).max(128).optional(),
    streamerId: z.string().min(1).max(128).optional(),
    validFrom: IsoDateTimeSchema.optional(),
    validUntil: IsoDateTimeSchema.optional(),
  })
  .refine(
    (scope) =>
      !scope.validFrom || !scope.validUntil || Date.parse(scope.validFrom) < Date.parse(scope.validUntil),
    {
      message: 'validFrom must be before validUntil',
    },
  );
export type EntryScope = z.infer<typeof EntryScopeSchema>;

/** A guided form an entry starts after its answer (engine/disputes/): gift and top-up disputes. */
export const EntryFlowSchema = z.enum(['gift-refund', 'top-up-missing', 'minor-spending']);
export type EntryFlow = z.infer<typeof EntryFlowSchema>;

/**
 * A knowledge entry. The primary locale's phrasings and answer sit at the top level (the single-locale
 * JSON Lines format stays importable as is); other locales go in `translations`.
 */
export const EntrySchema = z
  .object({
    id: EntryIdSchema,
    locale: LocaleSchema,
    questions: LocalizedContentSchema.shape.questions,
    answer: LocalizedContentSchema.shape.answer,
    translations: z.record(LocaleSchema, LocalizedContentSchema).default({}),
    tags: z.array(z.string().trim().min(1).max(64)).max(50).default([]),
    enabled: z.boolean().default(true),
    scope: EntryScopeSchema.optional(),
    /** After this entry's answer the viewer gets the flow's form (engine/disputes/). */
    flow: EntryFlowSchema.optional(),
  })
  .refine((entry) => !(entry.locale in entry.translations), {
    message: 'translations must not repeat the primary locale',
    path: ['translations'],
  });
export type Entry = z.infer<typeof EntrySchema>;
/** What callers may write: defaults (tags, enabled, translations) filled in by the schema. */
export type EntryInput = z.input<typeof EntrySchema>;

/** One language view of an entry. */
export interface LocalizedEntryView {
  locale: Locale;
  questions: readonly string[];
  answer: string;
}

export function localizedViews(entry: Entry): LocalizedEntryView[] {
  return [
    { locale: entry.locale, questions: entry.questions, answer: entry.answer },
    ...Object.entries(entry.translations).map(([locale, content]) => ({ locale, ...content })),
  ];
}

const TRADITIONAL_CHINESE = /^zh-(?:hant|tw|hk|mo)(?:-|$)/i;

/** 'zh-Hant', 'zh-TW', 'zh-HK', 'zh-MO' (and their subtags): written in Traditional characters. */
export function isTraditionalChinese(locale: Locale | undefined): boolean {
  return locale !== undefined && TRADITIONAL_CHINESE.test(locale);
}

/**
 * Languages whose readers read each other's answers: language identifiers cannot tell short Malay from
 * Indonesian (eld names nearly every Indonesian question Malay: docs/benchmarks.md, "Many languages").
 */
const CLOSE_LANGUAGE: Readonly<Record<string, string>> = { ms: 'id', id: 'ms' };

/**
 * The answer in the viewer's language when the entry has it (a Traditional reader's in Traditional
 * first, whichever region wrote it), else the primary one.
 */
export function answerFor(entry: Entry, locale: Locale | undefined): LocalizedEntryView {
  const views = localizedViews(entry);
  const primary = views[0]!;
  if (!locale) return primary;
  const language = locale.split('-')[0];
  return (
    views.find((view) => view.locale === locale) ??
    (isTraditionalChinese(locale) ? views.find((view) => isTraditionalChinese(view.locale)) : undefined) ??
    views.find((view) => view.locale.split('-')[0] === language) ??
    views.find((view) => view.locale.split('-')[0] === CLOSE_LANGUAGE[language ?? '']) ??
    primary
  );
}

export interface MatchContext {
  roomId?: string | undefined;
  streamerId?: string | undefined;
  /** Defaults to the matcher's clock. */
  at?: Date | undefined;
}

/** Whether a scoped entry holds in this room, for this streamer, at this moment. */
export function scopeAllows(scope: EntryScope | undefined, context: MatchContext, now: Date): boolean {
  if (!scope) return true;
  if (scope.roomId !== undefined && scope.roomId !== context.roomId) return false;
  if (scope.streamerId !== undefined && scope.streamerId !== context.streamerId) return false;
  const at = (context.at ?? now).getTime();
  if (scope.validFrom !== undefined && at < Date.parse(scope.validFrom)) return false;
  if (scope.validUntil !== undefined && at >= Date.parse(scope.validUntil)) return false;
  return true;
}
