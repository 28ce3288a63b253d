import { describe, expect, it } from 'vitest';
import { textMatching } from '../../test/support/text-matching.js';
import { isKnownLocale } from './entry-text-checks.js';
import { parseEntriesCsv } from './parse-entries-csv.js';
import { parseEntriesJsonl } from './parse-entries-jsonl.js';

const line = (value: unknown) => JSON.stringify(value);

function errorsOf(result: ReturnType<typeof parseEntriesCsv>) {
  if (result.ok) throw new Error(`expected errors, got ${result.entries.length} entries`);
  return result.errors;
}

describe('imports refuse control characters and unknown locales, by line', () => {
  it('CSV: a NUL in a question or an answer, other controls, and the locale xx', () => {
    const csv = [
      'id,locale,questions,answer',
      'ok.first,en,How do I pay?,With coins.',
      'nul.question,en,"How do I pay?\u0000",With coins.',
      'nul.answer,en,How do I top up?,"Open the wallet\u0000 and pay."',
      'unknown.locale,xx,How do I pay?,With coins.',
      'bell.id\u0007,en,Why?,Because.',
      'ok.layout,en,Where?,"Line one\r\n\tLine two"',
    ].join('\n');
    expect(errorsOf(parseEntriesCsv(csv))).toEqual([
      { line: 3, message: textMatching(/^questions.*control character U\+0000; remove it$/u) },
      {
        line: 4,
        message: textMatching(
          /^answer: contains the control character U\+0000 \(tab and line breaks are allowed\)/u,
        ),
      },
      { line: 5, message: textMatching(/^locale: "xx" is not a known language/u) },
      // The id schema already refuses invisible characters.
      { line: 6, message: 'id: 1-128 visible characters, no spaces' },
    ]);
  });

  it('JSON Lines: NUL escaped or raw, the locale xx, and an unknown translation locale', () => {
    const text = [
      line({ id: 'fine', locale: 'en', questions: ['How do I pay?'], answer: 'With coins.\n\tThanks.' }),
      line({ id: 'escaped.nul', locale: 'en', questions: ['pay\u0000'], answer: 'With coins.' }),
      line({ id: 'xx', locale: 'xx', questions: ['How do I pay?'], answer: 'With coins.' }),
      line({
        id: 'translation',
        locale: 'en',
        questions: ['How do I pay?'],
        answer: 'With coins.',
        translations: { qq: { questions: ['?'], answer: 'Answer\u007f' } },
      }),
    ].join('\n');
    const errors = errorsOf(parseEntriesJsonl(text));
    expect(errors.map((error) => error.line)).toEqual([2, 3, 4]);
    expect(errors[0]?.message).toMatch(/questions\[0\]: contains the control character U\+0000/u);
    expect(errors[1]?.message).toMatch(/locale: "xx" is not a known language/u);
    expect(errors[2]?.message).toMatch(/translations\.qq: "qq" is not a known language/u);
    expect(errors[2]?.message).toMatch(/translations\.qq\.answer: contains the control character U\+007F/u);
  });

  it('still takes every language the product and its demo data use', () => {
    for (const tag of [
      'zh',
      'en',
      'zh-TW',
      'zh-HK',
      'zh-Hant',
      'zh-CN',
      'ja',
      'ko',
      'es',
      'pt-BR',
      'fr',
      'de',
      'ru',
      'vi',
      'th',
      'id',
      'ms',
      'ar',
      'yue',
    ])
      expect(isKnownLocale(tag), tag).toBe(true);
    for (const tag of ['xx', 'qq', 'zz', 'en-XX', 'und', '']) expect(isKnownLocale(tag), tag).toBe(false);
  });
});
