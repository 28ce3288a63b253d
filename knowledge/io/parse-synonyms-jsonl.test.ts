import { describe, expect, it } from 'vitest';
import { textMatching } from '../../test/support/text-matching.js';
import { parseSynonymsJsonl } from './parse-synonyms-jsonl.js';
import { writeSynonymsJsonl } from './write-synonyms-jsonl.js';

describe('parseSynonymsJsonl', () => {
  it('reads synonyms with and without a locale', () => {
    const text =
      '{"term":"yyds","canonical":"永远的神","locale":"zh"}\n\n{"term":" brb ","canonical":"be right back","note":"x"}\n';

    expect(parseSynonymsJsonl(text)).toEqual({
      ok: true,
      synonyms: [
        { term: 'yyds', canonical: '永远的神', locale: 'zh' },
        { term: 'brb', canonical: 'be right back' },
      ],
    });
  });

  it('reports every bad line with its line number', () => {
    const text = [
      '{"term":"pk","canonical":"battle"}',
      '{"term":"pk","canonical":"duel"}',
      '{"term":"pk","canonical":"对决","locale":"zh"}',
      '{"term":"","canonical":"x"}',
      '{"canonical":"x"}',
      '{"term":"a","canonical":"b","locale":"Chinese"}',
      'not json',
      '["term","canonical"]',
    ].join('\r\n');

    expect(parseSynonymsJsonl(text)).toEqual({
      ok: false,
      errors: [
        { line: 2, message: 'duplicate synonym "pk" (first on line 1)' },
        { line: 4, message: 'term: Too small: expected string to have >=1 characters' },
        { line: 5, message: 'term: missing' },
        { line: 6, message: 'locale: locale must look like "zh", "en" or "zh-TW"' },
        { line: 7, message: textMatching(/^invalid JSON: /) },
        { line: 8, message: textMatching(/^expected a JSON object/) },
      ],
    });
  });

  it('tells apart the same term in two locales but not twice in one', () => {
    const text = '{"term":"pk","canonical":"a","locale":"zh"}\n{"term":"pk","canonical":"b","locale":"zh"}\n';

    expect(parseSynonymsJsonl(text)).toEqual({
      ok: false,
      errors: [{ line: 2, message: 'duplicate synonym "pk@zh" (first on line 1)' }],
    });
  });

  it('refuses a file over the size limit', () => {
    expect(
      parseSynonymsJsonl('{"term":"a","canonical":"b"}\n'.repeat(5), { limits: { maxBytes: 50 } }),
    ).toEqual({
      ok: false,
      errors: [{ line: 0, message: 'the file is larger than 50 bytes; split it into smaller files' }],
    });
  });
});

describe('writeSynonymsJsonl', () => {
  it('round-trips synonyms through the import exactly', () => {
    const synonyms = [
      { term: 'yyds', canonical: '永远的神', locale: 'zh' },
      { term: 'brb', canonical: 'be "right" back' },
    ];

    const text = writeSynonymsJsonl(synonyms);

    expect(text).toBe(
      '{"term":"yyds","canonical":"永远的神","locale":"zh"}\n{"term":"brb","canonical":"be \\"right\\" back"}\n',
    );
    expect(parseSynonymsJsonl(text)).toEqual({ ok: true, synonyms });
  });
});
