import { describe, expect, it } from 'vitest';
import { compilePhrases, longestHits, maskHits, PatternSchema, PhraseSchema } from './phrase-list.js';

const texts = (phrases: string[], folded: string, patterns: string[] = []) =>
  compilePhrases(phrases, patterns)
    .findAll(folded)
    .map((hit) => hit.text);

describe('phrase lists', () => {
  it('matches English phrases only as whole words', () => {
    expect(texts(['mad'], 'i made it')).toEqual([]);
    expect(texts(['mad'], "i'm so mad!")).toEqual(['mad']);
    expect(texts(['hell'], 'hello there')).toEqual([]);
  });

  it('finds pinyin abbreviations right next to Han characters', () => {
    expect(texts(['tmd'], '你tmd什么意思')).toEqual(['tmd']);
  });

  it('matches Chinese phrases anywhere in the text', () => {
    expect(texts(['垃圾'], '你们这个垃圾平台')).toEqual(['垃圾']);
  });

  it('takes any ending after a trailing star but reads a star inside a phrase literally', () => {
    expect(texts(['fuck*'], 'fucking hell')).toEqual(['fucking']);
    expect(texts(['f**k'], 'f**k this')).toEqual(['f**k']);
  });

  it('lets one space in a phrase match any run of whitespace', () => {
    expect(texts(['talk to someone'], 'talk   to\nsomeone')).toEqual(['talk   to\nsomeone']);
  });

  it('prefers the longest phrase where several start at the same place', () => {
    expect(texts(['他妈', '他妈的'], '他妈的')).toEqual(['他妈的']);
  });

  it('runs configured patterns alongside phrases', () => {
    expect(texts(['退钱'], '破手机，退钱', ['破(?:手机|电脑)'])).toEqual(['退钱', '破手机']);
  });

  it('blanks masked stretches without moving anything else', () => {
    const masked = maskHits('垃圾分类和垃圾', compilePhrases(['垃圾分类']));
    expect(masked).toBe('____和垃圾');
    expect(texts(['垃圾'], masked)).toEqual(['垃圾']);
  });

  it('keeps the longest of overlapping hits', () => {
    const hits = compilePhrases([], ['你是机器人吧', '是机器人吧']).findAll('你是机器人吧');
    expect(longestHits(hits).map((hit) => hit.text)).toEqual(['你是机器人吧']);
  });

  it('finds in a text of one script what the whole list finds, phrases of the other left out', () => {
    // "abc" is left out of the scan of a text without Latin letters; its kind of edge still comes first.
    expect(texts(['abc', '3你', '3你好3'], '3你好3')).toEqual(['3你好3']);
    expect(texts(['垃圾', 'trash'], 'trash talk')).toEqual(['trash']);
    expect(texts(['垃圾', 'trash'], '垃圾')).toEqual(['垃圾']);
    expect(texts([], '我要人工', ['(?:转|要)人工', String.raw`\bhuman\b`])).toEqual(['要人工']);
  });

  it('rejects a configured pattern that is not a regular expression', () => {
    expect(PatternSchema.safeParse('(unclosed').success).toBe(false);
    expect(PatternSchema.safeParse('破(?:手机)').success).toBe(true);
    expect(PhraseSchema.safeParse('   ').success).toBe(false);
  });
});
