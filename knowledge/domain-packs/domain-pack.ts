import { z } from 'zod';

/** Pack and group ids: lower-case slugs, stable across versions, so an operator's override keeps its target. */
export const PackIdSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{0,47}$/, 'a lower-case slug: letters, digits and dashes');

export const SCENARIOS = ['show', 'commerce', 'social'] as const;
export type Scenario = (typeof SCENARIOS)[number];

const HAN = /\p{Script=Han}/u;

/**
 * A word of a pack. Han words match anywhere in a sentence (Chinese has no spaces), so a single
 * character would rewrite inside unrelated words; Latin ones match whole words only.
 */
const TermSchema = z
  .string()
  .trim()
  .min(2)
  .max(32)
  .refine((term) => !/[\t\n,]/.test(term), 'no tabs, line breaks or commas');

/** One language's side of a concept: the word entries are written with, and what viewers type instead. */
export const TermSideSchema = z.object({
  canonical: TermSchema,
  /** Slang, abbreviations, typos and other wordings in the same language, rewritten to `canonical`. */
  variants: z.array(TermSchema).max(40).default([]),
});
export type TermSide = z.infer<typeof TermSideSchema>;

/**
 * One concept in both languages. Only true equivalents share a group: every variant is rewritten to the
 * canonical word, so 退款 (refund) and 退货 (return) must be two groups. The other language's words are
 * the concept's translations: they let a Chinese question meet an English entry and the reverse.
 */
export const TermGroupSchema = z
  .object({
    id: PackIdSchema,
    zh: TermSideSchema.optional(),
    en: TermSideSchema.optional(),
    /** A disabled group contributes nothing (an operator turns off one that misleads the matcher). */
    enabled: z.boolean().default(true),
    /** Why the group is worded as it is, for the next editor. */
    note: z.string().trim().max(300).optional(),
  })
  .refine((group) => group.zh !== undefined || group.en !== undefined, 'a group needs zh or en words')
  .refine(
    (group) => group.zh === undefined || HAN.test(group.zh.canonical),
    'the zh canonical word must be Chinese',
  )
  .refine(
    (group) =>
      group.en === undefined || [group.en.canonical, ...group.en.variants].every((term) => !HAN.test(term)),
    'en words must not be Chinese',
  );
export type TermGroup = z.infer<typeof TermGroupSchema>;
export type TermGroupInput = z.input<typeof TermGroupSchema>;

export const DomainPackSchema = z.object({
  id: PackIdSchema,
  /** Raised whenever the shipped words change, so a report can say which vocabulary it ran with. */
  version: z.number().int().min(1),
  title: z.object({ zh: z.string().trim().min(1).max(80), en: z.string().trim().min(1).max(80) }),
  /** The scenarios that load this pack by default; empty for a pack every scenario loads. */
  scenarios: z.array(z.enum(SCENARIOS)).default([]),
  groups: z.array(TermGroupSchema).min(1).max(300),
});
export type DomainPack = z.infer<typeof DomainPackSchema>;
