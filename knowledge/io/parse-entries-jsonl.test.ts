import { describe, expect, it } from 'vitest';
import { textMatching } from '../../test/support/text-matching.js';
import type { Entry } from '../entry.js';
import { parseEntriesJsonl } from './parse-entries-jsonl.js';
import { writeEntriesJsonl } from './write-entries-jsonl.js';

const line = (value: unknown) => JSON.stringify(value);
const plain = (id: string) => ({ id, questions: [`what is ${id}?`], answer: `${id} is a thing.` });

function errorsOf(text: string, limits?: Parameters<typeof parseEntriesJsonl>[1]) {
  const result = parseEntriesJsonl(text, limits);
  if (result.ok) throw new Error(`expected errors, got ${result.entries.length} entries`);
  return result.errors;
}

function entriesOf(text: string) {
  const result = parseEntriesJsonl(text);
  if (!result.ok) throw new Error(`expected entries, got ${JSON.stringify(result.errors)}`);
  return result.entries;
}

describe('parseEntriesJsonl', () => {
  it('reads the plain eval-data shape and fills in the defaults', () => {
    expect(entriesOf(`${line(plain('refund'))}\n`)).toEqual([
      { ...plain('refund'), locale: 'en', translations: {}, tags: [], enabled: true },
    ]);
  });

  it('reads the multi-locale shape with every field', () => {
    const full = {
      id: 'gift',
      locale: 'zh-TW',
      questions: ['怎麼送禮物'],
      answer: '點擊禮物按鈕。',
      translations: { en: { questions: ['How do I send a gift?'], answer: 'Tap the gift button.' } },
      tags: ['gifts'],
      enabled: false,
      scope: { roomId: 'room-1', validFrom: '2025-01-01T00:00:00Z', validUntil: '2025-02-01T00:00:00Z' },
    };

    expect(entriesOf(line(full))).toEqual([full]);
  });

  it('detects Chinese when the locale is missing and keeps an explicit locale as given', () => {
    const entries = entriesOf(
      [
        line({ id: 'a', questions: ['怎么退款', '把 Bob 的歌加到列表'], answer: 'Refunds' }),
        line({ id: 'b', questions: ['how do refunds work'], answer: '退款' }),
        line({ id: 'c', questions: ['怎么退款'], answer: 'x', locale: 'en' }),
      ].join('\n'),
    );

    expect(entries.map((entry) => entry.locale)).toEqual(['zh', 'en', 'en']);
  });

  it('ignores fields it does not know, at the top and inside the scope', () => {
    const [entry] = entriesOf(line({ ...plain('a'), source: 'clinc', scope: { roomId: 'r', color: 'red' } }));

    expect(entry).not.toHaveProperty('source');
    expect(entry?.scope).toEqual({ roomId: 'r' });
  });

  it('trims questions and answers', () => {
    const [entry] = entriesOf(line({ id: 'a', questions: ['  hi  '], answer: ' there \n' }));

    expect(entry).toMatchObject({ questions: ['hi'], answer: 'there' });
  });

  it('skips blank lines and counts them in line numbers', () => {
    const text = ['', line(plain('a')), '   ', '\t', line({ id: 'b' }), ''].join('\n');

    expect(errorsOf(text)).toEqual([{ line: 5, message: 'questions: missing; answer: missing' }]);
  });

  it('accepts an empty file as no entries', () => {
    expect(entriesOf('')).toEqual([]);
    expect(entriesOf('\n\n')).toEqual([]);
  });

  it('reports every bad line with its line number, not just the first', () => {
    const text = [
      line(plain('ok-1')),
      '{"id": "broken", "questions": ["x"]',
      line({ id: 'no-answer', questions: ['q'] }),
      line({ id: 'empty-questions', questions: [], answer: 'a' }),
      line(plain('ok-2')),
      line({ id: 'wrong-types', questions: 'just a string', answer: 42, tags: 'x', enabled: 'yes' }),
      line(plain('ok-1')),
      line({ id: 'bad id!', questions: ['  '], answer: 'a' }),
    ].join('\n');

    expect(errorsOf(text)).toEqual([
      { line: 2, message: textMatching(/^invalid JSON: .*column/) },
      { line: 3, message: 'answer: missing' },
      { line: 4, message: 'questions: at least one question' },
      {
        line: 6,
        message:
          'questions: Invalid input: expected array, received string; answer: Invalid input: expected string, received number; ' +
          'tags: Invalid input: expected array, received string; enabled: Invalid input: expected boolean, received string',
      },
      { line: 7, message: 'duplicate id "ok-1" (first on line 1)' },
      { line: 8, message: textMatching(/^id: [^;]+; questions\[0\]: a question may not be empty$/) },
    ]);
  });

  it('names the path of an error inside a translation', () => {
    const text = line({
      ...plain('a'),
      locale: 'en',
      translations: { zh: { questions: ['好'], answer: '' }, EN: { questions: ['x'], answer: 'y' } },
    });

    expect(errorsOf(text)).toEqual([
      {
        line: 1,
        message: textMatching(
          /translations\.zh\.answer: answer may not be empty.*translations\.EN: invalid key: locale must look like/,
        ),
      },
    ]);
  });

  it('refuses a line that is JSON but not an object', () => {
    const text = ['[1, 2]', '"just text"', 'null', '42'].join('\n');

    expect(
      errorsOf(text).map((error) => [error.line, error.message.startsWith('expected a JSON object')]),
    ).toEqual([
      [1, true],
      [2, true],
      [3, true],
      [4, true],
    ]);
  });

  it('reports a line of binary garbage without echoing control characters', () => {
    const garbage = String.fromCharCode(0, 1, 2, 0xfffd, 27, 0x7f) + 'PK\u0003\u0004';
    const [error] = errorsOf(`${line(plain('a'))}\n${garbage}\n`);

    expect(error?.line).toBe(2);
    expect(error?.message).toMatch(/^invalid JSON: /);
    expect(error?.message).not.toMatch(/[\u0000-\u001f\u007f\ufffd]/);
  });

  it('refuses an enormous line with its length and still reads the others', () => {
    const huge = line({ ...plain('huge'), answer: 'x'.repeat(2_000_000) });
    const errors = errorsOf([line({ id: 'bad' }), huge, line(plain('ok'))].join('\n'));

    expect(errors).toEqual([
      { line: 1, message: 'questions: missing; answer: missing' },
      {
        line: 2,
        message: textMatching(/^the line is 2,000,0\d\d characters long; the limit is 1,048,576$/),
      },
    ]);
  });

  it('refuses a file over the size limit as a whole', () => {
    const text = `${line(plain('a'))}\n`.repeat(10);

    expect(errorsOf(text, { limits: { maxBytes: 100 } })).toEqual([
      { line: 0, message: 'the file is larger than 100 bytes; split it into smaller files' },
    ]);
  });

  it('refuses a file over 50 MiB by default', () => {
    const text = ' '.repeat(50 * 1024 * 1024 + 1);

    expect(errorsOf(text)).toEqual([
      { line: 0, message: 'the file is larger than 50 MiB; split it into smaller files' },
    ]);
  });

  it('counts multi-byte characters in bytes against the size limit', () => {
    const text = line({ id: 'a', questions: ['好'.repeat(30)], answer: '好' });

    expect(text.length).toBeLessThan(100);
    expect(errorsOf(text, { limits: { maxBytes: 100 } })[0]?.line).toBe(0);
  });

  it('stops after the error cap and says so', () => {
    const text = 'nope\n'.repeat(20);
    const errors = errorsOf(text, { limits: { maxErrors: 5 } });

    expect(errors).toHaveLength(6);
    expect(errors.slice(0, 5).map((error) => error.line)).toEqual([1, 2, 3, 4, 5]);
    expect(errors[5]?.message).toMatch(/^too many errors: stopped after 5/);
  });

  it('reads CRLF line endings and a UTF-8 byte order mark', () => {
    const text = `\uFEFF${line(plain('a'))}\r\n${line(plain('b'))}\r\n\r\n{"id":\r\n`;

    expect(errorsOf(text)).toEqual([{ line: 4, message: textMatching(/^invalid JSON/) }]);
    expect(
      entriesOf(`\uFEFF${line(plain('a'))}\r\n${line(plain('b'))}\r\n`).map((entry) => entry.id),
    ).toEqual(['a', 'b']);
  });

  it('keeps a CR inside a JSON string', () => {
    const [entry] = entriesOf(line({ id: 'a', questions: ['q'], answer: 'first\r\nsecond' }));

    expect(entry?.answer).toBe('first\r\nsecond');
  });
});

describe('writeEntriesJsonl', () => {
  const entries: Entry[] = [
    {
      id: 'full',
      locale: 'zh',
      questions: ['怎么退款', '退款要多久'],
      answer: '三天内退款。\n有问题请联系客服。',
      translations: {
        'zh-TW': { questions: ['怎麼退款'], answer: '三天內退款。' },
        en: { questions: ['How do refunds work?'], answer: 'Within three days.' },
      },
      tags: ['refund', 'money'],
      enabled: false,
      scope: { streamerId: 's-1', roomId: 'r-1', validUntil: '2030-01-01T00:00:00.000Z' },
    },
    {
      id: 'plain',
      locale: 'en',
      questions: ['"quoted", with commas'],
      answer: 'a\\b',
      translations: {},
      tags: [],
      enabled: true,
    },
  ];

  it('round-trips entries through the import exactly', () => {
    expect(entriesOf(writeEntriesJsonl(entries))).toEqual(entries);
  });

  it('writes one entry per line in a fixed key order, leaving defaults out', () => {
    const lines = writeEntriesJsonl(entries).split('\n');

    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(Object.keys(JSON.parse(lines[0]!) as object)).toEqual([
      'id',
      'locale',
      'questions',
      'answer',
      'translations',
      'tags',
      'enabled',
      'scope',
    ]);
    expect(lines[0]).toContain(
      '"translations":{"en":{"questions":["How do refunds work?"],"answer":"Within three days."},"zh-TW"',
    );
    expect(lines[0]).toContain(
      '"scope":{"roomId":"r-1","streamerId":"s-1","validUntil":"2030-01-01T00:00:00.000Z"}',
    );
    expect(lines[1]).toBe(
      '{"id":"plain","locale":"en","questions":["\\"quoted\\", with commas"],"answer":"a\\\\b"}',
    );
  });

  it('writes the same text for equal entries built in a different key order', () => {
    const reordered = entries.map((entry) => Object.fromEntries(Object.entries(entry).reverse()) as Entry);

    expect(writeEntriesJsonl(reordered)).toBe(writeEntriesJsonl(entries));
  });

  it('writes nothing for no entries', () => {
    expect(writeEntriesJsonl([])).toBe('');
  });
});
