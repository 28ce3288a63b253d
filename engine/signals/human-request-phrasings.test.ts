import { describe, expect, it } from 'vitest';
import { createHumanRequestDetector } from './human-request.js';
import { HumanRequestConfigSchema } from './human-request-config.js';

// The families issue 11's fourth dev file (knowledge/demo/escalation-suite-dev4.jsonl) showed missing,
// as patterns: a person by the plainest word, complaints to lodge, phones and call-backs, staff by rank.
const detector = createHumanRequestDetector(HumanRequestConfigSchema.parse({}));
const detected = (text: string) => detector.detect(text).detected;

describe('a request for a person, the wider families', () => {
  it.each([
    '别跟我扯了，叫个人',
    '来人啊',
    '摇人',
    '这事得找人处理',
    '你听不懂，换人吧',
    '我要找人投诉',
    '这个你解决不了，找个人吧',
    '谁能来处理一下',
    '我不想和机器聊',
    '机器人别回了',
    '经理呢',
    '你们领导呢',
    '我要投诉',
    '投诉！',
    '我要找你们管理层',
    '我要跟工作人员说',
    '你们电话多少',
    '打我手机',
    '让工作人员联系我',
    '一直自动回复吧？答的根本不是我问的',
    '让客服加我微信聊',
    'zhuanrg',
    'rgrg',
    'zrgkf',
  ])('hears "%s"', (text) => {
    expect(detected(text)).toBe(true);
  });

  it.each([
    'switch me to a human',
    'any humans here?',
    'someone real please',
    'get your manager',
    'who can I talk to?',
    'is there a phone number for support',
    'what number do I call',
    'how do I get hold of a human',
    'can I get someone on the phone',
    "a bot can't fix this",
    'i want to complain to a manager',
    "I'd prefer a phone call",
    'call me at my number',
    'hotline?',
    'customer service number',
    'I want to file a complaint',
    'reprasentive',
    'speek to someone',
  ])('hears "%s"', (text) => {
    expect(detected(text)).toBe(true);
  });

  it.each([
    '怎么找人连麦',
    '怎么找人聊天',
    '想找人一起看直播',
    '让人很无语',
    '这个游戏真让人上头',
    '主播换人了？',
    '主播你快叫人',
    '我要投诉这个主播',
    '外婆病危，妈妈迅速打我电话，我在回家路上',
    '你们的客服会主动打电话给我吗',
    '有没有真人cos直播',
    '真人秀什么时候开播',
    'any people here from texas?',
    'my bot can’t help with the stream overlay',
    "the streamer said she'd call me",
    'can the streamer call me on video',
    'other people call me on my nonsense',
    'is she a bot or a real human',
    'the person on the call was obviously a recording not a real human, refund?',
    'does customer service ever call users?',
    // live-commerce chatter: viewers call the seller 老板/小姐姐, ask the room for links
    '老板发货了没',
    '老板这个要多少钱',
    '老板给个优惠吧',
    '售后怎么申请',
    '小姐姐好漂亮求链接',
    '员工价要多少',
    '主管要求是什么',
    '经理推荐的那款呢',
    'anyone want to buy together',
    'does anybody have the link',
    'can someone get this in blue please',
    'I want to change my phone number',
    'rep count please',
    'staff picks are great, I want one',
  ])('does not take "%s" for a request', (text) => {
    expect(detected(text)).toBe(false);
  });
});
