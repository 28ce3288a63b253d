import { compilePhrases, type PhraseMatcher } from './phrase-list.js';
import type { SignalText } from './signal-text.js';

// Praise that is rarely meant when something went wrong; plain "amazing" or "wow" alone is too often sincere.
// prettier-ignore
const PRAISE = [
  'great job', 'good job', 'nice job', 'well done', 'bravo', 'real classy', 'so classy', 'very classy', 'thanks a lot',
  'thanks for nothing', 'genius', 'what a service', 'great service', 'just great', 'oh great', 'wow great', 'wow thanks',
  'love that for me', 'brilliant job', 'nice work', 'stellar job', 'top notch service',
  '真棒', '太棒了', '真是太棒了', '好样的', '厉害了', '可真行', '真行啊', '佩服佩服', '谢谢你们哦', '服务真好', '真贴心', '呵呵',
  '真是服了', '绝了', '优秀啊', '真是贴心', '贴心呢', '恭喜你们', '谢谢啊', '真是谢谢', '太感谢了呢', 'oh fantastic',
  'really appreciate', 'so helpful', 'very helpful',
  '效率真高', '效率好高', '不愧是', '好贴心', '五星好评', '真厉害', '太厉害了', '服务真周到', '真是高效',
  'love how', 'great feature', 'must be the fastest', 'amazing service', 'exactly what i needed', 'best app ever',
  'thanks so much', 'really fair', 'oh cool', 'so fast', 'super fast', 'what a great',
  'stellar', 'truly impressive', 'so impressive', 'amazing job', '太感谢了', '厉害了我的', '真会玩',
];

/** Praise that is sarcastic whatever follows: nobody thanks anyone "for nothing". */
// prettier-ignore
const ALWAYS_SARCASTIC = [
  'thanks for nothing', 'love that for me', 'real classy', 'slow clap', 'thanks for the copy paste', 'what a joke',
  '谢谢你们全家', '服务真是一流啊', '真会做生意',
  '这就是你们说的', "that's what you call", 'so this is your',
];

// prettier-ignore
const COMPLAINT = [
  'charged', 'charge me', 'twice', 'double', 'never arrived', "didn't arrive", 'did not arrive', 'missing', 'lost my',
  'broken', 'crashed', 'scam', 'stole', 'took my money', 'no refund', 'still waiting', 'third time', 'refund', 'banned',
  'deducted', 'not working', "doesn't work", 'nobody answered', 'no one answered', 'ignored',
  '扣了', '扣费', '扣我', '没到账', '不到账', '三次', '两次', '好几次', '骗', '坑', '封号', '没人', '没用', '白充', '吞了', '闪退',
  '不退', '还没到', '等了', '退款', '乱扣', '心凉', '寒心', '破成', '损耗', '没抢到', '看不到', '又说', '不给退',
  'copy paste', 'please wait', 'another', 'again', 'still not', 'useless',
  '用不了', '没到', '消失', '丢了', '卡成', '收全价', '一个礼拜', '一个月', '稍等', '魔术', '正常现象', '全价',
  'disappear', 'in transit', 'since last', 'bot reply', 'never showed', 'banning', 'for nothing', 'weeks for', 'months for',
  'never arrived', 'charged for',
  'no reply', 'no response', 'no answer', 'crashes', 'crashing', 'taking my money', 'giving nothing', 'every single time',
  '没回', '不回', '没人回', '更卡', '又卡', '打不开', '每次', '三天', '一周',
];

/**
 * Praise wrapped around a complaint reads as sarcasm: "wow great job, charged me twice", "真是太棒了，
 * 充了三次都没到账". Either alone is ordinary; together they are a cue of anger the lexicons miss.
 */
export interface SarcasmDetector {
  /** The praise and the complaint found together, or undefined. */
  detect(text: SignalText): { praise: string; complaint: string } | undefined;
}

export function createSarcasmDetector(): SarcasmDetector {
  const praise: PhraseMatcher = compilePhrases(PRAISE);
  const always: PhraseMatcher = compilePhrases(ALWAYS_SARCASTIC);
  const complaint: PhraseMatcher = compilePhrases(COMPLAINT);
  return {
    detect(text) {
      const folded = text.simplified ?? text.folded;
      const plainly = always.findAll(folded)[0];
      if (plainly) return { praise: plainly.text.trim(), complaint: '' };
      const praised = praise.findAll(folded)[0];
      if (!praised) return undefined;
      const complained = complaint
        .findAll(folded)
        .find((hit) => hit.end <= praised.index || hit.index >= praised.end);
      return complained ? { praise: praised.text.trim(), complaint: complained.text.trim() } : undefined;
    },
  };
}
