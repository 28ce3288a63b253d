/**
 * Default anger lexicon, written from knowledge of how Chinese and English speakers vent, insult and
 * complain (not learned from any data set). Phrase syntax: see phrase-list.ts. Weights live in
 * anger-config.ts; these are only the lists, which deployments extend or replace through config.
 */

/** Abuse aimed at someone: "fuck you", "screw this", "去你的", "滚". */
// prettier-ignore
export const DIRECTED_ABUSE = [
  'fuck you', 'fuck u', 'fuck off', 'fuck this', 'fuck that', 'fuck them', 'fuck him', 'fuck her', 'fuck those', 'fuck these',
  'fuck everyone', 'fuck everything', 'fuck the', 'fuck it', 'fuck yourself', 'fuck ya', 'fuck outta', 'screw you',
  'screw this', 'screw that', 'screw them', 'damn you', 'go to hell', 'piss off', 'f off', 'eff off', 'stfu', 'gtfo',
  'shut tf up', 'shut the fuck up', 'shut up', 'son of a bitch', 'piece of shit', 'piece of crap', 'motherfuck*', 'mofo',
  'you bitch', 'asshole*', 'arsehole*', 'a~hole*', 'cunt*', 'twat*', 'dickhead*', 'shithead*', 'dipshit*', 'jackass*',
  'douche*', 'wanker*', 'kiss my ass', 'up your ass', 'bite me', 'get the hell out', 'the hell out of here', 'hell no',
  'drop dead', 'go die', 'get lost', 'bullshit*',
  '操你', '去你的', '去你妈', '去你大爷', '你大爷', '滚蛋', '滚!', '滚吧', '给我滚', '滚开', '滚,', '草泥马', '干你', '你妈的', '妈了个',
  '傻逼', '傻b', '傻x', '煞笔', '沙比', '傻叉', '狗日', '吃屎', '次奥', '扑街', '狗男女', '狗屁', '放屁', '屁话', 'nmsl', 'cnm', 'wcnm', 'rnm', 'mlgb',
  // typed as pinyin
  'shabi', 'sha bi', 'caonima', 'cao ni ma', 'qunima', 'gun dan', 'gundan',
];

/** Expletives: anger more often than not, but also emphasis ("fucking brilliant"). */
// prettier-ignore
export const STRONG_PROFANITY = [
  'fuck*', 'fck*', 'fuk*', 'fucc*', 'fkn', 'fking', 'fkin', 'effing', 'clusterfuck*', 'wtf', 'ffs', 'bitch*', 'bastard*',
  'prick', 'pricks', 'bollocks', 'goddamn*', 'goddam', 'god damn', 'dammit', 'damnit', 'damn it', 'pissed off',
  'pisses me off', 'pissing me off',
  '妈的', '他妈', '你妈', '尼玛', '泥马', '你妹', '玛德', '马德', '妈蛋', '麻痹', '妈逼', '马勒戈壁', '操蛋', '艹', '日了狗', '特么',
  '他喵', '狗屎', '奶奶的', '丫的', '娘的', '坑爹', 'tmd', 'nnd',
  'tamade', 'ta ma de', 'nima', 'wocao', 'woc', 'mabi',
];

/** Swearing that is as often surprise or emphasis as anger ("holy shit", "卧槽"). */
// prettier-ignore
export const MILD_PROFANITY = [
  'shit*', 'crap*', 'tf', 'pissy', 'damn', 'damned', 'hell', 'bloody', 'piss*', 'ass', 'asses', 'dick', 'dicks', 'freaking',
  'frickin*', 'fricking', 'friggin*', 'bs', 'sucks', 'suck', 'sucked',
  '卧槽', '我槽', '我操', '我草', '卧草', '握草', '我靠', '靠!', '靠,', '我擦', '我去',
];

/** Chinese pinyin abbreviations that mean something else in English text: only count next to Han. */
// prettier-ignore
export const PINYIN_PROFANITY = ['sb', 'md', 'tm', 'nm', 'wc', 'wtm'];

/** Names the listener calls someone. */
// prettier-ignore
export const INSULTS = [
  'idiot*', 'stupid*', 'dumb', 'dumber', 'dumbest', 'dumbass*', 'moron*', 'imbecile*', 'retard*', 'loser*', 'jerk', 'jerks',
  'clown*', 'scum*', 'incompetent', 'liar*', 'coward*', 'creep', 'creeps', 'psycho*', 'hypocrit*', 'bigot*', 'fascist*',
  'racist*', 'traitor*', 'crook*', 'thief', 'thieves', 'brainless', 'clueless', 'shameless', 'pathetic', 'disgrace*',
  'worthless', 'trash', 'garbage', 'rubbish', 'vile', 'evil', 'greedy', 'selfish', 'arrogant', 'rude', 'toxic',
  'fool', 'fools', 'foolish', 'freak', 'freaks', 'sociopath*', 'narcissist*', 'brat', 'brats', 'insufferable', 'entitled',
  'gross', 'arrogance', 'cuck*', 'pig', 'pigs', 'degenerate*', 'filthy', 'nasty', 'inept', 'shady', 'wretched',
  'deplorable*', 'scumbag*', 'lowlife', 'low life', 'sleazy', 'sleazebag*', 'dirtbag*', 'ignorant', 'hypocrisy', 'cowardly',
  'thug', 'thugs', 'shut the',
  '垃圾', '辣鸡', '乐色', '废物', '白痴', '蠢', '笨蛋', '脑残', '智障', '弱智', '神经病', '你有病', '有病吧', '有病啊', '有病吗',
  '混蛋', '王八', '畜生', '畜牲', '禽兽', '人渣', '败类', '无耻', '不要脸', '骗子', '流氓', '强盗', '土匪', '黑心', '奸商',
  '狗东西', '走狗', '贱人', '贱货', '犯贱', '下贱', '猪脑', '脑子进水', '二百五', '去死', '死全家', '该死', '滚粗', '坑人',
  '坑钱', '黑店', '缺德', '没良心', '丧尽天良', '不是人', '狗娘', '小人', '婊', '傻子', '傻缺', '傻帽', '傻冒', '蠢货',
  '渣渣', '变态', '疯狗', '闭嘴', '废柴', '饭桶', '狗腿', '恶毒', '2b', '二逼', '二b', '烂人', '贱', '老子', '有毛病', '死胖子',
  '丑八怪', '恶人', '神经',
];

/** Words for the feeling itself; "not angry" does not count. */
// prettier-ignore
export const ANGER_WORDS = [
  'angr*', 'anger*', 'mad', 'madder', 'furious*', 'fuming', 'livid', 'enrag*', 'rage', 'raging', 'outrag*', 'pissed',
  'irate', 'infuriat*', 'hatred', 'loathe*', 'resent*', 'bitter', 'bitterly', 'indignant', 'indignation', 'wrath', 'fury',
  'seething', 'hostile', 'vengeance', 'revenge', 'spiteful', 'temper', 'lost my patience', 'losing my patience',
  'drives me crazy', 'driving me crazy', 'drives me nuts', 'blood boil*', 'explode', 'so done with',
  '生气', '气死', '气炸', '气疯', '气人', '气得我', '气的我', '把我气', '气哭', '火大', '恼火', '愤怒', '愤慨', '愤恨', '气愤', '发火',
  '发怒', '怒', '火冒三丈', '忍无可忍', '受够了', '恨死', '恨透', '可恨', '憎恨', '痛恨', '恨你', '可恶', '憋屈', '窝火', '抓狂',
  '不爽', '炸毛', '暴躁', '来气', '好气', '太气', '很气', '恼怒', '怨气', '发飙', '不可理喻', '不可原谅', '令人发指', '气不气',
  '一肚子气', '一肚子火', '满肚子气', '满肚子的气', '想打人', '想砍人', '杀人的心', '想杀人', '冒火', '火气',
];

/** Milder displeasure: annoyance, irritation, disgust; "not annoyed" does not count. */
// prettier-ignore
export const ANNOYANCE = [
  'annoy*', 'irritat*', 'frustrat*', 'hate', 'hates', 'hated', 'hating', 'ugh', 'grr*', 'argh*', 'disgust*', 'offended',
  'offensive', 'upset', 'fed up', 'sick of', 'sick and tired', 'had enough', 'tired of', 'not impressed',
  '烦死', '烦人', '神烦', '讨厌', '恶心', '无语', '我服了', '服了你', '也是醉了', '真是醉了', '简直醉了', '受不了', '懒得理', '吐血',
  '郁闷', '心塞', '闹心', '糟心', '心烦', '烦躁', '令人作呕', '作呕', '闹哪样', '招谁惹谁'
];

/** Hostile acts and attitudes: shouting, fighting, contempt, revenge. */
// prettier-ignore
export const HOSTILITY = [
  'abuse*', 'abusive', 'aggravat*', 'aggressive', 'aggression', 'antagoni*', 'assault*', 'belligerent', 'betray*', 'blame*',
  'brutal*', 'bully*', 'bullied', 'combative', 'condemn*', 'contempt*', 'cruel*', 'curse*', 'cursing', 'defiant', 'denounce*',
  'despise*', 'detest*', 'feud*', 'grudge*', 'harass*', 'lash out', 'lashing out', 'malicious', 'menacing', 'provok*',
  'provocation', 'rampage', 'rant', 'ranting', 'retaliat*', 'ruthless', 'savage*', 'scream*', 'shout*', 'slam*', 'tantrum*',
  'threaten*', 'torment*', 'vicious', 'violent', 'violence', 'yell*', 'snarl*', 'scowl*', 'glare*', 'incens*', 'agitated',
  'exasperat*', 'vex*', 'peeved', 'miffed', 'cranky', 'grumpy', 'disdain*', 'scorn*', 'sneer*', 'boiling', 'heated',
  '吵架', '骂人', '大骂', '破口大骂', '怒吼', '咆哮', '翻脸', '打架', '报复', '仇恨', '摔门', '甩脸', '撕逼', '互撕', '喷子', '键盘侠',
  '嘴臭', '找茬', '挑衅', '指责', '埋怨', '抱怨', '牢骚', '吐槽', '骂', '吼', '鄙视', '瞧不起', '看不起', '不服', '呵呵',
];

/** Threats or wishes of violence: "i'll kill you", "打死你". */
// prettier-ignore
export const VIOLENCE = [
  'kill you', 'kill him', 'kill her', 'kill them', "i'll kill", 'smack', 'punch*', 'slap*', 'beat up', 'beat the crap',
  'strangle', 'choke you', 'murder you', 'break your', 'kick your', 'kick it in', 'stab', 'destroy you', 'smash your',
  '打死', '揍', '弄死', '砍死', '宰了', '掐死', '捅死', '干死', '抽你', '打你', '扇你', '撕了', '杀了你', '杀了他', '杀了她', '灭了你',
  '打爆', '锤爆', '手撕',
];

/** Complaints about what happened: anger in a support chat, dissatisfaction elsewhere. */
/** "破手机", "破平台": 破 before a thing is contempt for it. */
// prettier-ignore
export const COMPLAINT_PATTERNS = [
  '破(?:手机|电脑|网|游戏|平台|软件|玩意|东西|日子|社会|地方|公司|学校|系统|直播|服务|主播|客服|app|网站|车|店)',
];

// prettier-ignore
export const COMPLAINTS = [
  'worst', 'terrible', 'horrible', 'awful', 'useless', 'ridiculous', 'unacceptable', 'disgusting', 'disgraceful',
  'shameful', 'is a joke', 'what a joke', 'such a joke', 'rip-off', 'ripoff', 'rip off', 'ripped off', 'waste of money', 'waste of time', 'bad service',
  'poor service', 'no one cares', 'nobody cares', 'not acceptable', 'not happy', 'not ok', 'not okay', 'fed up', 'sick of',
  'sick and tired', 'enough is enough', 'had enough', 'my money back', 'refund me', 'nonsense', 'lies', 'lied',
  'cheat*', 'robbed', 'stole', 'steal*', 'unfair', 'injustice', 'absurd', 'corrupt*', 'disrespect*', 'never again',
  'screwed', 'scam*', 'outrageous', 'insult*', 'hopeless', 'inexcusable', 'horrid', 'horrific', 'dreadful', 'shocking',
  'nightmare', 'blatant', 'no excuse', 'ruin*', "it's a shame", 'what a shame', 'pisspoor', 'bad faith',
  '退钱', '还钱', '骗钱', '被坑', '太差', '很差', '真差', '差劲', '什么破', '破玩意', '什么玩意', '什么鬼', '搞什么', '有没有搞错',
  '凭什么', '过分', '离谱', '欺负', '欺人太甚', '黑幕', '上当', '失望', '服务差', '态度差', '不像话', '岂有此理', '欺骗', '忽悠',
  '敷衍', '踢皮球', '没人管', '不讲理', '霸王条款', '乱扣', '乱收费', '扣我钱', '不负责任', '无良', '不靠谱', '坑', '骗人', '骗我',
  '耍我', '玩我', '丢人', '丢脸', '不公平', '霸道', '强盗逻辑', '吃相难看', '割韭菜', '智商税', '不满', '不满意', '冤枉',
  '无理取闹', '嚣张', '难以沟通', '什么意思', '搞毛', '毛线', '有意思吗', '害人', '鸟用', '屁用',
];

/** Blame aimed at the listener, and exasperated questions. */
// prettier-ignore
export const BLAME = [
  'you people', 'your fault', 'you guys never', 'you always', 'you never', 'you lied', 'you lie', 'you ruined',
  'you screwed', 'you stole', 'you promised', "what's wrong with you", 'what is wrong with you', 'are you kidding',
  'are you serious', 'are you stupid', 'are you deaf', 'are you blind', 'do your job', 'how hard is it',
  'how many times', 'i told you', 'i already told you', "why can't you", "why won't you", 'how dare', 'shame on you',
  'the hell', 'the heck', 'the fuck', 'get your act together', 'to hell with', 'who do you think', "don't tell me",
  'get out of here', 'how the f', 'what do you expect', 'mind your own',
  '你们怎么', '你们到底', '你们是不是', '你们这些', '你们这种', '你们这帮', '你们这群', '你脑子', '是不是傻', '是猪吗', '都怪你',
  '你们的错', '什么态度', '眼瞎', '瞎了', '聋了', '说了多少遍', '说了几遍', '多少次了', '我都说了', '听不懂人话', '还要我说',
  '还有脸', '还好意思', '关你屁事', '关你什么事', '要你管', '碍着你', '管得着', '你懂什么', '你算老几', '怎么回事', '给个说法', '给我一个说法', '给我个说法', '给个交代', '给我个交代', '你算什么', '算什么东西',
];

/** Threats to complain, report, sue or go public. */
// prettier-ignore
export const THREATS = [
  'report you', 'reporting you', 'file a complaint', 'filing a complaint', 'complain to', 'lawyer*', 'attorney*',
  'sue you', 'suing', 'see you in court', 'chargeback', 'charge back', 'dispute the charge', 'better business bureau',
  'bbb', 'ftc', 'expose you', 'go public', 'going public', 'bad review', '1 star', 'one star', 'cancel my account',
  'delete my account',
  '投诉', '举报', '12315', '消协', '消费者协会', '工商', '市场监管', '律师', '起诉', '告你们', '告你', '报警', '曝光',
  '找媒体', '找记者', '上热搜', '发到网上', '黑猫', '维权', '法院', '打官司', '差评', '销户', '卸载', '拉黑', '别怪我不客气',
  '你们看着办', '后果自负',
];

/** Politeness refused or turned sarcastic. */
// prettier-ignore
export const REJECTED_POLITENESS = [
  'thanks for nothing', 'thank you for nothing', 'no thanks to you', "sorry doesn't", 'sorry does not',
  'sorry is not enough', "sorry isn't enough", 'stop apologizing', 'stop saying sorry', "don't say sorry",
  "don't apologize", 'save your apolog*', 'spare me', 'cut the crap', 'no more excuses', 'stop making excuses',
  "don't give me that", "don't tell me to calm down", "don't tell me to be patient", 'yeah right', 'my ass',
  '谢谢你全家', '谢谢您嘞', '谢了您嘞', '别跟我说对不起', '对不起有什么用', '对不起有用吗', '道歉有什么用', '道歉有用吗',
  '少废话', '别废话', '少来这套', '别来这套', '别跟我扯', '别扯了', '你也配', '谁稀罕', '别装了', '装什么',
];

/** Angry emoji and the bracketed emoticon codes of Chinese apps ([怒], [抓狂]). */
// prettier-ignore
export const ANGRY_EMOJI = [
  '😠', '😡', '🤬', '💢', '👿', '🖕', '😤', '[怒]', '[怒骂]', '[抓狂]', '[发怒]', '[生气]', '[愤怒]', '[鄙视]', '[哼]',
  '[白眼]', '[闭嘴]', '[左哼哼]', '[右哼哼]',
];

/** Masked before anything is matched: everyday words that contain an insult or anger word. */
// prettier-ignore
export const ANGER_IGNORE = [
  // Asking how to report is a question, not a threat.
  '怎么投诉', '如何投诉', '在哪投诉', '在哪里投诉', '怎么举报', '如何举报', '在哪举报', '在哪里举报', 'where do i file a complaint',
  'how do i file a complaint', 'how do i report', 'where do i report', 'how can i report',
  // Asking how to leave is a question too (churn said as a plan is its own signal).
  'how do i delete my account', 'how can i delete my account', 'how to delete my account', 'how do i cancel my account',
  '怎么注销', '如何注销', '怎么销户', '如何销户', '怎么卸载',
  '垃圾分类', '垃圾桶', '垃圾袋', '垃圾车', '垃圾站', '垃圾场', '垃圾处理', '垃圾回收', '垃圾堆', '倒垃圾', '扔垃圾', '捡垃圾',
  '厨余垃圾', '干垃圾', '湿垃圾', '有害垃圾', '可回收垃圾', '其他垃圾', '垃圾清运', '垃圾邮件', '垃圾短信', '你妹妹', '心花怒放',
  '怒放', '蠢蠢欲动', '坑位', '坑洼', '坑道', '萝卜坑', '挖坑', '填坑', '入坑', '新坑', '天坑', '火坑', '弃坑', '出坑', '坑里',
  '工商银行', '工商管理', '气质', '气派', '气色', '生气勃勃', '小人物', '小人书', '怒赞', '怒推', '神经元', '神经系统', '神经网络', '神经科', '神经外科', '恶心想吐', '有点恶心', '胃恶心', 'the hell out of', 'hell yeah', 'hell yes',
  'mad respect', 'damn good', 'damn fine', 'pretty damn', 'so damn cute', 'badass', 'kick ass', 'kicks ass', 'no shit sherlock',
  'holy shit', 'holy crap', 'cheat sheet', 'cheat code', 'cheat codes', 'steal the show', 'stole the show', 'steals the show',
  'killing it', 'kill it', 'rage quit', 'fuck yes', 'fuck yeah', 'fucking love', 'fucking amazing',
  'fucking awesome', 'fucking great', 'fucking beautiful', 'fucking brilliant', 'fucking hilarious', 'fucking cute',
  'fucking funny', 'so fucking good', 'damn right', 'hell of a', 'as hell', 'as fuck', 'af', 'not bad', 'angry birds', 'mad max', '315晚会',
];

/** Dampeners: laughter and joking. */
// prettier-ignore
export const LAUGHTER = [
  'lol', 'lol*', 'lmao*', 'lmfao', 'rofl', 'haha*', 'hehe*', 'jk', 'just kidding', 'kidding', '😂', '🤣', '😆', '😄', '😁', '😊',
  '😜', '哈哈', '嘻嘻', '笑死', '开玩笑', '[哈哈]', '[嘻嘻]', '[偷笑]', '[笑cry]', '[憨笑]',
];

/** Dampeners: calm, polite asking. */
// prettier-ignore
export const CALM = [
  'just asking', 'just wondering', 'just curious', 'no worries', 'no problem', 'no big deal', 'not a big deal', 'thank you',
  'thanks', 'thx', 'appreciate*', 'could you please', 'would you please', '请问', '谢谢', '麻烦', '不好意思', '辛苦', '感谢',
  '您好', '你好', '请教', '想问',
];

/** Dampeners: other feelings (joy, love, sadness); "not happy" does not count. */
// prettier-ignore
export const OTHER_FEELINGS = [
  'love*', 'lovely', 'happy', 'happiness', 'excited', 'exciting', 'amazing', 'awesome', 'grateful', 'thankful', 'blessed',
  'beautiful', 'joy*', 'glad', 'proud', 'hilarious', 'cute', 'sad', 'sadness', 'depress*', 'cry', 'crying', 'cried', 'tears',
  'lonely', 'heartbroken', 'heartbreak*', 'miss you', 'grief', 'grieving', 'sorrow', 'hopeful', 'optimis*',
  "can't wait", 'wonderful', 'congrat*', 'enjoy*', 'smile*', 'laugh*', 'fun',
  '难过', '伤心', '哭', '想你', '想念', '孤独', '寂寞', '开心', '快乐', '喜欢', '爱你', '幸福', '感动', '可爱', '好美', '好看', '期待',
  '温暖', '加油', '生日快乐', '晚安', '早安', '思念', '心疼', '泪', '[爱你]', '[心]', '😭', '❤', '💕', '😍', '🥰', '祝', '美好',
  '希望', '梦想', '怀念', '舍不得', '害怕', '担心',
];
