/**
 * Default anger lexicon, written from knowledge of how Chinese and English speakers vent, insult and
 * complain (not learned from any data set). Phrase syntax: see phrase-list.ts. Weights live in
 * anger-config.ts; these are only the lists, which deployments extend or replace through config.
 */

/** Swearing that is anger on its own more often than not. */
export const STRONG_PROFANITY = [
  'fuck*', 'fck*', 'fuk*', 'fucc*', 'fkn', 'fking', 'fkin', 'effing', 'motherfuck*', 'mofo', 'clusterfuck*', 'wtf',
  'stfu', 'gtfo', 'ffs', 'cunt*', 'twat*', 'bitch*', 'bastard*', 'asshole*', 'arsehole*', 'dickhead*', 'shithead*',
  'son of a bitch', 'piece of shit', 'piece of crap', 'dipshit*', 'jackass*', 'douche*', 'prick', 'pricks', 'wanker*',
  'bollocks', 'goddamn*', 'goddam', 'god damn', 'dammit', 'damnit', 'damn it', 'screw you', 'screw this', 'screw them',
  'f off', 'eff off', 'piss off', 'pissed off', 'pisses me off', 'pissing me off',
  '妈的', '他妈', '你妈', '尼玛', '泥马', '你妹', '玛德', '马德', '妈蛋', '麻痹', '妈逼', '马勒戈壁', '傻逼', '傻b', '傻x',
  '煞笔', '沙比', '傻叉', '草泥马', '操你', '操蛋', '卧槽', '我槽', '我操', '我草', '卧草', '握草', '艹', '日了狗', '我靠',
  '靠!', '靠,', '特么', '他喵', '去你的', '去你大爷', '你大爷', '滚蛋', '滚!', '滚吧', '给我滚', '滚开', '滚,', '狗日',
  '狗屎', '奶奶的', '丫的', '娘的', '妈了个', '我擦', '坑爹', '干你', '狗屁', '放屁', '屁话', '吃屎',
  'tmd', 'nmsl', 'mlgb', 'cnm', 'wcnm', 'nnd', 'rnm',
];

/** Swearing that is as often surprise or emphasis as anger ("holy shit that's great"). */
export const MILD_PROFANITY = [
  'shit*', 'bullshit*', 'crap*', 'damn', 'damned', 'hell', 'bloody', 'piss*', 'ass', 'asses', 'dick', 'dicks', 'freaking',
  'frickin*', 'fricking', 'friggin*', 'bs', 'sucks', 'suck', 'sucked',
];

/** Chinese pinyin abbreviations that mean something else in English text: only count next to Han. */
export const PINYIN_PROFANITY = ['sb', 'md', 'tm', 'nm', 'wc', 'wtm'];

/** Names the listener calls someone. */
export const INSULTS = [
  'idiot*', 'stupid*', 'dumb', 'dumber', 'dumbest', 'dumbass*', 'moron*', 'imbecile*', 'retard*', 'loser*', 'jerk', 'jerks',
  'clown*', 'scum*', 'incompetent', 'liar*', 'coward*', 'creep', 'creeps', 'psycho*', 'hypocrit*', 'bigot*', 'fascist*',
  'racist*', 'traitor*', 'crook*', 'thief', 'thieves', 'brainless', 'clueless', 'shameless', 'pathetic', 'disgrace*',
  'worthless', 'trash', 'garbage', 'rubbish', 'vile', 'evil', 'greedy', 'selfish', 'arrogant', 'rude', 'toxic',
  'shut up', 'shut the', 'go to hell', 'get lost', 'drop dead', 'go die', 'kill you',
  '垃圾', '辣鸡', '乐色', '废物', '白痴', '蠢', '笨蛋', '脑残', '智障', '弱智', '神经病', '你有病', '有病吧', '有病啊', '有病吗',
  '混蛋', '王八', '畜生', '畜牲', '禽兽', '人渣', '败类', '无耻', '不要脸', '骗子', '流氓', '强盗', '土匪', '黑心', '奸商',
  '狗东西', '走狗', '贱人', '贱货', '犯贱', '下贱', '猪脑', '脑子进水', '二百五', '去死', '死全家', '该死', '滚粗', '坑人',
  '坑钱', '黑店', '缺德', '没良心', '丧尽天良', '不是人', '狗娘', '小人', '婊', '傻子', '傻缺', '傻帽', '傻冒', '蠢货',
  '渣渣', '人渣', '变态', '疯狗', '闭嘴', '废柴', '饭桶', '狗腿', '恶毒',
];

/** Words for the feeling itself; "not angry" does not count. */
export const ANGER_WORDS = [
  'angr*', 'anger*', 'mad', 'madder', 'furious*', 'fuming', 'livid', 'enrag*', 'rage', 'raging', 'outrag*', 'pissed',
  'irate', 'infuriat*', 'irritat*', 'annoy*', 'frustrat*', 'hate', 'hates', 'hated', 'hating', 'hatred', 'loathe*',
  'resent*', 'bitter', 'bitterly', 'offended', 'offensive', 'indignant', 'indignation', 'wrath', 'fury', 'seething',
  'grr*', 'argh*', 'ugh', 'disgust*', 'appalled', 'appalling', 'hostile', 'vengeance', 'revenge', 'spiteful', 'temper',
  'lost my patience', 'losing my patience', 'drives me crazy', 'driving me crazy', 'drives me nuts', 'blood boil*',
  '生气', '气死', '气炸', '气疯', '气人', '气得我', '气的我', '把我气', '气哭', '火大', '恼火', '愤怒', '愤慨', '愤恨', '气愤', '发火', '发怒', '怒',
  '火冒三丈', '忍无可忍', '受够了', '烦死', '烦人', '讨厌', '恨死', '恨透', '可恨', '憎恨', '痛恨', '恨你', '可恶', '憋屈', '窝火',
  '抓狂', '不爽', '炸毛', '暴躁', '无语', '我服了', '服了你', '也是醉了', '真是醉了', '简直醉了', '忍不了', '来气', '好气', '太气', '很气', '恼怒',
  '怨气', '恶心',
];

/** Complaints about what happened: anger in a support chat, dissatisfaction elsewhere. */
export const COMPLAINTS = [
  'worst', 'terrible', 'horrible', 'awful', 'useless', 'ridiculous', 'unacceptable', 'disgusting', 'disgraceful',
  'shameful', 'is a joke', 'what a joke', 'such a joke', 'rip-off', 'ripoff', 'rip off', 'ripped off', 'waste of money', 'waste of time', 'bad service',
  'poor service', 'no one cares', 'nobody cares', 'not acceptable', 'not happy', 'not ok', 'not okay', 'fed up', 'sick of',
  'sick and tired', 'enough is enough', 'had enough', 'my money back', 'refund me', 'nonsense', 'lies', 'lied',
  'cheat*', 'robbed', 'stole', 'steal*', 'unfair', 'injustice', 'absurd', 'corrupt*', 'disrespect*', 'never again',
  'screwed', 'scam*', 'outrageous', 'insult*', 'hopeless', 'inexcusable', 'pisspoor', 'bad faith',
  '退钱', '还钱', '骗钱', '被坑', '太差', '很差', '真差', '差劲', '什么破', '破玩意', '什么玩意', '什么鬼', '搞什么', '有没有搞错',
  '凭什么', '过分', '离谱', '欺负', '欺人太甚', '黑幕', '上当', '失望', '服务差', '态度差', '不像话', '岂有此理', '欺骗', '忽悠',
  '敷衍', '踢皮球', '没人管', '不讲理', '霸王条款', '乱扣', '乱收费', '扣我钱', '不负责任', '无良', '不靠谱', '坑', '骗人', '骗我',
  '耍我', '玩我', '丢人', '丢脸', '不公平', '霸道', '强盗逻辑', '吃相难看', '割韭菜', '智商税', '不满', '不满意',
];

/** Blame aimed at the listener, and exasperated questions. */
export const BLAME = [
  'you people', 'your fault', 'you guys never', 'you always', 'you never', 'you lied', 'you lie', 'you ruined',
  'you screwed', 'you stole', 'you promised', "what's wrong with you", 'what is wrong with you', 'are you kidding',
  'are you serious', 'are you stupid', 'are you deaf', 'are you blind', 'do your job', 'how hard is it',
  'how many times', 'i told you', 'i already told you', "why can't you", "why won't you", 'how dare', 'shame on you',
  'the hell', 'the heck', 'the fuck', 'get your act together', 'to hell with', 'who do you think',
  '你们怎么', '你们到底', '你们是不是', '你们这些', '你们这种', '你们这帮', '你们这群', '你脑子', '是不是傻', '是猪吗', '都怪你',
  '你们的错', '什么态度', '眼瞎', '瞎了', '聋了', '说了多少遍', '说了几遍', '多少次了', '我都说了', '听不懂人话', '还要我说',
  '还有脸', '还好意思', '怎么回事', '给个说法', '给我一个说法', '给我个说法', '给个交代', '给我个交代', '你算什么', '算什么东西',
];

/** Threats to complain, report, sue or go public. */
export const THREATS = [
  'report you', 'reporting you', 'file a complaint', 'filing a complaint', 'complain to', 'lawyer*', 'attorney*',
  'sue you', 'suing', 'see you in court', 'chargeback', 'charge back', 'dispute the charge', 'better business bureau',
  'bbb', 'ftc', 'expose you', 'go public', 'going public', 'bad review', '1 star', 'one star', 'cancel my account',
  'delete my account',
  '投诉', '举报', '12315', '消协', '消费者协会', '工商', '市场监管', '律师', '起诉', '告你们', '告你', '报警', '曝光',
  '找媒体', '找记者', '上热搜', '发到网上', '黑猫', '维权', '法院', '打官司', '差评', '销户', '卸载', '拉黑',
];

/** Politeness refused or turned sarcastic. */
export const REJECTED_POLITENESS = [
  'thanks for nothing', 'thank you for nothing', 'no thanks to you', "sorry doesn't", 'sorry does not',
  'sorry is not enough', "sorry isn't enough", 'stop apologizing', 'stop saying sorry', "don't say sorry",
  "don't apologize", 'save your apolog*', 'spare me', 'cut the crap', 'no more excuses', 'stop making excuses',
  "don't give me that", "don't tell me to calm down", "don't tell me to be patient", 'yeah right', 'my ass',
  '谢谢你全家', '谢谢您嘞', '谢了您嘞', '别跟我说对不起', '对不起有什么用', '对不起有用吗', '道歉有什么用', '道歉有用吗',
  '少废话', '别废话', '少来这套', '别来这套', '别跟我扯', '别扯了', '呵呵', '你也配', '谁稀罕', '别装了', '装什么',
];

/** Angry emoji and the bracketed emoticon codes of Chinese apps ([怒], [抓狂]). */
export const ANGRY_EMOJI = [
  '😠', '😡', '🤬', '💢', '👿', '🖕', '😤', '[怒]', '[怒骂]', '[抓狂]', '[发怒]', '[生气]', '[愤怒]', '[鄙视]', '[哼]',
  '[白眼]', '[闭嘴]', '[左哼哼]', '[右哼哼]',
];

/** Masked before anything is matched: everyday words that contain an insult or anger word. */
export const ANGER_IGNORE = [
  '垃圾分类', '垃圾桶', '垃圾袋', '垃圾车', '垃圾站', '垃圾场', '垃圾处理', '垃圾回收', '垃圾堆', '倒垃圾', '扔垃圾', '捡垃圾',
  '厨余垃圾', '干垃圾', '湿垃圾', '有害垃圾', '可回收垃圾', '其他垃圾', '垃圾清运', '垃圾邮件', '垃圾短信', '你妹妹', '心花怒放',
  '怒放', '蠢蠢欲动', '坑位', '坑洼', '坑道', '萝卜坑', '挖坑', '填坑', '入坑', '新坑', '天坑', '火坑', '弃坑', '出坑', '坑里',
  '工商银行', '工商管理', '气质', '气派', '气色', '生气勃勃', '小人物', '小人书', '怒赞', '怒推', '恶心想吐', '有点恶心', '胃恶心', 'the hell out of', 'hell yeah', 'hell yes',
  'mad respect', 'damn good', 'damn fine', 'pretty damn', 'so damn cute', 'badass', 'kick ass', 'kicks ass', 'no shit sherlock',
  'holy shit', 'holy crap', 'cheat sheet', 'cheat code', 'cheat codes', 'steal the show', 'stole the show', 'steals the show',
  'killing it', 'kill it', 'rage quit', 'not bad', 'angry birds', 'mad max', '315晚会',
];

/** Dampeners: laughter and joking. */
export const LAUGHTER = [
  'lol', 'lol*', 'lmao*', 'lmfao', 'rofl', 'haha*', 'hehe*', 'jk', 'just kidding', 'kidding', '😂', '🤣', '😆', '😄', '😁', '😊',
  '😜', '哈哈', '嘻嘻', '笑死', '开玩笑', '[哈哈]', '[嘻嘻]', '[偷笑]', '[笑cry]', '[憨笑]',
];

/** Dampeners: calm, polite asking. */
export const CALM = [
  'just asking', 'just wondering', 'just curious', 'no worries', 'no problem', 'no big deal', 'not a big deal', 'thank you',
  'thanks', 'thx', 'appreciate*', 'could you please', 'would you please', '请问', '谢谢', '麻烦', '不好意思', '辛苦', '感谢',
  '您好', '你好', '请教', '想问',
];

/** Dampeners: other feelings (joy, love, sadness); "not happy" does not count. */
export const OTHER_FEELINGS = [
  'love*', 'lovely', 'happy', 'happiness', 'excited', 'exciting', 'amazing', 'awesome', 'grateful', 'thankful', 'blessed',
  'beautiful', 'joy*', 'glad', 'proud', 'hilarious', 'cute', 'sad', 'sadness', 'depress*', 'cry', 'crying', 'cried', 'tears',
  'lonely', 'heartbroken', 'heartbreak*', 'miss you', 'grief', 'grieving', 'sorrow', 'hopeful', 'optimis*',
  "can't wait", 'wonderful', 'congrat*', 'enjoy*', 'smile*', 'laugh*', 'fun',
  '难过', '伤心', '哭', '想你', '想念', '孤独', '寂寞', '开心', '快乐', '喜欢', '爱你', '幸福', '感动', '可爱', '好美', '好看', '期待',
  '温暖', '加油', '生日快乐', '晚安', '早安', '思念', '心疼', '泪', '[爱你]', '[心]', '😭', '❤', '💕', '😍', '🥰', '祝', '美好',
  '希望', '梦想', '怀念', '舍不得', '害怕', '担心',
];
