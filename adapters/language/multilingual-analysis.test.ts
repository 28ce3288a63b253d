import { describe, expect, it } from 'vitest';
import { createBuiltinTextAnalyzer } from './builtin-text-analyzer.js';

describe('builtin text analyzer beyond Chinese and English', () => {
  const analyzer = createBuiltinTextAnalyzer();
  const keys = (text: string) => [...analyzer.analyze(text).features.keys()];

  it('tells the matching language by script', () => {
    expect(analyzer.analyze('アラームを設定して').language).toBe('ja');
    expect(analyzer.analyze('明日の天気は？').language).toBe('ja');
    expect(analyzer.analyze('충전했는데 코인이 안 들어왔어요').language).toBe('ko');
    expect(analyzer.analyze('เติมเงินแล้วเหรียญไม่เข้า').language).toBe('th');
    expect(analyzer.analyze('أضف Armen Movsessian لقائمة تشغيل this is skepta').language).toBe('ar');
    expect(analyzer.analyze('¿Cómo recargo monedas?').language).toBe('en');
    expect(analyzer.analyze('主播什么时候开播').language).toBe('zh');
  });

  it('reads Japanese kanji as Chinese words and kana runs as words with character n-grams', () => {
    // Kanji go through the same Traditional-to-Simplified folding as Chinese (設定 → 设置), on both sides.
    const analyzed = analyzer.analyze('アラームを設定');
    expect(analyzed.terms).toEqual(['アラームを', '设置']);
    expect(keys('アラームを設定')).toEqual(expect.arrayContaining(['c:アラー', 'h:设置', 'z:设置']));
    expect(analyzer.analyze('明日のアラームを設定する').terms).toEqual(expect.arrayContaining(['设置']));
  });

  it('segments Thai into dictionary words (ICU) and keeps character n-grams', () => {
    const analyzed = analyzer.analyze('ตั้งนาฬิกาปลุก');
    expect(analyzed.terms).toEqual(['ตั้ง', 'นาฬิกา', 'ปลุก']);
    expect(keys('ตั้งนาฬิกาปลุก')).toContain('h:นาฬ');
  });

  it('strips Korean particles so 코인이 and 코인을 share a word, with syllable pairs beside', () => {
    expect(analyzer.analyze('코인이').terms).toEqual(['코인']);
    expect(analyzer.analyze('코인을 충전').terms).toEqual(['코인', '충전']);
    expect(keys('코인이')).toEqual(expect.arrayContaining(['w:코인', 'h:코인', 'h:인이', 'h:코']));
  });

  it('normalises Arabic spelling and strips the article and attached letters', () => {
    // Diacritics and tatweel go, hamza-alef becomes bare alef, taa marbuta becomes haa.
    expect(analyzer.analyze('أُضِيفُ القائمـــة').normalized).toBe('اضيف القايمه');
    expect(analyzer.analyze('والقائمة').terms).toEqual(analyzer.analyze('قائمة').terms);
    expect(analyzer.analyze('بالقائمة').terms).toEqual(['قايم']);
  });

  it('keeps a diacritics-free view of Vietnamese words beside the exact one', () => {
    const marked = analyzer.analyze('nạp tiền');
    expect(marked.terms).toEqual(expect.arrayContaining(['nạp', 'nap', 'tiền', 'tien']));
    expect(keys('nạp tiền')).toEqual(expect.arrayContaining(['f:nap', 'f:tien']));
    // Text typed without marks meets the folded view.
    expect(analyzer.analyze('nap tien').terms).toEqual(['nap', 'tien']);
  });

  it('leaves accented Latin words of other languages whole (folding them measured worse)', () => {
    expect(keys('Größe ändern').some((key) => key.startsWith('f:'))).toBe(false);
  });
});
