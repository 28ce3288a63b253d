import { z } from 'zod';
import type { SignalAnalysis } from '../../ports.js';
import type { IntentIndex, IntentMatch } from './intent-index.js';
import type { SignalIntentName } from './signal-intents.js';

export const IntentThresholdsSchema = z.object({
  /** Share of a phrasing the message must hold. */
  minContainment: z.number().min(0).max(1).default(0.8),
  /** A one-word phrasing ("人工", "agent") counts only when the message is mostly that word. */
  shortPhrasingMinSimilarity: z.number().min(0).max(1).default(0.6),
  /**
   * A message of at most this many words (fillers aside) that holds a request for a person, each word one
   * of the requests' own, is nothing but that request.
   */
  pureRequestMaxWords: z.number().int().min(1).max(6).default(4),
  /**
   * In a message of more than this many words, only phrasings of three words or more count: a long post
   * holds any two words somewhere ("给妈妈打个电话" is no callback request).
   */
  longMessageWords: z.number().int().min(4).max(100).default(12),
  /** Words that do not count towards that ("i want a human", "给我转个人工"), as feature keys. */
  fillerWords: z.array(z.string()).default([
    'w:want',
    'w:need',
    'w:pleas',
    'w:pls',
    'w:plz',
    'w:give',
    'w:get',
    'w:now',
    'w:asap',
    'w:just',
    'w:talk',
    'w:speak',
    'w:a',
    'w:an',
    'w:the',
    'w:some',
    'w:hey',
    'w:hi',
    'w:hello',
    'w:ok',
    'w:put',
    'w:on',
    'w:in',
    'w:here',
    'w:rn',
    'w:me',
    'w:u',
    'w:yo',
    'w:cmon',
    'w:thank',
    'w:thx',
    // typed pinyin: 在不在, 吗, 呢, 啊, 呀
    'w:zai',
    'w:bu',
    'w:ma',
    'w:ne',
    'w:ya',
    // asking verbs around the request: 转 / 找 / 要 / 叫 / 换 / 接 人工
    'z:转',
    'z:找',
    'z:要',
    'z:叫',
    'z:换',
    'z:接',
    'w:zhuan',
    'w:zhao',
    'w:yao',
    'w:jiao',
    'w:huan',
    'z:我要',
    'z:给我',
    'z:帮我',
    'z:麻烦',
    'z:赶紧',
    'z:快',
    'z:快点',
    'z:马上',
    'z:谢谢',
    'z:你好',
    'z:在吗',
    'z:请问',
    'z:一下',
  ]),
});
export type IntentThresholds = z.infer<typeof IntentThresholdsSchema>;

export interface IntentDetection {
  intent: SignalIntentName;
  /** "intent:人工 (0.93)": the phrasing met and how much of it. */
  cue: string;
  match: IntentMatch;
}

export interface IntentDetections {
  found: ReadonlyMap<SignalIntentName, IntentDetection>;
  /** The message is nothing but a request for a person ("人工", "rg", "operator"). */
  pureRequest: boolean;
}

const REQUEST_INTENTS: ReadonlySet<SignalIntentName> = new Set(['human_request', 'callback_request']);

/** Which intents the message expresses, by the thresholds; the evidence is kept for the handoff card. */
export function detectIntents(
  analysis: SignalAnalysis,
  index: Pick<IntentIndex, 'match' | 'onlyWordsOf'>,
  thresholds: IntentThresholds,
): IntentDetections {
  const matches = index.match(analysis);
  const fillers = new Set(thresholds.fillerWords);
  // Nothing but a request: few words, every one of them a word of the requests' phrasings.
  const short =
    analysis.words.filter((word) => !fillers.has(word.key)).length <= thresholds.pureRequestMaxWords &&
    matches.some(
      (match) => REQUEST_INTENTS.has(match.intent) && match.containment >= thresholds.minContainment,
    ) &&
    index.onlyWordsOf(REQUEST_INTENTS, analysis, fillers);
  const found = new Map<SignalIntentName, IntentDetection>();
  let pureRequest = false;
  const long = analysis.words.length > thresholds.longMessageWords;
  for (const match of matches) {
    if (match.containment < thresholds.minContainment) continue;
    if (long && match.words < 3) continue;
    const pure = short && REQUEST_INTENTS.has(match.intent);
    if (match.short && match.similarity < thresholds.shortPhrasingMinSimilarity && !pure) continue;
    pureRequest ||= pure;
    found.set(match.intent, {
      intent: match.intent,
      cue: `intent:${match.phrasing} (${match.containment.toFixed(2)})`,
      match,
    });
  }
  return { found, pureRequest };
}
