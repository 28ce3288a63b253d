import { z } from 'zod';

/**
 * What a viewer may be saying that calls for a person, as intents: the signal each feeds, and
 * phrasings in Chinese and English. They are matched through the matcher's own analysis (pinyin and
 * initials, typos, Traditional characters, the synonym table), so a phrasing stands for its variants too.
 */
export const SignalIntentNameSchema = z.enum([
  'human_request',
  'callback_request',
  'abuse',
  'public_threat',
  'churn',
  'repetition',
  'self_harm',
  'threat_to_others',
]);
export type SignalIntentName = z.infer<typeof SignalIntentNameSchema>;

/**
 * A phrasing is text in the viewer's words; one written `=…` ("=customer service") counts only when it is
 * most of the message, as a one-word phrasing does: "customer service?" asks for a person, "the seller's
 * customer service isn't answering" does not.
 */
export const SignalIntentSchema = z.object({
  name: SignalIntentNameSchema,
  phrasings: z.array(z.string().trim().min(1).max(200)).min(1).max(500),
});
export type SignalIntent = z.infer<typeof SignalIntentSchema>;

// prettier-ignore
export const DEFAULT_SIGNAL_INTENTS: readonly SignalIntent[] = [
  {
    name: 'human_request',
    phrasings: [
      '人工', '转人工', '人工客服', '我要人工客服', '人工服务', '找人工', '要人工', '转接人工', '真人客服', '找真人', '要真人', '活人', '客服',
      '有活人吗', '有人在吗', '有没有人管', '客服呢', '客服在吗', '找客服', '联系客服', '客服电话', '客服电话是多少',
      '你们的客服电话是多少', '怎么联系你们客服', '怎么找人工客服', '我不要机器人', '别让机器人回我', '机器人解决不了',
      '你是机器人吗', '你是不是机器人', '叫你们经理来', '找你们负责人', '找个负责人', '让你们领导来', '换个真人', '叫个人出来',
      '来个人处理', '来个喘气的', '找个能说话的人', '有没有工作人员', '让工作人员跟我对接', '找个管事的',
      'human', 'agent', 'operator', 'representative', 'live agent', 'a real human', 'talk to a human', 'real person please',
      'speak to a person', 'speak to someone', 'talk to someone real', 'contact customer service', 'support phone number',
      'what is your customer service number', 'how do i contact your support team', 'is there anyone there',
      'are you a bot', 'am i talking to a robot', 'let me talk to a real person', 'manager please', 'get me a supervisor',
      'i want to speak to someone', 'connect me to an agent', 'gimme a human', 'need a person', 'is there an actual person',
      'who do i talk to about this', 'reach your staff', 'someone with actual authority', 'a human being please',
      'escalate this to a person',
      '=person', '=a person', '=real person', '=a real person', '=customer support', '=customer service', '=support team',
      'anyone i can talk to', 'someone i can talk to', 'live chat with a person',
      '有没有人工', '有人工吗', '有真人吗', '有没有真人', '真人回答', '真人回复', '有没有活人', '人工在吗', '人工客服在吗',
      '转人工客服', '联系人工', '人工服务热线',
      // Staff by another name, and ways of calling for one (客服专员, 坐席, 管事的, "someone from your team").
      '人工坐席', '坐席', '客服专员', '找工作人员', '你们的员工', '跟你们员工说', '懂行的人', '找个懂的人', '喊个真人', '叫个真人',
      '叫个人来', '叫能说话的来', '换个人跟我说', '只跟人说', '跟真人说', '你们那边有没有负责人',
      'someone from your team', 'a member of your support team', 'someone from support', 'support rep', 'customer service rep',
      'a staff member', 'speak with a staff member', 'pass me to someone', 'hand me over to someone', 'not a bot', 'stop the bot',
      'a real one', 'a human to look at this', 'someone who can actually help', 'take over from the bot',
      // A person by the plainest word (人, 真人, 老板) and the bot told off: 人呢, 来个人, 机器人滚 (issue 11, dev4).
      '真人', '人呢', '来个人', '出来个人', '叫人来', '跟人说话', '有人能回我吗', '找个人帮我处理',
      '换人', '换个人', '机器人滚', '受不了机器人', '机器人闭嘴', '找到人工', '怎么转人工', '叫你们老板出来', '见你们负责人',
      '工作人员在吗', '客服人员', '人工处理', '我要投诉你们', '投诉你们客服', '我要投诉找领导',
      'hooman', 'talk to your boss', "who's in charge", 'who is in charge here', 'tired of talking to a bot',
      'complaint with a manager', 'put a manager on', 'speak to someone', 'a person please', 'customer service please',
      'talk to a live person', 'can i speak to someone', 'human support', 'a real live person',
    ],
  },
  {
    name: 'callback_request',
    phrasings: [
      '给我回个电话', '能不能给我回个电话', '让工作人员给我回电话', '让你们工作人员联系我', '打电话给我', '给我打电话', '给我打个电话', '回电',
      '让客服打给我', '电话沟通', '电话联系我', '安排专人联系我', '专人跟进', '留个电话给你们',
      'call me back', 'can someone call me', 'have someone call me', 'can your staff call me', 'phone me', 'please ring me',
      'i want a callback', 'call me asap', 'give me a call', 'can we talk on the phone',
      '打我电话', '打电话联系我', '人工回拨', '回拨给我', '给我来个电话', '让人给我打电话', '客服电话联系我', '发邮件联系我',
      'phone call from support', 'get a call from someone', 'email me back personally', 'contact me directly',
      'reach out to me by phone', 'have someone contact me',
      '回个电话', '打给我', '致电给我', '请致电', '来电联系我', '电话联系我吧', '回电话给我',
      'how do i call you', 'phone me back', 'give me a ring',
    ],
  },
  {
    name: 'abuse',
    phrasings: [
      '你们客服都是死人吗', '客服都死了吗', '垃圾客服', '什么破平台', '垃圾平台', '骗子平台', '太坑了', '坑爹平台', '退钱',
      '把钱退给我', '你们有病吧', '恶心死了', '什么玩意', '扣了我两次钱', '吃相难看', '黑心平台', '强盗', '智障客服',
      'useless support', 'this is a scam', 'you are scammers', 'worst app', 'fix it now', 'ridiculous service',
      'unacceptable', 'terrible service', 'i am furious', 'give me my money back', 'you people are useless',
      'charged me twice', 'what a joke', 'are you kidding me', 'absolute garbage', 'pathetic', 'incompetent',
    ],
  },
  {
    name: 'public_threat',
    phrasings: [
      '曝光你们', '我要曝光', '发微博曝光', '发到网上', '发抖音曝光', '去黑猫投诉', '黑猫投诉', '打12315', '投诉到消协', '消协',
      '消费者协会', '工信部', '告到工信部', '市场监管局', '找律师', '起诉你们', '报警', '法院见', '去应用商店差评', '一星差评',
      '给你们差评', '消保官', '发到ptt', '挂到网上', '信用卡中心拒付', '申请拒付', '撤销这笔交易', '银行追回',
      'post this on every review site', 'leave a one star review', 'one star review', 'report you to the bbb',
      'better business bureau', 'my lawyer', 'sue you', 'chargeback', 'dispute it with my bank', 'dispute this charge',
      'report you to consumer protection', 'going to the media', 'tell everyone on twitter', 'report you to the ftc',
      'small claims court', 'put this on reddit', 'class action lawsuit', 'contact trading standards',
      'dispute with my credit card company',
      '发帖曝光', '小红书发帖', '发到小红书', '发朋友圈曝光', '让大家都知道', '上热搜', '媒体曝光', '找记者', '冻结这笔支付',
      '找银行退单', '银行拒付', '找律师起诉', '告你们', '向工商举报', '工商局', '报警处理',
      "everyone will know what you did", 'calling the police about this', 'police report', 'trading standards', 'i will sue',
      'reverse the payment', 'reverse the charge', 'dispute it with paypal', 'disputing this with my bank',
      'post about this everywhere', 'warn everyone about this app',
    ],
  },
  {
    name: 'churn',
    phrasings: [
      '卸载了', '我要卸载', '卸载这个app', '注销账号', '我要注销', '销户', '再也不用了', '再也不来了', '以后不来了',
      '取消会员', '换别的平台', '最后一次充值', '再也不充了', '不玩了', '退坑了',
      'uninstalling', 'uninstall this app', 'delete my account', 'close my account', 'cancel my subscription',
      'never using this again', 'i am done with this app', 'switching to another app', 'deleting this app',
      'moving to a different app', 'last top up ever', 'never spending here again',
      '再也不会充', '再也不在你们这充', '不会再花一分钱', '换个平台', '去别家了',
      'you lost a customer', 'switching to another platform', 'never giving you money again', 'finding another app',
    ],
  },
  {
    name: 'repetition',
    phrasings: [
      '第三次问了', '问了三遍', '问了好几遍', '说了多少遍了', '说了n遍了', '我已经说过了', '又是这个回答', '还是一样的回复',
      '重复好几次了', '第n次问', '同样的问题问了', '今天第三次',
      '第四次找你们', '第五次了', '反反复复问', '问了一周', '每次都说在处理', '说了八百遍', '问了无数次',
      'my fourth message', 'same thing again and again', 'every time the same answer', 'asked so many times',
      'told you yesterday',
      'asking for the third time', '5th time asking', 'i already told you', 'i have asked three times',
      'same answer again', 'how many times do i have to ask', 'this is the fourth time', 'third chat today',
      'asked this already', 'keep asking the same thing',
    ],
  },
  {
    name: 'self_harm',
    phrasings: [
      '不想活了', '活着没意思', '活着真没意思', '活不下去了', '想死', '想自杀', '结束生命', '死了算了', '撑不下去了',
      '把东西都送完就走了', '把金币都送完就算了', '一了百了', '没有活下去的意义', '药已经准备好了', '你们不用管我了',
      '我不会再来了 永别', '这是最后一次了 再见',
      '结束这一切', '活够了', '死了也没人在乎', '不想活下去', '想从楼上跳下去', '吃安眠药', '割腕', '想消失',
      "don't want to be alive", 'ending it tonight', 'end it all', 'if i was gone', 'if i were gone', 'been cutting',
      'hurt myself', 'might as well jump', 'want to end it', 'not worth living',
      'i want to die', 'kill myself', 'end my life', 'no point in living', "i don't see the point anymore",
      'might as well give everything away', 'better off dead', "can't go on anymore", 'no reason to live',
      'i want to disappear forever', "i won't be around", 'i want it all to stop', "i can't do this anymore",
      'none of this will matter',
    ],
  },
  {
    name: 'threat_to_others',
    phrasings: [
      '我要杀了他', '弄死主播', '找到你家', '我知道你住哪', '让他好看', '砍死', '打死他', '我要报复', '带着刀去', '去他公司堵他',
      '去她家找她', '找她算账', '让她付出代价',
      "i'm going to kill him", 'i know where you live', "i'll hurt the streamer", "i'm going to find you",
      'you will regret this when i find you', "she's going to regret this", "she'll pay for this", 'coming to her city',
      'i know where that streamer lives',
      '付出代价', '去找他算账', '他在哪上班', '去你们公司砍人', '弄死他',
      'hurt the mod', 'going to get hurt', 'make him pay', 'come after you', 'show up at your office',
    ],
  },
];
