import { describe, expect, it } from 'vitest';
import { createCrossLingualPhrasing } from './cross-lingual-phrasing.js';

const TABLE = new Map<string, readonly string[]>([
  ['充值', ['recharg', 'top']],
  ['储值', ['store', 'valu']],
  ['金币', ['gold', 'coin']],
  ['硬币', ['coin']],
  ['泉币', ['coin', 'ancient']],
  ['退货', ['return', 'merchandis']],
]);

const render = createCrossLingualPhrasing({
  table: TABLE,
  curatedWords: new Set(['储值']),
  segmentChinese: (text) => text.match(/充值|储值|金币|硬币|退货|怎么|./gu) ?? [],
  stemEnglish: (word) => word.replace(/(?:ing|s)$/, ''),
  glossesOf: (word) => TABLE.get(word) ?? [],
  wordFrequency: (word) => ({ 硬币: 500, 泉币: 2, 退货: 300 })[word] ?? 0,
});

describe('cross-lingual phrasings', () => {
  it('renders Chinese as the English stems of its words, skipping stopwords', () => {
    expect(render('怎么充值金币', 'en')).toBe('recharg top gold coin');
  });

  it('renders English as the common Chinese words that gloss as each stem first', () => {
    // 硬币 is the everyday word, so it comes before 泉币 (an ancient coin); 金币 glosses as gold first.
    expect(render('the coins', 'zh')).toBe('硬币泉币');
    expect(render('return it', 'zh')).toBe('退货');
  });

  it('prefers curated words and has nothing to say when no word has a gloss', () => {
    expect(render('store', 'zh')).toBe('储值');
    expect(render('the of', 'zh')).toBeUndefined();
    expect(render('。。', 'en')).toBeUndefined();
  });
});
