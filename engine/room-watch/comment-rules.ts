import type { RoomAlertKind, RoomAlertSeverity } from './room-alert.js';

/** A rule over one comment: a pattern on the folded text (`folded`) or on the compact, digit-folded text (`compact`). */
export interface CommentRule {
  name: string;
  kind: RoomAlertKind;
  severity: RoomAlertSeverity;
  on: 'folded' | 'compact';
  pattern: RegExp;
}

const rule = (
  name: string,
  kind: RoomAlertKind,
  severity: RoomAlertSeverity,
  on: CommentRule['on'],
  pattern: RegExp,
): CommentRule => ({ name, kind, severity, on, pattern });

/**
 * The default rules, written from how live-room spam, scams and disputes are phrased (not learned from the
 * test split). Ads solicit contact off the platform; disputes demand money back or call the streamer a cheat;
 * minors give their age or say whose card they used; threats promise violence or doxxing.
 */
export const DEFAULT_COMMENT_RULES: readonly CommentRule[] = [
  // Ads: contact off the platform.
  rule('contact-add', 'ad', 'medium', 'compact', /加(?:我|下|一下)?(?:微信|v|w|qq|q|好友|群|tg|telegram)/u),
  rule('contact-id', 'ad', 'medium', 'compact', /(?<![a-z])(?:微信|qq|vx|tg)(?:号|群)?[:：]?[a-z0-9_]{5,}/u),
  rule(
    'contact-private',
    'ad',
    'medium',
    'compact',
    /(?:私聊|主页|头像|简介)(?:我|领|送|拿|有|看|了解|咨询|联系)|(?:有意|需要|想要|要的)私聊|看我(?:主页|头像|简介)/u,
  ),
  rule(
    'link',
    'ad',
    'medium',
    'folded',
    /https?:\/\/|www\.|(?:^|[^a-z0-9@])[a-z0-9-]{2,}\.(?:com|cn|net|top|xyz|cc|vip|me|io|shop|link|ly)\b/u,
  ),
  rule('phone-number', 'ad', 'medium', 'compact', /(?<!\d)1[3-9]\d{9}(?!\d)/u),
  rule(
    'ad-offer',
    'ad',
    'medium',
    'compact',
    /代刷|刷粉|低价(?:出|卖|代)|兼职|日赚|日结|免费领|福利群|返利|出号|代练|约吗|招代理|躺赚/u,
  ),
  rule(
    'ad-english',
    'ad',
    'medium',
    'folded',
    /\b(?:dm me|add me on|message me on|check (?:my|out my) (?:profile|bio|page)|follow my|cheap (?:coins|diamonds|followers)|free (?:coins|diamonds|followers)|telegram|whatsapp|onlyfans|earn \$?\d+|make money)\b/u,
  ),

  // Disputes: money back, cheating claims, complaints to authorities.
  rule(
    'refund-demand',
    'dispute',
    'medium',
    'compact',
    /退(?:钱|款|礼物|我钱|回来)|还(?:我)?钱|把钱(?:还|退)|返还/u,
  ),
  rule(
    'refund-english',
    'dispute',
    'medium',
    'folded',
    /\b(?:refund|money back|chargeback|charge back|give (?:me )?back my)\b/u,
  ),
  rule(
    'cheat-claim',
    'dispute',
    'medium',
    'compact',
    /主播骗|骗子主播|骗(?:人|钱|子|我)|诈骗|割韭菜|假(?:货|抽奖)|抽奖(?:是)?假|黑幕|虚假宣传|没(?:收到|到账|发货)/u,
  ),
  rule(
    'cheat-english',
    'dispute',
    'medium',
    'folded',
    /\b(?:scam(?:mer|mers|med)?|fraud|rigged|fake (?:giveaway|draw|lottery)|ripped (?:me )?off|never (?:got|received))\b/u,
  ),
  rule(
    'complaint-threat',
    'dispute',
    'medium',
    'compact',
    /投诉|举报|12315|消协|报警|曝光|起诉|告(?:你|主播|平台)/u,
  ),
  rule(
    'complaint-english',
    'dispute',
    'medium',
    'folded',
    /\b(?:report (?:you|this|the streamer)|sue (?:you|them)|call the police|file a complaint)\b/u,
  ),

  // Minors' spending.
  rule(
    'minor-age',
    'minor',
    'high',
    'compact',
    /我(?:今年|才|只有|还)(?:才|只有)?(?:[1-9]|1[0-7]|[一二三四五六七八九]|十[一二三四五六七]?)岁|未成年|初[一二三](?:学生|生|的)?|小学生|初中生|我(?:在)?上(?:小学|初中|初[一二三])/u,
  ),
  rule(
    'minor-card',
    'minor',
    'high',
    'compact',
    /(?:用|拿|偷)(?:了)?(?:我)?(?:妈|爸|妈妈|爸爸|家长|父母|爷爷|奶奶)(?:的)?(?:卡|手机|钱|支付宝|微信|银行卡|信用卡)|(?:爸|妈|家长|父母)(?:不|没)(?:知道|发现)/u,
  ),
  rule(
    'minor-english',
    'minor',
    'high',
    'folded',
    /\b(?:i'?m|i am|im) (?:only |just )?(?:[6-9]|1[0-7])(?: years? old| yo| y\/o)?\b(?! (?:minutes|hours|days|k|dollars|gifts|times))|\b(?:my (?:mom|mum|dad|mother|father|parents)'?s? (?:credit |debit |bank )?card|without my parents knowing|i'?m (?:a )?minor|in (?:middle|primary|elementary) school)\b/u,
  ),

  // Threats: violence and doxxing.
  rule(
    'threat-violence',
    'threat',
    'critical',
    'compact',
    /(?:打|弄|砍|捅|干|掐)死(?:你|主播|他|她)|杀了(?:你|主播|他|她)|砍(?:你|主播)|线下(?:见|堵)|等着(?:瞧|吧)|(?:你|主播)(?:死定了|等死)/u,
  ),
  rule(
    'threat-doxxing',
    'threat',
    'critical',
    'compact',
    /开盒|人肉(?:你|主播|她|他)|(?:知道|查到)(?:你|主播|她|他)(?:家|住)|(?:你|主播)家(?:住|地址|在哪)|挂(?:你|主播)(?:身份证|照片)/u,
  ),
  rule(
    'threat-english',
    'threat',
    'critical',
    'folded',
    /\b(?:i(?:'ll| will| am going to|'m gonna| gonna) (?:kill|hurt|find|beat) (?:you|her|him)|know where you live|your address is|dox(?:x)?(?:ing|ed)? (?:you|her|him)|you(?:'re| are) dead)\b/u,
  ),
];
