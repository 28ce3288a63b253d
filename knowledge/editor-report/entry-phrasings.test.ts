import { describe, expect, it } from 'vitest';
import { EntrySchema, type Entry } from '../entry.js';
import { hasPhrasing, viewLocaleFor, withPhrasing, withoutPhrasing } from './entry-phrasings.js';
import { allPhrasings, evenSample, roundsOf } from './leave-one-out.js';
import { synonymVariants } from './synonym-variants.js';
import { weakEntries } from './weak-entries.js';

const entry = (input: Partial<Entry> & { id: string }): Entry =>
  EntrySchema.parse({ locale: 'zh', questions: ['问题'], answer: '回答', ...input });

const bilingual = entry({
  id: 'coins.top-up',
  questions: ['怎么充值金币', '充值入口在哪'],
  translations: { en: { questions: ['How do I top up coins?'], answer: 'Wallet > Top up.' } },
});

describe('editing phrasings', () => {
  it('takes a phrasing out and keeps the entry valid', () => {
    expect(withoutPhrasing(bilingual, 'zh', '怎么充值金币')!.questions).toEqual(['充值入口在哪']);
    const noEnglish = withoutPhrasing(bilingual, 'en', 'How do I top up coins?')!;
    expect(noEnglish.translations).toEqual({});
    const onlyEnglish = withoutPhrasing(
      withoutPhrasing(bilingual, 'zh', '怎么充值金币')!,
      'zh',
      '充值入口在哪',
    )!;
    expect(onlyEnglish.locale).toBe('en');
    expect(onlyEnglish.questions).toEqual(['How do I top up coins?']);
    expect(EntrySchema.safeParse(onlyEnglish).success).toBe(true);
    expect(withoutPhrasing(onlyEnglish, 'en', 'How do I top up coins?')).toBeUndefined();
  });

  it('adds a phrasing to the right view and recognises it however it is spelt', () => {
    const added = withPhrasing(bilingual, 'en', 'top up coins pls');
    expect(added.translations.en!.questions).toContain('top up coins pls');
    expect(hasPhrasing(added, 'Top up coins, PLS!')).toBe(true);
    expect(hasPhrasing(bilingual, 'top up coins pls')).toBe(false);
    expect(viewLocaleFor(bilingual, 'en-US')).toBe('en');
    expect(viewLocaleFor(bilingual, 'ja')).toBeUndefined();
  });
});

describe('sampling and rounds', () => {
  it('samples evenly and never more than asked', () => {
    expect(evenSample([1, 2, 3, 4, 5, 6], 3)).toEqual([1, 3, 5]);
    expect(evenSample([1, 2], 5)).toEqual([1, 2]);
    expect(evenSample([1, 2], 0)).toEqual([]);
  });

  it('takes one phrasing of each language per round, or one per round when asked', () => {
    const phrasings = allPhrasings([bilingual, entry({ id: 'off', enabled: false })]);
    // The English view's only phrasing is not tested: without it nothing would find the entry in English.
    expect(phrasings.map((phrasing) => phrasing.text)).toEqual(['怎么充值金币', '充值入口在哪']);
    expect(roundsOf(phrasings).map((round) => round.map((phrasing) => phrasing.text))).toEqual([
      ['怎么充值金币'],
      ['充值入口在哪'],
    ]);
    expect(roundsOf(phrasings, true)).toHaveLength(2);
  });
});

describe('weak entries', () => {
  it('flags too few phrasings per language and one-language entries in a bilingual knowledge base', () => {
    const thin = entry({ id: 'thin', questions: ['一', '二'] });
    const full = entry({
      id: 'full',
      questions: ['一', '二', '三'],
      translations: { en: { questions: ['a', 'b', 'c'], answer: 'x' } },
    });
    expect(weakEntries([thin, full, bilingual])).toEqual([
      {
        entryId: 'thin',
        issues: [
          { kind: 'few-phrasings', locale: 'zh', phrasings: 2 },
          { kind: 'one-language', locale: 'zh', missing: ['en'] },
        ],
      },
      {
        entryId: 'coins.top-up',
        issues: [
          { kind: 'few-phrasings', locale: 'zh', phrasings: 2 },
          { kind: 'few-phrasings', locale: 'en', phrasings: 1 },
        ],
      },
    ]);
    // One language everywhere: nothing to translate into.
    expect(weakEntries([entry({ id: 'solo', questions: ['一', '二', '三'] })])).toEqual([]);
  });
});

describe('synonym variants', () => {
  it("rewrites a canonical word with the viewers' word, whole words only in Latin script", () => {
    const variants = synonymVariants(
      [bilingual, entry({ id: 'e', locale: 'en', questions: ['topup history'] })],
      [
        { term: 'cz', canonical: '充值', locale: 'zh' },
        { term: 'recharge', canonical: 'top up' },
        { term: 'x', canonical: 'top', locale: 'en' },
      ],
    );
    expect(variants).toEqual([
      { entryId: 'coins.top-up', locale: 'zh', from: '怎么充值金币', phrasing: '怎么cz金币' },
      {
        entryId: 'coins.top-up',
        locale: 'en',
        from: 'How do I top up coins?',
        phrasing: 'How do I recharge coins?',
      },
    ]);
  });
});
