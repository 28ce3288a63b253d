import { z } from 'zod';
import { MORE_LANGUAGE_HUMAN_REQUESTS } from './human-request-more-languages.js';
import { PatternSchema, PhraseSchema } from './phrase-list.js';

const PERSON =
  '(?:human|person|agent|operator|representative|rep|manager|supervisor|someone|somebody|staff|employee|customer (?:service|support)|support (?:team|staff|agent))';
const QUALIFIER = '(?:(?:a|an|some|your|the|one of your)\\s+)?(?:(?:real|live|actual|human)\\s+)?';
const BOT = '(?:bot|robot|machine|ai|computer|chatbot|program|automated|automatic)';

// English ways that recur in support chats beyond the patterns at the top.
// prettier-ignore
const MORE_ENGLISH_REQUESTS = [
  // "put a human on", "get a human in here", "hook me up w/ a human", "transfer me"
  `\\b(?:get|put|bring|send|hook\\s+me\\s+up\\s+(?:with|w/?)|connect\\s+me(?:\\s+(?:to|with))?)\\s+(?:me\\s+)?(?:a\\s+|an\\s+|some\\s+|your\\s+)?(?:real\\s+|live\\s+|actual\\s+)?(?:human|person|agent|operator|rep|representative|staff(?:\\s+member)?|employee)\\b`,
  '\\btransfer\\s+me\\b',
  // "any humans here?", "someone real please", "get your manager", "who can I talk to?"
  '\\bany\\s+(?:real\\s+|actual\\s+)?(?:humans?|real\\s+people|agents?|staff)\\s+(?:here|there|around|online|available|on\\s+here)\\b',
  '\\b(?:someone|somebody)\\s+real\\b',
  '\\b(?:get|fetch|call|bring)\\s+(?:your|the|ur)\\s+(?:manager|supervisor|boss)\\b',
  '\\bwho\\s+(?:can|do|should|could|would)\\s+i\\s+(?:talk|speak|chat)\\s+(?:to|with)\\b',
  '\\bget\\s+hold\\s+of\\s+(?:a\\s+|an\\s+|some\\s+|your\\s+)?(?:real\\s+)?(?:human|person|someone|somebody|agent|manager|supervisor)\\b',
  '\\b(?:get|have|put)\\s+(?:someone|somebody|a\\s+person|an\\s+agent|a\\s+human)\\s+on\\s+the\\s+(?:phone|line)\\b',
  // "a bot can't fix this": what the assistant cannot do is for a person
  "\\b(?:a|the|this|your|ur|stupid|dumb|useless)\\s+(?:bots?|robots?|ai|machines?|chatbots?)\\s+(?:can'?t|cannot|won'?t|is\\s+not\\s+able\\s+to)\\s+(?:fix|help|solve|handle|understand|sort)\\b",
  // phone: "is there a phone number for support", "what number do I call", "I'd prefer a phone call"
  '\\b(?:phone|contact|support|hotline)\\s+number\\s+(?:for|of|to\\s+reach)\\s+(?:support|customer|you|your|the\\s+(?:support|team|company))\\b',
  '\\bwhat\\s+(?:number|phone)\\s+(?:do|can|should)\\s+i\\s+(?:call|ring|dial)\\b',
  '\\b(?:want|need|prefer|like|request|requesting)\\s+(?:a\\s+)?(?:phone\\s+call|call\\s*-?\\s*back)\\b',
  // "reprasentive", "represenative": the whole message, however "representative" is misspelt
  '^\\W*rep(?:r|pr)?[aei]s[ae]n?t?\\w{2,8}(?:\\s+(?:please|pls|plz))?\\W*$',
  // "custmer service", "costumer support rep": the whole message, however "customer" is misspelt
  '^\\W*(?:cus?t\\w{2,6}|c[ua]s?[a-z]{3,6}r|costumer|cutsomer)\\s+(?:service|support|care)(?:\\s+(?:rep|agent|please|pls))?\\W*$',
  '\\bis\\s+there\\s+(?:anyone|anybody|someone|somebody)\\b.{0,25}\\b(?:talk|speak|chat)\\b',
  // "can i get a real person on here", "can I talk to the head of customer support"
  `\\b(?:can|could|may)\\s+i\\s+(?:get|have|talk\\s+to|speak\\s+(?:to|with)|chat\\s+with)\\s+(?:a\\s+|an\\s+|some\\s+|your\\s+|the\\s+)?(?:real\\s+|live\\s+|actual\\s+)?(?:human|person|agent|operator|rep|representative|staff|employee|manager|supervisor|head\\s+of)\\b`,
  // "need someone irl not a script", "I don't want to talk to a bot"
  '\\b(?:need|want)\\s+(?:a\\s+|some\\s+)?(?:someone|somebody|person|human)\\s+(?:irl|real|in\\s+real\\s+life)\\b',
  '\\bnot\\s+(?:a\\s+|some\\s+)?(?:script|bot|robot|machine|canned\\s+(?:reply|response|answer))\\b',
  "\\b(?:don'?t|do\\s+not)\\s+want\\s+(?:to\\s+(?:talk|speak|chat)\\s+(?:to|with)\\s+)?(?:a\\s+|the\\s+|your\\s+)?(?:bot|robot|ai|machine|chatbot)\\b",
  // "is anyone actually reading this", "written by a person or a program"
  '\\b(?:anyone|anybody|someone|somebody)\\s+(?:actually\\s+|even\\s+|really\\s+)?(?:reading|listening|working\\s+there|awake)\\b',
  '\\b(?:written|sent|typed)\\s+by\\s+(?:a\\s+)?(?:person|human|real\\s+person|bot|program|machine|ai)\\b',
  // "what's your support email", "do you have a phone number I can call"
  "\\b(?:support|customer\\s+(?:service|support|care)|help\\s*desk|your)\\s+(?:e-?mail|email\\s+address|phone(?:\\s+number)?|hotline|contact\\s+number)\\b",
  '\\bnumber\\s+i\\s+can\\s+(?:call|ring|text)\\b',
  // "hotline?", "phone number": the whole message asks how to reach a person
  '^\\W*(?:(?:your|the|a)\\s+)?(?:hotline|helpline|phone\\s+number|contact\\s+number|support\\s+number|customer\\s+(?:service|support|care)\\s+(?:number|phone|line))(?:\\s+(?:please|pls|plz))?\\W*$',
  // "I want to file a complaint": a complaint to lodge is a person's work
  '^\\W*i\\s+(?:want|need|would\\s+like|wanna|have)\\s+to\\s+(?:make|file|lodge|raise)\\s+a\\s+(?:formal\\s+)?complaint\\W*$',
  // "can a staff member look at my account", "someone from your team", "yo support person where u at"
  '\\b(?:staff|team)\\s+member\\b',
  '\\bsomeone\\s+(?:from|at|on)\\s+(?:your|the)\\s+(?:team|support|staff|company|billing|side)\\b',
  '\\bsupport\\s+(?:person|people|guy|girl|human|staff)\\b',
  // "how do I contact you guys", "I need to talk to support", "phone call please"
  '\\bhow\\s+(?:do|can|could)\\s+i\\s+(?:contact|reach|call|phone|get\\s+in\\s+touch\\s+with)\\s+(?:you|your\\s+(?:team|staff|support|company)|a\\s+person|someone)\\b',
  '\\b(?:talk|speak|chat)\\s+(?:to|with)\\s+(?:your\\s+|the\\s+)?(?:support|customer\\s+care|billing|the\\s+team)\\b',
  '^\\W*(?:a\\s+)?phone\\s+call(?:\\s+(?:please|pls|plz))?\\W*$',
  // call-backs: "please call me", "can you guys ring me", "need a callback", "can the manager call me"
  '\\bcall\\s*-?\\s*backs?\\b',
  '\\b(?:please|pls|plz|can|could|would|will|have|get|need)\\s+(?:you\\s+|u\\s+|someone\\s+|somebody\\s+|the\\s+\\w+\\s+|your\\s+\\w+\\s+|you\\s+guys\\s+)?(?:to\\s+)?(?:call|ring|phone)\\s+me\\b',
  "(?<!(?:n't|not|never|stop|keeps?|won't|don't)\\s+)\\b(?:call|ring|phone)\\s+me\\s*(?:back|asap|now|today|tonight|please|pls|at|,|\\.|!|$)",
];

/** Ways of asking for a person, in the folded text (lower case, NFKC). */
// prettier-ignore
export const HUMAN_REQUEST_PATTERNS = [
  // "talk to a human", "speak to your manager", "put me through to an agent", "chat with a real person"
  `\\b(?:talk|speak|spe{1,2}a?k|chat|connect|transfer|put|pass|escalate|switch|hand|complain)(?:\\s+me)?(?:\\s+(?:through|over|back))?\\s+(?:to|with)\\s+${QUALIFIER}${PERSON}\\b`,
  `\\b(?:talk|speak|chat)\\s+(?:to|with)\\s+(?:real|live|actual)\\s+people\\b`,
  // "i want a human", "i need to speak to someone", "we'd like an agent"
  `\\b(?:i|we)(?:'d|\\s+would)?\\s+(?:want|need|like|demand|request|prefer|wanna)\\s+(?:to\\s+(?:talk|speak|chat)\\s+(?:to|with)\\s+)?${QUALIFIER}${PERSON}\\b`,
  // "get me a human", "give me someone real"
  `\\b(?:get|give|find|bring|send)\\s+me\\s+${QUALIFIER}${PERSON}\\b`,
  // "contact customer service", "reach a manager"
  `\\b(?:contact|call|reach|email)\\s+${QUALIFIER}(?:customer (?:service|support)|support (?:team|staff)|human|agent|manager|supervisor)\\b`,
  // "are you a bot", "r u real", "are you even human"
  `\\b(?:are|r)\\s+(?:you|u)\\s+(?:even\\s+|really\\s+|just\\s+|actually\\s+)?(?:(?:a|an)\\s+)?(?:real|human|person|${BOT})\\b`,
  // "is this a bot", "am i talking to a real person"
  `\\b(?:is\\s+this|am\\s+i\\s+(?:talking|chatting|speaking)\\s+(?:to|with))\\s+(?:(?:a|an)\\s+)?(?:(?:real|actual|live)\\s+)?(?:human|person|${BOT})\\b`,
  // "you're just a bot", "this is an automated reply", "stupid bot"
  `\\b(?:you(?:'re|\\s+are)|ur|this\\s+is)\\s+(?:just\\s+|only\\s+|clearly\\s+|obviously\\s+|such\\s+)?(?:(?:a|an)\\s+)?(?:stupid\\s+|dumb\\s+|useless\\s+|fucking\\s+)?${BOT}\\b`,
  `\\b(?:stupid|dumb|useless|fucking|damn|annoying|bloody)\\s+(?:bot|robot|chatbot|ai|machine)\\b`,
  `\\b(?:no\\s+more|stop\\s+(?:the|this|with\\s+the)|enough\\s+(?:with\\s+)?(?:the|this)|no)\\s+(?:bots?|robots?|chatbots?|ai|automated\\s+(?:replies|responses|answers))\\b`,
  // "is there a real person", "anyone there?"
  `\\bis\\s+there\\s+(?:a|any)\\s+(?:(?:real|live|actual)\\s+)?(?:human|person|agent|operator)\\b`,
  `\\b(?:is\\s+)?(?:anyone|anybody)\\s+(?:there|real|alive)\\b`,
  // The whole message is the request: "human", "agent please", "operator!"
  `^\\W*(?:(?:a|an)\\s+)?(?:(?:real|live|actual)\\s+)?(?:human|person|agent|operator|representative|rep|manager|supervisor|customer (?:service|support))(?:\\s+(?:please|pls|plz|now|asap))?\\W*$`,
  `^\\W*(?:please|pls|plz)\\s+(?:(?:a|an)\\s+)?(?:(?:real|live)\\s+)?(?:human|person|agent|operator|representative|manager)\\W*$`,
  `\\b(?:human|live)\\s+(?:agent|operator|support|representative|rep|assistance|help|person|being\\s+please)\\b`,
  `\\breal\\s+(?:agent|operator|representative|human)\\b`,
  `\\bescalate\\b`,
  // 转人工, 找人工, 要真人, 来个活人, 换人工
  '(?:转|转接|接|找|要|换|叫|请|求|上|来个|来一个|给我|需要)(?:一下|个|一个)?(?:人工|真人|活人)',
  '人工(?:客服|服务|坐席|处理|介入|回复|接待)',
  '真人(?:客服|回复|服务|接待|来)',
  // 有人吗, 有没有活人, 有人在吗
  // 有人吗, 有人在吗, 有没有人理我; not "有人在弹幕里骂人" (someone else doing something)
  '有(?:活人|真人|人工|人)(?:吗|嘛|么|在吗|在嘛|在么|在不|没|理我|管吗|管管|回一下|回复吗)',
  '有没有(?:活人|真人|人工)',
  '有没有人(?:在|啊|呀|理|管|回)',
  // 你是机器人吧, 你是不是ai, 你是真人吗, 你是人吗
  '(?:你|您)(?:是不是|是|到底是|难道是|就是|真的是)(?:个|一个)?(?:机器人|ai|人工智能|自动回复|程序|bot|真人|活人|人)(?:吗|吧|嘛|么|啊|呀|\\?|$)',
  '(?:你|您)(?:是不是|是|到底是|难道是|就是|真的是)(?:个|一个)?(?:机器人|ai|自动回复|bot)',
  '(?:是|是不是)(?:机器人|ai|自动回复)(?:在回|回复|吧|吗|啊)',
  // 不要机器人, 别让机器人回我, 跟机器人说不清
  '(?:不要|不想|别|不跟|不和|不想跟|不想和|别让)(?:跟|和|再跟|再和|让)?(?:机器人|机器|ai|自动回复|智能客服)',
  '机器人?(?:别|不要|闭嘴|滚)(?:回|说|答|了|吧)?',
  // 叫个人, 来人啊, 摇人, 这事得找人处理, 你听不懂，换人吧: a person (人) called for at the end of a clause;
  // "怎么找人聊天" (matching) and "让人很无语" go on and are no call
  '(?:^|[\\s\\p{P}\\p{S}])[^\\s\\p{P}\\p{S}]{0,5}(?:叫|来|找|换|摇|喊|请|让)(?:个|一个)?(?:活|真)?人(?:来|过来|出来|吧|啊|呀|哇|处理一下|处理|投诉|跟我说|和我说|来跟我说|来说|回我|回复)?[\\s\\p{P}\\p{S}]*$',
  '(?:跟|和)(?:机器人|ai)(?:说不清|说不通|讲不清|聊不下去|没法沟通)',
  // 叫你们经理来, 找你们领导, 换个客服
  '(?:叫|找|让|请|要|换|见)(?:你们|你们的|贵公司的?)?(?:经理|领导|主管|负责人|上级|管理员|管理层|店长|客服主管)',
  // 你们电话多少, 官方电话是什么, 打我手机
  '(?:你们|客服|官方|平台|公司)的?(?:电话|热线|手机号|联系电话|电话号码?)(?:是)?(?:多少|是什么|是啥|几号|给我|呢|发我)',
  '(?:^|[\\s\\p{P}\\p{S}]|请|麻烦|你们|直接|可以|能不能|能|赶紧|就)打我(?:手机|电话|座机)',
  // 要不你们来电吧, 我等你们电话, 方便的话致电我, 联系你们的方式, 你们官方电话
  '(?:你们|客服|官方)(?:的)?(?:打给我|来电|致电|回电)',
  '等你们(?:的)?(?:电话|回电|来电)',
  '致电(?:给)?我',
  '联系你们(?:的)?(?:方式|电话|渠道)',
  '(?:你们|贵司)(?:的)?(?:官方|客服|人工)?(?:电话|热线)[\\s\\p{P}\\p{S}]*$',
  '(?:谁|有没有人|有人)(?:能|可以|来)(?:来|出来)?(?:处理|管|回|看|解决)(?:一下|下)?(?:吗|啊|呀|吧)?[\\s\\p{P}\\p{S}]*$',
  '换(?:个|一个)(?:人|客服|真人|活人|人工)',
  '(?:转|找|联系|叫|要|接)(?:一下|下)?(?:人工|真人)?客服',
  '(?:客服|经理|领导|主管|负责人|工作人员|管理员)(?:人呢|在哪|呢|在吗|在不在|出来)',
  // 我要投诉, 投诉！: the whole message is a complaint to lodge, which a person takes
  '^[\\s\\p{P}\\p{S}]*(?:我要|我想|我需要|我必须)?投诉(?:你们|一下)?[\\s\\p{P}\\p{S}]*$',
  '(?:让|叫|请)(?:你们的?)?(?:工作人员|客服|人工|经理|负责人|领导)(?:尽快|马上|赶紧)?(?:联系|联络|打给|回复|回)我',
  // 还有活的客服吗, 有没有会说人话的, 真人呢, 客服小姐姐来回我, 叫你们人工出来, 找个懂的人
  '(?:活的|活着的)(?:客服|人工|人)',
  '(?:会|能)说人话的',
  '有(?:没有)?(?:真人|活人|人工)(?:可以|能|在|来|回)',
  '真人(?:呢|在哪|在吗|在不在|出来|来一下)',
  '客服(?:小姐姐|小哥哥|姐姐|哥哥|美女|帅哥|妹妹)',
  '(?:叫|让|请|喊)(?:你们的?|贵司的?)?(?:人工|客服|真人|工作人员|负责人|运营)(?:出来|来|过来|回复|回我|处理|跟我|和我|帮我)',
  '(?:找|要|来|换|叫)(?:一)?个(?:懂行|懂|会|能说清楚?|靠谱)的(?:人|来|过来)',
  // 客服邮箱是多少, 你们400电话多少, 怎么联系客服
  '客服的?(?:邮箱|电话|热线|联系方式|微信|qq|号码)',
  '(?:400|800)(?:电话|热线)',
  '(?:联系|投诉)(?:电话|方式|邮箱)',
  // 我现在是在跟真人聊天吗
  '(?:跟|和)(?:真人|活人|人工|机器人|ai)(?:聊|说|讲|谈|对话|沟通)',
  // 有没有后台人员可以帮我看一下, 能让你们运营的人跟我聊吗, 机器人处理不了, 有人可以帮我看看吗
  '(?:后台|工作|运营|技术|客服|售后)(?:人员|的人|同事|小哥|小姐姐)[^。！？!?]{0,6}(?:可以|能|来|帮|跟我|和我|看)',
  '机器人(?:处理|解决|回答|搞|弄)不了',
  // 一直自动回复吧, 全是自动回复: the viewer sees canned answers and wants someone who reads
  '(?:一直|都是|全是|又是|只会|还是)自动回复',
  // 客服能不能加我微信, 让客服加我微信聊: support reached by another channel is a person reached
  '(?:客服|工作人员|人工|你们)(?:能不能|可以|可不可以|能|快)?加(?:一下)?我(?:的)?(?:微信|vx|wx|qq|whatsapp|line|电话)',
  // 你解决不了，找个人吧: what the assistant cannot do, handed to a person
  '(?:解决|处理|回答|搞|弄)不了[^。！？!?]{0,6}(?:找|换|叫|来)(?:个|一个)?(?:人|真人|人工)',
  '有(?:没有)?人(?:可以|能)帮(?:我|忙)',
  // 让人打电话给我吧, 可以约个时间电话说吗, 请客服回电给我, 打过来
  '(?:打|回)(?:个|一个)?电话(?:给|过来给)?我',
  '(?:让|叫|请)(?:人|客服|工作人员|你们)?(?:打|回)(?:个|一个)?电话',
  '回电(?:给我|话)?',
  '电话(?:里)?(?:说|聊|沟通|联系|讲)',
  '(?:打|拨)过来',
  // 找你们管事的, 叫个能说话的来, 跟你们员工当面说
  '(?:找|叫|喊|请|要)(?:你们|个|一个)?(?:管事|能说话|说了算|做主|能做主)的',
  '(?:跟|和|同)(?:你们)?(?:的)?(?:员工|工作人员|客服人员|负责人|经理|领导)(?:当面|直接)?(?:说|谈|沟通|聊|讲)',
  // The whole message is the request: "人工", "客服！", "真人"
  '^[\\s\\p{P}\\p{S}]*(?:人工|人工客服|客服|真人|活人|真人客服)[\\s\\p{P}\\p{S}]*$',
  // Pinyin initials and syllables typed glued or repeated: "rgrg", "zhuanrg", "zrgkf", "kfkf"
  '^\\W*(?:(?:zhuan|zhao|yao|z)?(?:rg|kf|rengong|kefu|zhenren)\\s*)+\\W*$',
  ...MORE_ENGLISH_REQUESTS,
  ...MORE_LANGUAGE_HUMAN_REQUESTS,
];

/** Masked first: talk about people and robots that is not a request for one. */
// prettier-ignore
export const HUMAN_REQUEST_IGNORE = [
  'human hair', 'human rights', 'human resources', 'human body', 'human nature', 'human error', 'human race', 'human trafficking',
  'travel agent', 'real estate agent', 'estate agent', 'secret agent', 'free agent', 'agent of', 'shipping agent',
  '真人认证', '实名认证', '真人秀', '真人cos', '真人版', '真人照片', '真人图', '真人实拍', '真人娃娃', '人工费', '人工湖', '人工降雨', '人工合成', '人工成本', '人工草坪', '人工繁殖', '人工呼吸',
];

// prettier-ignore
export const HUMAN_REQUEST_IGNORE_PATTERNS = [
  // AI as a subject ("人工智能好厉害"), unless the assistant is asked whether it is one
  '(?<!你是|你是不是|您是|您是不是|你是个|你是一个)人工智能',
  // 主播是真人吗, 她是不是机器人: about someone else, not the assistant
  '(?:主播|主持人|他|她|它|这个主播|那个主播|对面|对方|这个号|那个人|这个人|连麦的?人?|嘉宾|助理|小助手)(?:到底)?(?:是不是|是)?(?:个|一个)?(?:真人|活人|机器人|ai|人工智能|假人)',
  '主播(?:能不能|可以|要|会)?换(?:个|一个)?人',
  '主播(?:你)?(?:快|赶紧)?(?:叫|摇|喊|找)人',
  // "the streamer said she'd call me", "can the streamer call me on video": a call with the streamer
  "\\b(?:streamer|host|she|he)\\b[^.,!?]{0,15}\\bcall\\s+me\\b",
  '(?:扫地|拖地|擦窗|炒菜|早教|陪伴|玩具|教育|智能|编程|变形|乐高|儿童)机器人',
  // "the streamer is a real person?", "is she a bot"
  "\\b(?:the\\s+)?(?:streamer|host|she|he|they|that\\s+(?:guy|girl|account)|this\\s+(?:streamer|account|channel))\\s+(?:is|are|was|isn't|s)\\s+(?:(?:a|an)\\s+)?(?:real|bot|robot|ai|human|person)(?:\\s+(?:person|human|people|being))?\\b",
  // "is the streamer a real person?", "is she a bot": the same, asked
  "\\b(?:is|are|was)\\s+(?:the\\s+|this\\s+|that\\s+)?(?:streamer|host|she|he|they|guy|girl|account|channel)\\s+(?:(?:a|an)\\s+)?(?:real|bot|robot|ai|human|person)(?:\\s+(?:person|human|people|being))?(?:\\s+or\\s+(?:(?:a|an)\\s+)?(?:real\\s+)?(?:bot|robot|ai|human|person)(?:\\s+(?:person|human|being))?)?\\b",
  // 客服会主动打电话给我吗: whether the desk calls viewers, a question about scams, not a call-back asked for
  '(?:(?:你们的?|贵司的?)?(?:客服|工作人员|官方)(?:一般)?)?(?:会不会|会|是否会)(?:主动)?(?:给我|给用户)?(?:打|回)(?:个)?电话(?:给我|给用户)?(?:吗|嘛|么)?',
  // "a recording, not a real human": about who was on a paid call, not a request
  "\\b(?:recording|recorded|video|fake|bot|ai|script)\\s*,?\\s+(?:and\\s+)?not\\s+(?:a\\s+)?real\\s+(?:human|person)\\b",
  "\\b(?:does|do|will|would)\\s+(?:your\\s+|the\\s+)?(?:customer\\s+service|support|staff|agents?)\\s+(?:ever\\s+)?(?:call|phone|text)\\s+(?:users|people|customers|viewers)\\b",
  // "who do I talk to about becoming a streamer": a question about joining, not about this desk
  "\\bwho\\s+(?:do|can|should|could)\\s+i\\s+(?:talk|speak)\\s+(?:to|with)\\s+about\\s+(?:becoming|joining|working|applying|partnering)\\b",
  // When people are at work is a question about opening hours, not a call for one now
  '(?:人工|真人|在线)?客服(?:一般|平时)?(?:几点|什么时候|啥时候|周末|晚上|节假日)(?:上班|下班|在线|有人)',
  "\\b(?:when|what\\s+hours|what\\s+time)\\s+(?:are|is|do|does)\\s+(?:the\\s+)?(?:human|live|real)?\\s*(?:agents?|support|staff|customer\\s+service)\\s+(?:available|online|open|on|start)\\b",
];

export const HumanRequestConfigSchema = z.object({
  phrases: z.array(PhraseSchema).default([]),
  patterns: z.array(PatternSchema).default([...HUMAN_REQUEST_PATTERNS]),
  ignore: z.array(PhraseSchema).default([...HUMAN_REQUEST_IGNORE]),
  ignorePatterns: z.array(PatternSchema).default([...HUMAN_REQUEST_IGNORE_PATTERNS]),
  /** A short message naming a person of the desk and an ask counts too (person-request-lexicon.ts). */
  shortAsks: z.boolean().default(true),
});
export type HumanRequestConfig = z.infer<typeof HumanRequestConfigSchema>;
