import { describe, expect, it } from 'vitest';
import { textMatching } from '../../test/support/text-matching.js';
import { formatCsv } from './format-csv.js';
import { parseCsv } from './parse-csv.js';

const fieldsOf = (text: string) => parseCsv(text).records.map((record) => record.fields);

describe('parseCsv', () => {
  it('splits records and fields', () => {
    expect(fieldsOf('a,b,c\n1,2,3\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
  });

  it('reads the last record without a final line break', () => {
    expect(fieldsOf('a,b\n1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('keeps empty fields, including a trailing one', () => {
    expect(fieldsOf('a,,c,\n')).toEqual([['a', '', 'c', '']]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    expect(fieldsOf('"a, b","say ""hi""","line 1\nline 2\r\nline 3",""\n')).toEqual([
      ['a, b', 'say "hi"', 'line 1\nline 2\r\nline 3', ''],
    ]);
  });

  it('reads CRLF record endings and keeps a lone CR as text', () => {
    expect(fieldsOf('a,b\r\n1,2\r\nx\ry,z\r\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['x\ry', 'z'],
    ]);
  });

  it('drops a UTF-8 byte order mark before the first field', () => {
    expect(fieldsOf('\uFEFFid,answer\n')).toEqual([['id', 'answer']]);
    expect(fieldsOf('\uFEFF"id",answer\n')).toEqual([['id', 'answer']]);
  });

  it('keeps spaces around fields as they are', () => {
    expect(fieldsOf(' a , b \n')).toEqual([[' a ', ' b ']]);
  });

  it('keeps a quote inside an unquoted field as text', () => {
    expect(fieldsOf('5" screen,ok\n')).toEqual([['5" screen', 'ok']]);
  });

  it('skips blank lines and rows of empty fields', () => {
    expect(fieldsOf('a,b\n\n,\n"",""\r\n\r\n1,2\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('numbers each record by the line it starts on', () => {
    const { records } = parseCsv('h1,h2\n"multi\nline\ncell",x\n\nlast,row\n');

    expect(records.map((record) => record.line)).toEqual([1, 2, 6]);
  });

  it('reports text after a closing quote and carries on with the next line', () => {
    const { records, errors } = parseCsv('a,b\n"x"y,z\nok,fine\n"p" ,q\n');

    expect(errors).toEqual([
      {
        line: 2,
        message: 'field 1 has text after its closing quote; a quote inside a quoted field is written ""',
      },
      { line: 4, message: textMatching('field 1 has text after its closing quote') },
    ]);
    expect(records.map((record) => record.fields)).toEqual([
      ['a', 'b'],
      ['ok', 'fine'],
    ]);
  });

  it('reports a quote that is never closed at the line where it opened', () => {
    const { records, errors } = parseCsv('a,b\n1,2\n3,"never\nclosed\n4,5\n');

    expect(errors).toEqual([{ line: 3, message: 'a quoted field opened on line 3 is never closed' }]);
    expect(records).toHaveLength(2);
  });

  it('refuses a record longer than the limit and reads the rest', () => {
    const { records, errors } = parseCsv(`a,b\n"${'x'.repeat(50)}",y\nc,d\n`, { maxRecordChars: 20 });

    expect(errors).toEqual([{ line: 2, message: 'the record is 55 characters long; the limit is 20' }]);
    expect(records.map((record) => record.fields)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('reads nothing from an empty text', () => {
    expect(parseCsv('')).toEqual({ records: [], errors: [] });
    expect(parseCsv('\uFEFF')).toEqual({ records: [], errors: [] });
  });
});

describe('formatCsv', () => {
  it('quotes only the fields that need it and ends records with CRLF', () => {
    expect(formatCsv([['plain', 'with,comma', 'with "quote"', 'two\nlines', ' spaced ', '']])).toBe(
      'plain,"with,comma","with ""quote""","two\nlines", spaced ,\r\n',
    );
  });

  it('writes what parseCsv reads back unchanged', () => {
    const rows = [
      ['id', 'text'],
      ['1', 'a "b", c\r\nd\n'],
      ['2', '退款,"快"'],
      ['', 'only second'],
    ];

    expect(fieldsOf(formatCsv(rows))).toEqual(rows);
  });
});
