import { describe, expect, it } from 'vitest';
import { EvalCaseSchema } from './eval-case.js';
import { PairCaseSchema } from './pair-case.js';
import { parseJsonLines } from './parse-json-lines.js';

describe('parseJsonLines', () => {
  it('reads cases, ignoring blank lines and fields it does not know', () => {
    const text =
      '\uFEFF{"text":"where is my order","expected":"order","kind":"paraphrase"}\r\n\n{"text":"hi","expected":null,"escalate":false,"locale":"en"}\n';

    expect(parseJsonLines(text, EvalCaseSchema, 'cases.jsonl')).toEqual([
      { text: 'where is my order', expected: 'order' },
      { text: 'hi', expected: null, escalate: false, locale: 'en' },
    ]);
  });

  it('stops at the first malformed line and names it', () => {
    const notJson = '{"text":"a","expected":null}\n\n{"text": "b", "expected":\n{"text":"c"}';
    const missingExpected = '{"text":"a","expected":null}\n{"text":"b"}';
    const wrongType = '{"text":"a","expected":null}\n\n\n["text"]';

    expect(() => parseJsonLines(notJson, EvalCaseSchema, 'cases.jsonl')).toThrow(
      'cases.jsonl line 3: not valid JSON',
    );
    expect(() => parseJsonLines(missingExpected, EvalCaseSchema, 'cases.jsonl')).toThrow(
      'cases.jsonl line 2: expected: missing',
    );
    expect(() => parseJsonLines(wrongType, EvalCaseSchema, 'cases.jsonl')).toThrow(
      'cases.jsonl line 4: expected a JSON object',
    );
    expect(() => parseJsonLines('{"a":"x","b":"y","same":"yes"}', PairCaseSchema, 'pairs.jsonl')).toThrow(
      /pairs.jsonl line 1: same:/,
    );
  });

  it('refuses an oversized line with its number', () => {
    const huge = `{"text":"${'a'.repeat(1024 * 1024)}","expected":null}`;

    expect(() =>
      parseJsonLines(`{"text":"a","expected":null}\n${huge}`, EvalCaseSchema, 'cases.jsonl'),
    ).toThrow('cases.jsonl line 2: longer than 1048576 characters');
  });

  it('refuses an empty file rather than scoring nothing', () => {
    expect(() => parseJsonLines('\n\n', EvalCaseSchema, 'cases.jsonl')).toThrow('cases.jsonl: no records');
  });
});
