import { z } from 'zod';
import { LocaleSchema } from '../../knowledge/entry.js';
import { normalizeText } from '../../knowledge/text/normalize.js';
import type { ConversationState } from '../conversation/conversation-state.js';

export const AutoReplyRuleIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,64}$/, 'id: 1-64 letters, digits, . - or _');

/** A keyword rule as staff write it: when a waiting viewer's message holds a keyword, say `text`. */
export const AutoReplyRuleInputSchema = z
  .object({
    name: z.string().trim().min(1, 'name may not be empty').max(100),
    keywords: z
      .array(z.string().trim().min(1, 'a keyword may not be empty').max(50))
      .min(1, 'at least one keyword')
      .max(20),
    /** Only for viewers in this language (`zh` covers `zh-TW`); null: any language. */
    locale: LocaleSchema.nullable().default(null),
    /** Plain text sent as is; the viewer's page escapes it. */
    text: z.string().trim().min(1, 'text may not be empty').max(2000),
    enabled: z.boolean().default(true),
  })
  .strict();
export type AutoReplyRuleInput = z.infer<typeof AutoReplyRuleInputSchema>;

export const AutoReplyRuleSchema = AutoReplyRuleInputSchema.extend({
  id: AutoReplyRuleIdSchema,
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type AutoReplyRule = z.infer<typeof AutoReplyRuleSchema>;

export const AutoReplyConfigSchema = z.object({
  /** A rule fires only when no person replied in the conversation for this long (e.g. 30 s). */
  quietPeriodMs: z.number().int().min(0).max(3_600_000).default(30_000),
  /** Each rule fires at most once per conversation in this window (e.g. 30 min). */
  windowMs: z
    .number()
    .int()
    .min(0)
    .max(7 * 86_400_000)
    .default(30 * 60_000),
});
export type AutoReplyConfig = z.infer<typeof AutoReplyConfigSchema>;

export interface AutoReplyInput {
  /** In order; on a tie, the earlier rule wins. */
  rules: readonly AutoReplyRule[];
  /** `at`: milliseconds since the epoch. */
  message: { text: string; locale?: string | undefined; at: number };
  /** When a person (an agent) last wrote in the conversation, in epoch milliseconds. */
  lastHumanReplyAt: number | undefined;
  /** When each rule last fired in this conversation, in epoch milliseconds. */
  firedAt: ReadonlyMap<string, number>;
  config: AutoReplyConfig;
  /** Folds case, width and script before matching; the default folds width and case only. */
  normalize?: ((text: string) => string) | undefined;
}

export type AutoReplyDecision =
  | { fire: true; rule: AutoReplyRule; keyword: string }
  | { fire: false; reason: 'no-match' | 'human-replied' | 'already-fired' };

const defaultNormalize = (text: string): string => normalizeText(text, { toSimplified: (same) => same });

/**
 * Which rule, if any, answers a viewer's message. A rule matches when one of its keywords is in the
 * message (after both are normalised): a keyword of Latin letters and digits must stand as whole words,
 * any other keyword (Chinese) may sit anywhere. Nothing fires when a person wrote within `quietPeriodMs`
 * before the message or since, or when every matching rule already fired within `windowMs`. Among the
 * rest the longest keyword wins (the most specific rule), then the earlier rule.
 */
export function decideAutoReply(input: AutoReplyInput): AutoReplyDecision {
  const normalize = input.normalize ?? defaultNormalize;
  const text = normalize(input.message.text);
  const matches: { rule: AutoReplyRule; keyword: string; length: number; order: number }[] = [];
  input.rules.forEach((rule, order) => {
    if (!rule.enabled || !localeAllows(rule.locale, input.message.locale)) return;
    for (const keyword of rule.keywords) {
      const folded = normalize(keyword);
      if (folded !== '' && containsKeyword(text, folded))
        matches.push({ rule, keyword, length: [...folded].length, order });
    }
  });
  if (matches.length === 0) return { fire: false, reason: 'no-match' };
  const { lastHumanReplyAt } = input;
  if (lastHumanReplyAt !== undefined && lastHumanReplyAt > input.message.at - input.config.quietPeriodMs)
    return { fire: false, reason: 'human-replied' };
  const fresh = matches.filter(({ rule }) => {
    const fired = input.firedAt.get(rule.id);
    return fired === undefined || input.message.at - fired >= input.config.windowMs;
  });
  const best = fresh.sort((a, b) => b.length - a.length || a.order - b.order)[0];
  if (!best) return { fire: false, reason: 'already-fired' };
  return { fire: true, rule: best.rule, keyword: best.keyword };
}

/** Auto-replies speak only while a person is awaited or in charge, never while the AI is answering. */
export function autoReplyAllowedIn(state: ConversationState): boolean {
  return state === 'pending_human' || state === 'human';
}

function localeAllows(ruleLocale: string | null, messageLocale: string | undefined): boolean {
  if (ruleLocale === null || messageLocale === undefined) return true;
  return ruleLocale.split('-')[0]!.toLowerCase() === messageLocale.split('-')[0]!.toLowerCase();
}

const LATIN_WORD = /^[a-z0-9][a-z0-9 '-]*$/;
const LATIN_CHAR = /[a-z0-9]/;

function containsKeyword(text: string, keyword: string): boolean {
  if (!LATIN_WORD.test(keyword)) return text.includes(keyword);
  for (let from = text.indexOf(keyword); from !== -1; from = text.indexOf(keyword, from + 1)) {
    const before = text[from - 1];
    const after = text[from + keyword.length];
    const bounded =
      (before === undefined || !LATIN_CHAR.test(before)) && (after === undefined || !LATIN_CHAR.test(after));
    if (bounded) return true;
  }
  return false;
}
