import { describe, expect, it } from 'vitest';
import { createHumanRequestDetector } from './human-request.js';
import { HumanRequestConfigSchema } from './human-request-config.js';

const detector = createHumanRequestDetector(HumanRequestConfigSchema.parse({}));
const detected = (text: string) => detector.detect(text).detected;

describe('request for a person', () => {
  it.each([
    '转人工',
    '人工客服在哪',
    '帮我转接人工',
    '我要找真人',
    '我要找活人',
    '有没有活人啊',
    '有人吗？',
    '你是机器人吧',
    '你是不是ai',
    '你是真人吗',
    '你是不是人工智能',
    '能不能换个人',
    '叫你们经理来',
    '不想跟机器人说了',
    '联系客服',
    '我要投诉',
  ])('hears "%s"', (text) => {
    expect(detected(text)).toBe(true);
  });

  it.each([
    'human',
    'Agent please!',
    'operator',
    'I want to talk to a real person',
    'can I talk to someone',
    'are you a bot?',
    'Are you real?',
    'is this a bot',
    "I'd like to speak to a manager",
    'get me a human now',
    'let me speak to your supervisor',
    'how do I contact customer service',
    'anyone there?',
    'you are just a stupid bot',
    'I need a live agent',
  ])('hears "%s"', (text) => {
    expect(detected(text)).toBe(true);
  });

  it.each([
    'the streamer is a real person?',
    'is she a real person or AI?',
    'Do you sell human hair wigs?',
    'I want a human hair wig',
    'humanity is doomed',
    'human rights matter',
    'the live chat is lagging',
    'my travel agent booked it',
    '主播是真人吗',
    '她是不是机器人',
    '人工智能好厉害',
    '人工费多少钱',
    '这个扫地机器人吗',
    '有没有人知道怎么充值',
    '主播换个人吧',
    // A complaint about someone else has its own answer (how to report); "我要投诉" alone is for a person.
    '我要投诉这个主播',
    'I need a refund',
  ])('does not take "%s" for a request', (text) => {
    expect(detector.detect(text)).toEqual({ detected: false, cues: [] });
  });

  it('reports what it heard, once per stretch of text', () => {
    expect(detector.detect('你是机器人吧？转人工！').cues).toEqual(['你是机器人吧', '转人工']);
  });

  it('takes extra phrases and ignores from config', () => {
    const custom = createHumanRequestDetector(
      HumanRequestConfigSchema.parse({ phrases: ['找房管'], ignore: ['转人工费'] }),
    );
    expect(custom.detect('帮我找房管').detected).toBe(true);
    expect(custom.detect('转人工费多少').detected).toBe(false);
  });

  it('rejects a broken pattern in config', () => {
    expect(HumanRequestConfigSchema.safeParse({ patterns: ['(人工'] }).success).toBe(false);
  });
});
