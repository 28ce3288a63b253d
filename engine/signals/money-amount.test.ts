import { describe, expect, it } from 'vitest';
import { createMoneyFinder, parseAmount } from './money-amount.js';
import { LargeDisputeConfigSchema } from './sensitive-topics-config.js';

const finder = createMoneyFinder(LargeDisputeConfigSchema.parse({}).currencies);
const amounts = (text: string) => finder.find(text).map(({ amount, currency }) => `${amount} ${currency}`);

describe('money amounts', () => {
  it.each([
    ['扣了我800元', '800 CNY'],
    ['¥1,200', '1200 CNY'],
    ['两千块', '2000 CNY'],
    ['1.5万元', '15000 CNY'],
    ['rmb 500', '500 CNY'],
    ['$250', '250 USD'],
    ['300 dollars', '300 USD'],
    ['$3k', '3000 USD'],
    ['100美元', '100 USD'],
  ])('reads "%s" as %s', (text, expected) => {
    expect(amounts(text)).toEqual([expected]);
  });

  it('reads a bare number after a money verb in that verb’s currency', () => {
    expect(amounts('充了1.5万')).toEqual(['15000 CNY']);
    expect(amounts('they charged me 400')).toEqual(['400 USD']);
  });

  it('does not take a bare number for money', () => {
    expect(amounts('我等级800了')).toEqual([]);
    expect(amounts('order 123456')).toEqual([]);
  });

  it('reads "$250 without" as 250, not 2.5 million', () => {
    expect(amounts('$250 without asking')).toEqual(['250 USD']);
  });

  it('reads one number once even when two rules see it', () => {
    expect(amounts('扣了800元')).toEqual(['800 CNY']);
  });

  it('parses grouped and scaled numbers', () => {
    expect(parseAmount('1,200.50')).toBe(1200.5);
    expect(parseAmount('3k')).toBe(3000);
    expect(parseAmount('2w')).toBe(20_000);
    expect(parseAmount('abc')).toBeNull();
  });
});
