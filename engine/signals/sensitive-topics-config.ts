import { z } from 'zod';
import { CurrencySchema } from './money-amount.js';
import { PatternSchema, PhraseSchema } from './phrase-list.js';
import { DEFAULT_SENSITIVE_CATEGORIES, DISPUTE_PHRASES } from './sensitive-topics-lexicon.js';

export const SeveritySchema = z.enum(['low', 'medium', 'high', 'critical']);
export type Severity = z.infer<typeof SeveritySchema>;

/** The key the escalation policy routes on: self_harm, minor_spending, fraud, ... */
const CategoryNameSchema = z.string().trim().min(1).max(64);

export const SensitiveCategorySchema = z.object({
  category: CategoryNameSchema,
  severity: SeveritySchema,
  phrases: z.array(PhraseSchema).default([]),
  patterns: z.array(PatternSchema).default([]),
  /** Masked first: "跳楼价" is a price, "想死你了" is missing someone. */
  ignore: z.array(PhraseSchema).default([]),
  ignorePatterns: z.array(PatternSchema).default([]),
});
export type SensitiveCategory = z.infer<typeof SensitiveCategorySchema>;
export type SensitiveCategoryInput = z.input<typeof SensitiveCategorySchema>;

export const LargeDisputeConfigSchema = z.object({
  category: CategoryNameSchema.default('large_dispute'),
  severity: SeveritySchema.default('high'),
  /** An amount counts as large at or above its currency's minimum (in that currency). */
  minAmount: z.record(z.string(), z.number().positive()).default({ CNY: 500, USD: 100 }),
  currencies: z.array(CurrencySchema).default([
    {
      code: 'CNY',
      prefixes: ['¥', 'rmb', 'cny'],
      suffixes: ['元', '块钱', '块', 'rmb', '人民币', 'yuan', 'cny'],
      bareAfter: [
        '扣了',
        '扣',
        '充了',
        '充值了',
        '花了',
        '付了',
        '转了',
        '刷了',
        '被扣',
        '被刷',
        '盗刷了',
        '少了',
        '扣费',
        '扣款',
        '收益',
        '提现',
        '损失',
        '价值',
        '买了台',
        '买了个',
        '买了部',
        '买了件',
      ],
    },
    {
      code: 'USD',
      prefixes: ['us$', '$', 'usd'],
      suffixes: ['dollars', 'dollar', 'bucks', 'usd', '美元', '美金', '刀'],
      bareAfter: ['charged', 'spent', 'paid', 'billed', 'took'],
    },
  ]),
  /** With a large amount, any of these makes it a disputed charge. */
  disputePhrases: z.array(PhraseSchema).default([...DISPUTE_PHRASES]),
  disputePatterns: z.array(PatternSchema).default([]),
});
export type LargeDisputeConfig = z.infer<typeof LargeDisputeConfigSchema>;

export const SensitiveTopicsConfigSchema = z.object({
  categories: z
    .array(SensitiveCategorySchema)
    .default(() => DEFAULT_SENSITIVE_CATEGORIES.map((category) => SensitiveCategorySchema.parse(category)))
    .refine(
      (categories) => new Set(categories.map((category) => category.category)).size === categories.length,
      {
        message: 'category names must be unique',
      },
    ),
  largeDispute: LargeDisputeConfigSchema.prefault({}),
});
export type SensitiveTopicsConfig = z.infer<typeof SensitiveTopicsConfigSchema>;
