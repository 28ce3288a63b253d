import { describe, expect, it } from 'vitest';
import { createSensitiveTopicsDetector } from './sensitive-topics.js';
import { SensitiveTopicsConfigSchema } from './sensitive-topics-config.js';

const detector = createSensitiveTopicsDetector(SensitiveTopicsConfigSchema.parse({}));
const categories = (text: string) => detector.detect(text).categories.map((topic) => topic.category);

describe('sensitive topics', () => {
  it.each([
    ['我是小学生，充的钱能退吗', 'minor_spending'],
    ['孩子偷偷充了两千块', 'minor_spending'],
    ['我儿子用我的手机打赏了主播', 'minor_spending'],
    ['我才14岁', 'minor_spending'],
    ['my son spent $300 on gifts without asking', 'minor_spending'],
    ["I'm 13 and I bought coins", 'minor_spending'],
    ['主播让我加微信转账', 'off_platform_payment'],
    ['他说可以私下交易，支付宝转我就行', 'off_platform_payment'],
    ['she asked me to pay her on paypal', 'off_platform_payment'],
    ['我被骗了', 'fraud'],
    ['this is a scam', 'fraud'],
    ['我不想活了', 'safety'],
    ['活着没意思，想死', 'safety'],
    ['I want to kill myself', 'safety'],
    ['I just want to end it all', 'safety'],
    ['活着真的没什么意思', 'safety'],
    ['我知道你住哪，等着', 'safety'],
    ['I know where you live', 'safety'],
    ['主播一直骚扰我', 'harassment'],
    ['he keeps harassing me in DMs', 'harassment'],
    ['中奖了要先交手续费才能领', 'fraud'],
    ['欠了好多钱，真想从楼上跳下去', 'safety'],
    ['大家保重，以后不会再有我了', 'safety'],
    ['everyone would be better off without me', 'safety'],
    ["i'm going to end it tonight", 'safety'],
    ['我查到那个房管的住址了', 'safety'],
    ["i know her address and she'll see", 'safety'],
    ['我妹妹才12，偷偷刷了礼物', 'minor_spending'],
    ['未成年偷偷打赏了三千', 'minor_spending'],
    ['a 12-year-old got past your checks and spent $80', 'minor_spending'],
    ['有人自称官方客服，让我刷流水解冻', 'fraud'],
    ['someone claiming to be from your support team wants my card number', 'fraud'],
    ['让我扫她的收款码付款', 'off_platform_payment'],
    ['he asked for my venmo to sell me a private show', 'off_platform_payment'],
    ['他换了好几个小号私信骂我', 'harassment'],
    ['a viewer is threatening to leak my call recording', 'harassment'],
    ['收益两万多提现失败了', 'large_dispute'],
    ['莫名其妙扣了我800元', 'large_dispute'],
    ['you charged me $250 and I never authorized it', 'large_dispute'],
    ['¥1,200 被盗刷了', 'large_dispute'],
  ])('flags "%s" as %s', (text, category) => {
    expect(categories(text)).toContain(category);
  });

  it.each([
    'this game is killing me',
    '想死你了宝贝',
    '笑死我了',
    '跳楼价！全场五折',
    "I'm 5 minutes late",
    'my son loves this streamer',
    'the basketball court was packed',
    '扣了50元，怎么回事',
    '我充了800元，怎么送礼物',
    '加油！',
    '我要找律师起诉你们',
    "I'll sue you",
  ])('leaves "%s" alone', (text) => {
    expect(categories(text)).toEqual([]);
  });

  it('puts the most severe category first and names its cues', () => {
    const topics = detector.detect('被骗了2000块，不想活了').categories;
    expect(topics.map((topic) => topic.category)).toEqual(['safety', 'fraud', 'large_dispute']);
    expect(topics[0]).toEqual({ category: 'safety', severity: 'critical', cues: ['不想活了'] });
    expect(topics[2]?.cues).toEqual(['2000块', '被骗']);
  });

  it('counts an amount as large only from its currency’s minimum', () => {
    const strict = createSensitiveTopicsDetector(
      SensitiveTopicsConfigSchema.parse({ largeDispute: { minAmount: { CNY: 5000, USD: 1000 } } }),
    );
    expect(strict.detect('乱扣了800元').categories).toEqual([]);
    expect(strict.detect('乱扣了8000元').categories.map((topic) => topic.category)).toEqual([
      'large_dispute',
    ]);
  });

  it('takes categories, severities and lists from config', () => {
    const custom = createSensitiveTopicsDetector(
      SensitiveTopicsConfigSchema.parse({
        categories: [{ category: 'harassment', severity: 'high', phrases: ['骚扰', 'harass*'] }],
      }),
    );
    expect(custom.detect('他一直骚扰我').categories).toEqual([
      { category: 'harassment', severity: 'high', cues: ['骚扰'] },
    ]);
    expect(custom.detect('我被骗了').categories).toEqual([]);
  });

  it('rejects an unknown severity and duplicate category names', () => {
    expect(
      SensitiveTopicsConfigSchema.safeParse({ categories: [{ category: 'x', severity: 'urgent' }] }).success,
    ).toBe(false);
    expect(
      SensitiveTopicsConfigSchema.safeParse({
        categories: [
          { category: 'x', severity: 'low' },
          { category: 'x', severity: 'high' },
        ],
      }).success,
    ).toBe(false);
  });
});
