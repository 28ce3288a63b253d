import { describe, expect, it } from 'vitest';
import { mayMatch, regexNeeds } from './regex-needs.js';

describe('what every match of a pattern needs', () => {
  it('needs a Latin letter when every alternative has one', () => {
    expect(regexNeeds(String.raw`\b(?:talk|speak)\s+to\s+(?:a\s+)?human\b`).latin).toBe(true);
    expect(regexNeeds(String.raw`^\W*(?:human|agent)\W*$`).latin).toBe(true);
    expect(regexNeeds('(?:人工|agent)').latin).toBe(false);
  });

  it('needs the most telling run of Han characters, or one of several', () => {
    expect(regexNeeds('人工(?:客服|服务)').han).toEqual(['人工']);
    expect(regexNeeds('(?:转|找)(?:一下)?(?:人工|真人)').han).toEqual(['人工', '真人']);
    expect(regexNeeds('(?<!你是)人工智能').han).toEqual(['人工智能']);
  });

  it('needs nothing of what may be left out, looked around or written as a class', () => {
    expect(regexNeeds('(?:人工)?客服?').han).toEqual(['客']);
    expect(regexNeeds('(?:人工)*服{0,2}').han).toBeUndefined();
    expect(regexNeeds('(?=人工)').han).toBeUndefined();
    expect(regexNeeds(String.raw`[a-z]+\p{Script=Han}`)).toEqual({ latin: false, han: undefined });
    expect(regexNeeds('连麦的?人?').han).toEqual(['连麦']);
  });

  it('needs nothing of a source it cannot read', () => {
    expect(regexNeeds('(unclosed')).toEqual({ latin: false, han: undefined });
    expect(regexNeeds(String.raw`\q`)).toEqual({ latin: false, han: undefined });
  });

  it('needs one of the literal Latin runs every match holds, in lower case', () => {
    expect(regexNeeds(String.raw`\b(?:stupid|dumb)\s+(?:bot|robot)\b`).latinRuns).toEqual(['stupid', 'dumb']);
    expect(regexNeeds(String.raw`\bnumber\s+i\s+can\s+(?:call|ring)\b`).latinRuns).toEqual(['number']);
    expect(regexNeeds(String.raw`\bCall\s+me`).latinRuns).toEqual(['call']);
    expect(regexNeeds(String.raw`\b(?:human|\w+bot)\b`).latinRuns).toEqual(['human', 'bot']);
    expect(regexNeeds(String.raw`\b(?:human|\d+)\b`).latinRuns).toBeUndefined();
    expect(regexNeeds('keeps?').latinRuns).toEqual(['keep']);
  });

  it('skips a text without the Latin runs only when given it in lower case', () => {
    const needs = regexNeeds(String.raw`\b(?:talk|speak)\s+to\s+a\s+human\b`);
    expect(mayMatch(needs, 'where is my order', true, 'where is my order')).toBe(false);
    expect(mayMatch(needs, 'talk to a human', true, 'talk to a human')).toBe(true);
    expect(mayMatch(needs, 'where is my order', true)).toBe(true);
    // "ſ" is an "s" to a case-insensitive scan, whatever lower-casing makes of it.
    expect(mayMatch(regexNeeds('stupid'), 'ſtupid', true, 'ſtupid')).toBe(true);
  });

  it('lets a text through only when it holds what the pattern needs', () => {
    const needs = regexNeeds('(?:转|找)(?:人工|真人)');
    expect(mayMatch(needs, '我要转人工', false)).toBe(true);
    expect(mayMatch(needs, '我要退款', false)).toBe(false);
    expect(mayMatch(regexNeeds(String.raw`\bhuman\b`), '我要人工', false)).toBe(false);
  });

  it('never skips a text the pattern matches', () => {
    const patterns = [
      String.raw`\b(?:i|we)(?:'d|\s+would)?\s+(?:want|need)\s+(?:a\s+)?(?:human|person)\b`,
      '有(?:活人|真人|人工|人)(?:吗|嘛)',
      String.raw`^[\s\p{P}\p{S}]*(?:人工|客服)[\s\p{P}\p{S}]*$`,
      String.raw`(?:孩子|儿子)[^。！？!?]{0,16}(?:充|打赏)`,
      String.raw`\bi(?:'m|\s+am)\s+(?:[1-9]|1[0-7])\b`,
    ];
    const texts = [
      'I would want a HUMAN',
      '有人吗',
      '  客服！',
      '儿子偷偷充了钱',
      "i'm 12",
      'ＫＦ',
      'ok',
      '',
    ];
    for (const pattern of patterns)
      for (const text of texts) {
        const matches = new RegExp(pattern, 'iu').test(text);
        if (matches)
          expect(mayMatch(regexNeeds(pattern), text, /[a-z]/iu.test(text)), `${pattern} ${text}`).toBe(true);
      }
  });
});
