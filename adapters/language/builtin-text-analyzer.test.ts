import { describe, expect, it } from 'vitest';
import { createBuiltinTextAnalyzer } from './builtin-text-analyzer.js';

describe('builtin text analyzer', () => {
  const analyzer = createBuiltinTextAnalyzer({
    synonyms: [
      { term: 'zb', canonical: '主播', locale: 'zh' },
      { term: 'cz', canonical: '充值', locale: 'zh' },
      { term: 'pwd', canonical: 'password' },
    ],
  });

  it('folds width, case, stretched letters, emoji and markup', () => {
    expect(analyzer.analyze('ＨＥＬＬＯＯＯＯ😀 <b>World</b>！！').normalized).toBe('helloo world !!');
  });

  it('converts Traditional to Simplified Chinese at the phrase level, Taiwan wording included', () => {
    expect(analyzer.analyze('儲值沒到帳').normalized).toBe('储值没到账');
    expect(analyzer.analyze('帳號被封了').normalized).toBe('账号被封了');
    expect(analyzer.analyze('軟體一直閃退').normalized).toBe('软件一直闪退');
    // 帐 stays where it means a tent or a curtain.
    expect(analyzer.analyze('蚊帳').normalized).toBe('蚊帐');
  });

  it('rewrites slang to the canonical word, Latin terms only as whole words', () => {
    expect(analyzer.analyze('zb怎么cz').normalized).toBe('主播怎么充值');
    expect(analyzer.analyze('forgot my pwd').normalized).toBe('forgot my password');
    expect(analyzer.analyze('czech pwds').normalized).toBe('czech pwds');
  });

  it('takes a canonical with spaces as separate words, instead of failing to load any', () => {
    const spaced = createBuiltinTextAnalyzer({
      synonyms: [{ term: 'tksq', canonical: '退款 申请', locale: 'zh' }],
    });
    expect(spaced.analyze('怎么tksq').normalized).toBe('怎么退款 申请');
    expect(spaced.analyze('怎么退款申请').terms).toEqual(expect.arrayContaining(['退款', '申请']));
  });

  it('stems English words and drops stop words from terms', () => {
    expect(analyzer.analyze('Refunding the charges').terms).toEqual(['refund', 'charg']);
  });

  it('segments Chinese into words and gives each its sound', () => {
    const analyzed = analyzer.analyze('主播怎么充值');
    expect(analyzed.terms).toEqual(['主播', '充值']);
    expect(analyzed.features.has('y:chongzhi')).toBe(true);
    expect(analyzer.analyze('冲值').features.has('y:chongzhi')).toBe(true);
  });

  it('keeps digits and Han characters in separate runs', () => {
    expect(analyzer.analyze('7天无理由退货').terms).toContain('退货');
  });

  it('tells Chinese from English by script, also in mixed text', () => {
    expect(analyzer.analyze('zb 什么时候下播').language).toBe('zh');
    expect(analyzer.analyze('my 充值 failed again today').language).toBe('en');
  });

  it.each([
    ['empty', ''],
    ['control characters', '\u0000\u0001\u0007\u001b'],
    ['binary', String.fromCharCode(...Array.from({ length: 256 }, (_, code) => code))],
    ['emoji only', '😀😀😀🔥'],
    ['lone surrogates', '\ud800\udfff\ud800'],
    ['enormous', '充值'.repeat(100_000)],
  ])('never throws on %s input', (_, text) => {
    const analyzed = analyzer.analyze(text);
    expect(analyzed.normalized.length).toBeLessThanOrEqual(1000);
  });
});
