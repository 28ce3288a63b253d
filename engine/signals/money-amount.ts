import { z } from 'zod';
import { allMatches } from './all-matches.js';
import { CHINESE_NUMBER, parseChineseNumber } from './chinese-number.js';

export const CurrencySchema = z.object({
  code: z.string().min(1).max(8),
  /** Written before the number: "¥", "$", "rmb". */
  prefixes: z.array(z.string().min(1)),
  /** Written after it: "元", "块", "dollars". */
  suffixes: z.array(z.string().min(1)),
  /** A bare number right after one of these is money in this currency: "扣了800", "充了1.5万". */
  bareAfter: z.array(z.string().min(1)).default([]),
});
export type Currency = z.infer<typeof CurrencySchema>;

export interface MoneyAmount {
  amount: number;
  currency: string;
  /** As written (folded): "¥1,200", "两千块". */
  text: string;
}

const ARABIC = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
// 万/千/百 may follow a space; k/w (thousand, ten thousand) must end the word: "3k", not "$250 w(ithout)".
const MULTIPLIER = String.raw`(?:\s?[万千百]|[kw](?![\p{Script=Latin}]))?`;
const NUMBER = `(?:${ARABIC})${MULTIPLIER}|${CHINESE_NUMBER.source}`;
const MULTIPLIERS: Record<string, number> = { 万: 10_000, w: 10_000, 千: 1000, k: 1000, 百: 100 };

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function alternation(words: readonly string[]): string {
  return [...words]
    .sort((first, second) => second.length - first.length)
    .map(escapeRegex)
    .join('|');
}

/** The value of "1,200", "1.5万", "3k", "两千". */
export function parseAmount(text: string): number | null {
  const compact = text.replace(/\s+/gu, '');
  const chinese = parseChineseNumber(compact);
  if (chinese !== null) return chinese;
  const match = /^([\d,]+(?:\.\d+)?)(万|千|百|k|w)?$/u.exec(compact);
  if (match === null || match[1] === undefined) return null;
  const value = Number(match[1].replace(/,/g, ''));
  if (!Number.isFinite(value)) return null;
  return value * (match[2] === undefined ? 1 : (MULTIPLIERS[match[2]] ?? 1));
}

/** A compiled finder for money amounts in folded text. */
export interface MoneyFinder {
  find(folded: string): MoneyAmount[];
}

/**
 * Finds amounts with a currency: "¥800", "$ 1,200", "两千块", "1.5万元", "300 dollars", "rmb 500".
 * A bare number is not money (it may be coins, a level or an order number) unless it follows one of
 * its currency's `bareAfter` words ("扣了800").
 */
export function createMoneyFinder(currencies: readonly Currency[]): MoneyFinder {
  const rules = currencies.flatMap((currency) => {
    const patterns: RegExp[] = [];
    // Latin letters next to the number must end there: "5usd", not "5users".
    if (currency.prefixes.length > 0)
      patterns.push(
        new RegExp(`(?<![\\p{Script=Latin}])(?:${alternation(currency.prefixes)})\\s?(${NUMBER})`, 'dgu'),
      );
    if (currency.suffixes.length > 0)
      patterns.push(
        new RegExp(
          `(?<![\\d.,])(${NUMBER})\\s?(?:${alternation(currency.suffixes)})(?![\\p{Script=Latin}])`,
          'dgu',
        ),
      );
    if (currency.bareAfter.length > 0)
      patterns.push(
        new RegExp(
          `(?:${alternation(currency.bareAfter)})\\s?(?:了|我|me|us)?\\s?(${NUMBER})(?![\\d.,])`,
          'dgu',
        ),
      );
    return patterns.map((regex) => ({ regex, code: currency.code }));
  });
  return {
    find(folded) {
      const found: (MoneyAmount & { start: number; end: number })[] = [];
      for (const { regex, code } of rules) {
        for (const match of allMatches(regex, folded)) {
          const span = match.indices?.[1];
          const amount = parseAmount(match[1] ?? '');
          if (span === undefined || amount === null || amount <= 0) continue;
          // One number is one amount, read with the first rule that found it (a currency sign before "扣了800").
          if (found.some((other) => span[0] < other.end && span[1] > other.start)) continue;
          found.push({ amount, currency: code, text: match[0].trim(), start: span[0], end: span[1] });
        }
      }
      return found.map(({ amount, currency, text }) => ({ amount, currency, text }));
    },
  };
}
