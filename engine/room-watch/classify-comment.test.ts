import { describe, expect, it } from 'vitest';
import { createCommentClassifier } from './classify-comment.js';
import { DEFAULT_COMMENT_RULES } from './comment-rules.js';
import { compactDigits, foldDanmakuText } from './fold-danmaku-text.js';

const classifier = createCommentClassifier({ rules: DEFAULT_COMMENT_RULES });
const kindsOf = (text: string) => classifier.classify(text).map((finding) => finding.kind);

describe('danmaku text folding', () => {
  it('spells contact solicitations one way however they are disguised', () => {
    expect(foldDanmakuText('➕V')).toBe('加v');
    expect(foldDanmakuText('jia v')).toBe('加 v');
    expect(foldDanmakuText('加威信')).toBe('加微信');
    expect(foldDanmakuText('扣扣')).toBe('qq');
  });

  it('reads spelled-out and spaced numbers as digits, but leaves words with numerals alone', () => {
    expect(compactDigits(foldDanmakuText('幺三八 一二三四 五六七八'))).toBe('13812345678');
    expect(compactDigits('等我一下')).toBe('等我一下');
  });
});

describe('one comment', () => {
  it('finds ads however the contact is spelled', () => {
    for (const text of [
      '加V看主页',
      '➕v：abc12345',
      'jia v 私聊领红包',
      '联系 138 1234 5678',
      'dm me for cheap coins',
    ])
      expect(kindsOf(text), text).toEqual(['ad']);
  });

  it('finds abuse aimed at someone, but not swearing in surprise', () => {
    expect(kindsOf('主播是个废物')).toEqual(['abuse']);
    expect(kindsOf('fuck you streamer')).toEqual(['abuse']);
    expect(kindsOf('卧槽好厉害')).toEqual([]);
    expect(kindsOf('damn that was a good play')).toEqual([]);
  });

  it('finds disputes, minors and threats', () => {
    expect(kindsOf('主播骗人！')).toEqual(['dispute']);
    expect(kindsOf('我才13岁')).toEqual(['minor']);
    expect(kindsOf('用我妈的卡刷的')).toEqual(['minor']);
    expect(kindsOf('我知道你家住哪')).toEqual(['threat']);
  });

  it('leaves cheering, questions and adult ages alone', () => {
    for (const text of [
      '666666',
      '主播好美',
      '这首歌叫什么',
      '三十岁了还在看',
      'what game is this',
      'i am 25',
    ])
      expect(kindsOf(text), text).toEqual([]);
  });
});
