import { z } from 'zod';
import { LocaleSchema } from '../../knowledge/entry.js';
import {
  QUICK_REPLY_VARIABLES,
  renderTemplate,
  unknownTemplateVariables,
  type RenderedTemplate,
} from './quick-reply-template.js';

export const QuickReplyIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,64}$/, 'id: 1-64 letters, digits, . - or _');

/** What the agent types in the reply box to pick it: `/topup`. */
export const QuickReplyShortcutSchema = z
  .string()
  .trim()
  .regex(/^\/[\p{L}\p{N}_-]{1,32}$/u, 'shortcut: "/" followed by 1-32 letters, digits, - or _');

const TemplateSchema = z
  .string()
  .trim()
  .min(1, 'text may not be empty')
  .max(4000)
  .superRefine((text, context) => {
    const unknown = unknownTemplateVariables(text);
    if (unknown.length > 0)
      context.addIssue({
        code: 'custom',
        message: `unknown variables ${unknown.map((name) => `{${name}}`).join(', ')}; known: ${Object.keys(
          QUICK_REPLY_VARIABLES,
        )
          .map((name) => `{${name}}`)
          .join(', ')}`,
      });
  });

/** A quick reply as staff write it. */
export const QuickReplyInputSchema = z
  .object({
    shortcut: QuickReplyShortcutSchema,
    locale: LocaleSchema,
    /** The team it is meant for; null: every team. */
    team: z.string().trim().min(1).max(64).nullable().default(null),
    title: z.string().trim().min(1, 'title may not be empty').max(100),
    /** The template: plain text with `{variable}` placeholders. */
    text: TemplateSchema,
  })
  .strict();
export type QuickReplyInput = z.infer<typeof QuickReplyInputSchema>;

export const QuickReplySchema = QuickReplyInputSchema.extend({
  id: QuickReplyIdSchema,
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type QuickReply = z.infer<typeof QuickReplySchema>;

/** A quick reply with how often agents have used it (rendered it into a reply), as lists give it. */
export const UsedQuickReplySchema = QuickReplySchema.extend({ uses: z.number().int().min(0) });
export type UsedQuickReply = z.infer<typeof UsedQuickReplySchema>;

export const QuickReplyFilterSchema = z.object({
  /** Replies in this language: `zh-TW` also finds `zh` replies, and the other way round. */
  locale: LocaleSchema.optional(),
  /** Replies for this team and for every team. */
  team: z.string().trim().min(1).max(64).optional(),
  /** Case-insensitive text in the shortcut, title or text. */
  text: z.string().trim().min(1).max(200).optional(),
});
export type QuickReplyFilter = z.infer<typeof QuickReplyFilterSchema>;

function language(locale: string): string {
  return locale.split('-')[0]!.toLowerCase();
}

/** Whether a reply passes a list filter; pure so every store filters alike. */
export function quickReplyMatches(reply: QuickReply, filter: QuickReplyFilter): boolean {
  if (filter.locale !== undefined && language(reply.locale) !== language(filter.locale)) return false;
  if (filter.team !== undefined && reply.team !== null && reply.team !== filter.team) return false;
  if (filter.text !== undefined) {
    const needle = filter.text.toLowerCase();
    const haystack = `${reply.shortcut}\n${reply.title}\n${reply.text}`.toLowerCase();
    if (!haystack.includes(needle)) return false;
  }
  return true;
}

/** A quick reply's text with the conversation's values filled in; missing ones are reported. */
export function renderQuickReply(
  reply: Pick<QuickReply, 'text'>,
  values: Readonly<Partial<Record<string, string | number>>>,
): RenderedTemplate {
  return renderTemplate(reply.text, values);
}
