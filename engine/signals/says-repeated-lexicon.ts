import type { CueLexiconInput } from './cue-lexicon.js';

/**
 * A message that says it repeats itself: "传了五次了", "有完没完", "I already gave you my order number three
 * times". Repetition the history shows is engine/signals/repetition.ts; this is what the viewer says.
 */
// prettier-ignore
export const SAYS_REPEATED_LEXICON: CueLexiconInput = {
  phrases: [
    '复制粘贴', '有完没完', '又让我等', '也是这么说的', '每次都这么说', '同样的话', '一样的话', '车轱辘话',
    'copy paste', 'copy-paste', 'same script', 'same reply', 'same canned',
  ],
  patterns: [
    '(?:[二三四五六七八九十两几]|[0-9]+)(?:次|遍)了',
    '(?:已经)?(?:给|发|传|说|问|提供|提交)(?:过|了)[^。！？!?]{0,12}(?:[二三四五六七八九十两几好]|[0-9]+)(?:次|遍)',
    "\\b(?:\\d+|two|three|four|five|six|several|many|multiple|a\\s+dozen)\\s+times\\s+(?:already|now)\\b",
    "\\b(?:already|now)\\b[^.!?]{0,40}\\b(?:\\d+|two|three|four|five|six|several|multiple)\\s+times\\b",
    '\\bagain\\s*:[\\s\\S]{0,120}\\bagain\\s*:',
  ],
};
