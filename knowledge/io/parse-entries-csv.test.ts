import { describe, expect, it } from 'vitest';
import { textMatching } from '../../test/support/text-matching.js';
import type { Entry } from '../entry.js';
import { LivedeskError } from '../errors.js';
import { formatCsv } from './format-csv.js';
import { parseEntriesCsv } from './parse-entries-csv.js';
import { writeEntriesCsv } from './write-entries-csv.js';

const HEADER = 'id,locale,questions,answer,tags,enabled,room_id,streamer_id,valid_from,valid_until';

function entriesOf(text: string) {
  const result = parseEntriesCsv(text);
  if (!result.ok) throw new Error(`expected entries, got ${JSON.stringify(result.errors)}`);
  return result.entries;
}

function errorsOf(text: string, options?: Parameters<typeof parseEntriesCsv>[1]) {
  const result = parseEntriesCsv(text, options);
  if (result.ok) throw new Error(`expected errors, got ${result.entries.length} entries`);
  return result.errors;
}

describe('parseEntriesCsv', () => {
  it('reads a minimal file with only the required columns and detects the locale', () => {
    const text =
      'id,questions,answer\nrefund,"How do I get a refund?\nrefund please",Ask in chat.\ntuikuan,怎么退款,私信客服\n';

    expect(entriesOf(text)).toEqual([
      {
        id: 'refund',
        locale: 'en',
        questions: ['How do I get a refund?', 'refund please'],
        answer: 'Ask in chat.',
        translations: {},
        tags: [],
        enabled: true,
      },
      {
        id: 'tuikuan',
        locale: 'zh',
        questions: ['怎么退款'],
        answer: '私信客服',
        translations: {},
        tags: [],
        enabled: true,
      },
    ]);
  });

  it('reads every column, translations included', () => {
    const text = formatCsv([
      [...HEADER.split(','), 'questions@en', 'answer@en', 'questions@zh-TW', 'answer@zh-TW'],
      [
        'flash.ship',
        'zh',
        '秒杀什么时候发货\r\n闪购多久发货\n\n',
        '48 小时内发货，\n"节假日"顺延。',
        'shipping; flash-sale ;',
        'FALSE',
        'room-7',
        'streamer-3',
        '2025-11-11T00:00:00Z',
        '2025-11-12T00:00:00+08:00',
        'When do flash sale items ship?',
        'Within 48 hours.',
        '',
        '',
      ],
    ]);

    expect(entriesOf(text)).toEqual([
      {
        id: 'flash.ship',
        locale: 'zh',
        questions: ['秒杀什么时候发货', '闪购多久发货'],
        answer: '48 小时内发货，\n"节假日"顺延。',
        translations: { en: { questions: ['When do flash sale items ship?'], answer: 'Within 48 hours.' } },
        tags: ['shipping', 'flash-sale'],
        enabled: false,
        scope: {
          roomId: 'room-7',
          streamerId: 'streamer-3',
          validFrom: '2025-11-11T00:00:00Z',
          validUntil: '2025-11-12T00:00:00+08:00',
        },
      },
    ]);
  });

  it('takes column names in any order and case, ignoring columns it does not know', () => {
    const text = 'Notes,ANSWER, Questions ,Id,Enabled\nsee ticket 12,Tap gift,How to gift,gift,yes\n';

    expect(entriesOf(text)).toEqual([
      {
        id: 'gift',
        locale: 'en',
        questions: ['How to gift'],
        answer: 'Tap gift',
        translations: {},
        tags: [],
        enabled: true,
      },
    ]);
  });

  it('tolerates a byte order mark, CRLF and blank rows', () => {
    const text = '\uFEFFid,questions,answer\r\n\r\na,q1,x\r\n,,\r\nb,q2,y\r\n';

    expect(entriesOf(text).map((entry) => entry.id)).toEqual(['a', 'b']);
  });

  it('reports missing required columns on the header line', () => {
    expect(errorsOf('\n\nid,questions,tags\na,q,x\n')).toEqual([
      { line: 3, message: 'header: missing column: answer' },
    ]);
    expect(errorsOf('locale,tags\n')).toEqual([
      { line: 1, message: 'header: missing columns: id, questions, answer' },
    ]);
  });

  it('reports repeated, unpaired and badly named translation columns', () => {
    const header = 'id,questions,answer,ID,questions@en,answer@fr,questions@English,answer@English,tags@en';

    expect(errorsOf(`${header}\n`)[0]?.message).toBe(
      'header: column "id" appears twice; ' +
        'column "questions@English": "English" is not a locale like "en" or "zh-TW"; ' +
        'column "answer@English": "English" is not a locale like "en" or "zh-TW"; ' +
        'column "tags@en": only questions@<locale> and answer@<locale> may name a locale; ' +
        'column questions@en has no answer@en beside it; ' +
        'column answer@fr has no questions@fr beside it',
    );
  });

  it('reports every bad record at the line it starts on, naming the column', () => {
    const text = [
      'id,questions,answer,enabled,valid_from,valid_until,questions@en,answer@en',
      'ok,"first\nsecond",fine,,,,,',
      'no-questions,,an answer,,,,,',
      'no-answer,"multi\nline\nquestion",,,,,,',
      'bad-enabled,q,a,maybe,,,,',
      'bad-dates,q,a,,2025-02-01T00:00:00Z,2025-01-01T00:00:00Z,,',
      'half-translation,问题,a,,,,English question,',
      'not-a-date,q,a,,tomorrow,,,',
      'ok,q,duplicate,,,,,',
      'too,many,fields,,,,,,,',
      'too-few,q',
    ].join('\n');

    expect(errorsOf(text)).toEqual([
      { line: 4, message: 'questions: at least one question' },
      { line: 5, message: 'answer: answer may not be empty' },
      { line: 8, message: 'enabled: expected true or false, found "maybe"' },
      { line: 9, message: 'valid_from/valid_until: validFrom must be before validUntil' },
      { line: 10, message: 'answer@en: answer may not be empty' },
      { line: 11, message: textMatching(/^valid_from: /) },
      { line: 12, message: 'duplicate id "ok" (first on line 2)' },
      { line: 13, message: 'expected 8 fields like the header, found 10' },
      { line: 14, message: 'expected 8 fields like the header, found 2' },
    ]);
  });

  it('refuses a translation in the primary locale, detected or given', () => {
    const text = 'id,questions,answer,questions@en,answer@en\nsame,hello,hi,hello again,hi again\n';

    expect(errorsOf(text)).toEqual([
      { line: 2, message: 'translation columns: translations must not repeat the primary locale' },
    ]);
  });

  it('names the phrasing of a bad question and reports a bad enabled cell with the other problems', () => {
    const text = `id,questions,answer,enabled\nlong,"ok\n${'x'.repeat(501)}",,sometimes\n`;

    expect(errorsOf(text)).toEqual([
      {
        line: 2,
        message:
          'enabled: expected true or false, found "sometimes"; questions (phrasing 2): Too big: expected string to have <=500 characters; ' +
          'answer: answer may not be empty',
      },
    ]);
  });

  it('reports a broken quote together with the bad records before it', () => {
    const text = 'id,questions,answer\na,,x\nb,"q"oops,y\nc,q,z\nd,"never closed,w\n';

    expect(errorsOf(text)).toEqual([
      { line: 2, message: 'questions: at least one question' },
      { line: 3, message: textMatching('text after its closing quote') },
      { line: 5, message: 'a quoted field opened on line 5 is never closed' },
    ]);
  });

  it('refuses a file over the size limit and a record over the length limit', () => {
    expect(errorsOf('id,questions,answer\na,q,x\n', { limits: { maxBytes: 10 } })).toEqual([
      { line: 0, message: 'the file is larger than 10 bytes; split it into smaller files' },
    ]);
    expect(
      errorsOf(`id,questions,answer\na,q,${'x'.repeat(100)}\n`, { limits: { maxRecordChars: 50 } }),
    ).toEqual([{ line: 2, message: 'the record is 105 characters long; the limit is 50' }]);
  });

  it('accepts a file with a header and no rows, and an empty file', () => {
    expect(entriesOf('id,questions,answer\n')).toEqual([]);
    expect(entriesOf('')).toEqual([]);
  });
});

describe('writeEntriesCsv', () => {
  const entries: Entry[] = [
    {
      id: 'flash.ship',
      locale: 'zh',
      questions: ['秒杀什么时候发货', '闪购, "多久" 发货'],
      answer: '48 小时内发货，\r\n"节假日"顺延。',
      translations: {
        en: {
          questions: ['When do flash sale items ship?', 'ship time'],
          answer: 'Within 48 hours, usually.',
        },
        'zh-TW': { questions: ['秒殺什麼時候發貨'], answer: '48 小時內發貨。' },
      },
      tags: ['shipping', 'flash sale'],
      enabled: false,
      scope: { roomId: 'room,7', validFrom: '2025-11-11T00:00:00Z', validUntil: '2025-11-12T00:00:00+08:00' },
    },
    {
      id: 'plain',
      locale: 'en',
      questions: ['hi'],
      answer: 'hello',
      translations: {},
      tags: [],
      enabled: true,
    },
    {
      id: 'english-only-translation',
      locale: 'fr',
      questions: ['bonjour'],
      answer: 'salut',
      translations: { en: { questions: ['hello'], answer: 'hi' } },
      tags: [],
      enabled: true,
    },
  ];

  it('round-trips entries through the import exactly', () => {
    expect(entriesOf(writeEntriesCsv(entries))).toEqual(entries);
  });

  it('writes the documented columns, one pair per translation locale, behind a byte order mark', () => {
    const text = writeEntriesCsv(entries);

    expect(text.startsWith(`\uFEFF${HEADER},questions@en,answer@en,questions@zh-TW,answer@zh-TW\r\n`)).toBe(
      true,
    );
    expect(text).toContain('plain,en,hi,hello,,true,,,,,,,,\r\n');
    expect(writeEntriesCsv(entries, { byteOrderMark: false }).startsWith('id,')).toBe(true);
  });

  it('writes just the header for no entries', () => {
    expect(writeEntriesCsv([], { byteOrderMark: false })).toBe(`${HEADER}\r\n`);
  });

  it('refuses an entry CSV cannot hold rather than corrupting it', () => {
    const base = entries[1]!;
    const withBreak = { ...base, questions: ['two\nlines'] };
    const withSemicolon = { ...base, tags: ['a;b'] };

    expect(() => writeEntriesCsv([withBreak])).toThrow(LivedeskError);
    expect(() => writeEntriesCsv([withBreak])).toThrow(/line break/);
    expect(() => writeEntriesCsv([withSemicolon])).toThrow(/";"/);
  });
});
