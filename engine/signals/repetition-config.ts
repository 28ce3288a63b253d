import { z } from 'zod';
import { PatternSchema, PhraseSchema } from './phrase-list.js';

/** "It did not help", "that's not what I asked", "还是不行". */
// prettier-ignore
export const NOT_HELPED_PHRASES = [
  '没用', '没有用', '不管用', '没解决', '没有解决', '还没解决', '没能解决', '还是不行', '还是不能', '还是没', '还是一样', '还是老样子',
  '不是这个', '不是我问的', '答非所问', '我问的不是', '你没听懂', '听不懂吗', '说了等于没说', '等于没说', '废话', '又是这个', '又是这套',
  '别复制粘贴', '没帮助', '没帮上', '没什么帮助', '试过了', '已经试过', '都试了', '照做了', '按你说的做了', '不是这样', '一直这样',
  '复读机', '车轱辘话', '我都说了', '说了多少遍', '再说一遍', '重复一遍', '问了好几遍', '问了几遍', '又问',
  "didn't help", 'did not help', "doesn't help", 'does not help', 'not helpful', 'unhelpful', 'no help', 'still not working',
  "still doesn't work", 'still does not work', "still isn't working", "still won't", 'still broken', "still can't", 'still cannot',
  'still the same', 'still no', 'still not', "that's not what i asked", 'not what i asked', 'not my question',
  "you didn't answer", 'did not answer', "didn't answer my question", "you're not answering", 'not answering my question',
  'already tried', 'tried that already', 'i did that already', 'already did that', 'same answer', 'you already said that',
  'you keep saying', 'stop repeating', 'useless answer', "that doesn't answer", "doesn't answer", 'wrong answer',
  'not what i meant', "you're not listening", 'read my question', 'as i said', 'like i said', 'i already said', 'i already asked',
  'asking again', 'ask again', 'asked again', 'for the last time', 'one more time', 'how many times',
];

/** Masked first: everyday words that contain a phrase above. */
// prettier-ignore
export const NOT_HELPED_IGNORE = ['没用过', '没用完', '没用到', '没用上', '废话不多说', '还是没问题', '没有用过', 'no help needed', 'still not sure'];

export const RepetitionConfigSchema = z.object({
  /** A new message at least this similar (0..1) to an earlier one is the same question again. */
  minSimilarity: z.number().min(0).max(1).default(0.5),
  /** How many earlier viewer messages to compare with, latest first. */
  lookbackTurns: z.number().int().min(1).max(50).default(5),
  /** Messages with fewer letters/digits than this are not compared: "ok", "好的", "在吗". */
  minCharacters: z.number().int().min(1).max(50).default(4),
  notHelpedPhrases: z.array(PhraseSchema).default([...NOT_HELPED_PHRASES]),
  notHelpedPatterns: z.array(PatternSchema).default([]),
  ignore: z.array(PhraseSchema).default([...NOT_HELPED_IGNORE]),
});
export type RepetitionConfig = z.infer<typeof RepetitionConfigSchema>;
