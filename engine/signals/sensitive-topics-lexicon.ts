/**
 * Default sensitive-topic lists. Category names are the keys the escalation policy routes on
 * (engine/policy: safety, minor_spending, off_platform_payment, fraud, large_dispute). Threats to go public or
 * to court are their own signal (public-threat-lexicon.ts).
 */
import type { SensitiveCategoryInput } from './sensitive-topics-config.js';

// prettier-ignore
const MINOR_SPENDING: SensitiveCategoryInput = {
  category: 'minor_spending',
  severity: 'high',
  phrases: [
    '我是小学生', '我是初中生', '我是中学生', '我是未成年', '我还未成年', '我未成年', '未成年人', '未满18', '未满十八', '孩子偷偷',
    '小孩偷偷', '孩子偷用', '孩子用我的', '儿子偷偷', '女儿偷偷', '熊孩子', '家长不知道', '爸妈不知道', '我妈的卡', '我爸的卡',
    "i'm a minor", 'i am a minor', 'underage', 'under 18', 'under eighteen', "my parents don't know", "my mom's card",
    "my mum's card", "my dad's card", "my parents' card", "my mom's credit card", "my dad's credit card", "parents' credit card",
  ],
  patterns: [
    '(?:孩子|小孩|儿子|女儿|娃|闺女|侄子|外甥|孙子|孙女|弟弟|妹妹)[^。！？!?]{0,16}(?:充|打赏|刷礼物|送礼|刷了|花了|消费|买了|绑了我的|付款|转账|用了我|用我的|扣了|扣费|扣钱)',
    // 孩子十岁…扣了好几千, 我弟弟才14, 未成年偷用家长支付宝打赏
    '(?:孩子|小孩|儿子|女儿|娃|闺女|侄子|侄女|外甥|外甥女|孙子|孙女|弟弟|妹妹)(?:今年)?(?:才|只有|刚|刚满)?(?:[1-9]|1[0-7]|十[一二三四五六七]?|[一二三四五六七八九])(?:岁|周岁)?(?![0-9万千百块元])',
    '未成年[^。！？!?]{0,12}(?:打赏|充|消费|偷|花|刷|扣)',
    '我(?:今年)?(?:才|只有|刚|刚满)?(?:[1-9]|1[0-7]|十[一二三四五六七]?|[一二三四五六七八九])(?:周)?岁',
    '我(?:上|读|在读|是|还在读)(?:初[一二三]|高[一二三]|小学|[一二三四五六]年级|初中|高中)',
    "(?:\\b(?:my|our)\\s+|^)(?:teen(?:age)?\\s+)?(?:son|daughter|kid|kids|child|children|boy|girl|grandson|granddaughter|nephew|niece|\\d{1,2}\\s*(?:yo|year\\s*old))\\b[^.!?]{0,60}\\b(?:spent|spend|spending|bought|buy|charged|paid|pay|topped\\s+up|recharged|used\\s+my|gifts?|gifted|tipped|donated|purchased?|purchases)\\b",
    '\\b(?:spent|charged|bought|paid|gifted|tipped|donated)\\b[^.!?]{0,40}\\b(?:my|our)\\s+(?:son|daughter|kid|child)',
    // "a 12-year-old … spend 200 bucks", "he's 13", "teen daughter … spending my money"
    '\\b(?:[5-9]|1[0-7])[-\\s]?(?:year|yr)s?[-\\s]?old\\b',
    "\\b(?:he|she)(?:'s|\\s+is)\\s+(?:only\\s+|just\\s+)?(?:[5-9]|1[0-7])\\b(?!\\s*(?:%|dollars|bucks|coins|k\\b))",
    '\\b(?:teen|teenage|teenaged|underage)\\s+(?:son|daughter|kid|child|boy|girl)\\b',
    "\\bi(?:'m|\\s+am)\\s+(?:only\\s+|just\\s+)?(?:[1-9]|1[0-7])(?:\\s*(?:years?\\s*old|yo|y/o)\\b|\\s*(?:[,.!?]|$)|\\s+and\\b)",
  ],
};

// prettier-ignore
const OFF_PLATFORM_PAYMENT: SensitiveCategoryInput = {
  category: 'off_platform_payment',
  severity: 'high',
  phrases: [
    '加微信', '加我微信', '加个微信', '加vx', '加v', '加个v', '加wx', '微信转账', '微信转我', '支付宝转我', '支付宝转账', '私下交易',
    '私下转账', '私下付款', '线下交易', '线下转账', '私聊转账', '绕过平台', '不走平台', '走私单', '私单', '扫码付款', '加qq', '加我qq',
    '银行卡转账', '转到我卡上', '转我卡上', '转账给我', '钱转给我', '直接转我', '红包转我',
    'paypal me', 'venmo', 'cashapp', 'cash app', 'zelle', 'send money directly', 'outside the platform', 'off platform',
    'off-platform', 'bank transfer', 'wire transfer', 'wire me', 'western union', 'add me on whatsapp', 'whatsapp me',
    'telegram me', 'add my wechat', 'crypto wallet',
    '收款码', '代充', '找他代充', '找她代充', '转他微信', '转她微信', '微信打折', '私下充',
  ],
  patterns: [
    '(?:主播|商家|卖家|店家|她|他|对方|房管|管理员)[^。！？!?]{0,12}(?:让|叫|要|要求|私信)我(?:加|转|私下|直接|去|把钱)',
    '(?:扫|加)(?:她|他|我|对方)?的?(?:收款码|二维码|付款码)',
    "\\b(?:asked|asks|wants?|wanted)\\s+(?:for\\s+)?my\\s+(?:paypal|venmo|cash\\s*app|zelle|crypto|bank\\s+details)\\b",
    '\\bpay\\s+(?:me|him|her|them)\\s+(?:on|via|through|with|by|in)\\s+(?:paypal|venmo|cash\\s*app|zelle|wechat|alipay|bank|crypto|bitcoin|gift\\s*cards?)',
    '\\b(?:streamer|host|she|he|they|mod)\\s+(?:asked|told|wants?|dm(?:ed|\'d)?)\\s+(?:me\\s+)?to\\s+(?:pay|send|transfer|venmo|wire)',
  ],
};

// prettier-ignore
const FRAUD: SensitiveCategoryInput = {
  category: 'fraud',
  severity: 'high',
  phrases: [
    '被骗', '诈骗', '骗子', '骗钱', '骗局', '上当受骗', '盗号', '号被盗', '账号被盗', '被盗号', '被盗了', '钓鱼网站', '钓鱼链接', '假冒',
    '冒充', '假客服', '杀猪盘', '中奖诈骗',
    'scam', 'scams', 'scammed', 'scammer', 'scammers', 'fraud', 'fraudulent', 'phishing', 'hacked', 'account stolen',
    'stole my account', 'impersonat*', 'fake support', 'fake customer service', 'pig butchering', 'pretending to be',
    'asked for my password', 'asked for my verification code', 'fake official',
    '要验证码', '问我要密码', '盗用我的身份', '用我的身份证', '冒用', '假的官方',
    '刷流水', '自称平台', '自称你们', '自称官方', '自称客服', '领免费金币', '免费领金币', '异地登录', '账号异常要', '解冻费',
    'pay to unlock', 'double your coins', 'double your money', 'fake "official"', 'bank login', 'account is frozen',
  ],
  patterns: [
    '中奖[^。！？!?]{0,12}(?:手续费|保证金|先交|先付|转账)',
    '自称[^。！？!?]{0,8}(?:工作人员|客服|官方|管理员)',
    '链接[^。！？!?]{0,16}(?:被扣|扣钱|扣了|盗刷|被盗)',
    "\\bclaim(?:ing|ed|s)?\\s+to\\s+be\\s+(?:from\\s+)?(?:your|the|an?)\\s+(?:official|support|staff|team|admin|trust|platform|app|company|moderator)",
    '\\blogged\\s+in\\s+from\\s+(?:another|a\\s+different|some\\s+other)\\s+(?:country|device|place|city)\\b',
    '\\b(?:sent|paid|gave)\\b[^.!?]{0,30}\\bgot\\s+nothing\\s+back\\b',
    '(?:手续费|保证金)[^。！？!?]{0,10}(?:才能|才可以)(?:领|提|到账)',
    '\\b(?:won|prize|lottery)\\b[^.!?]{0,40}\\b(?:fee|pay first|deposit)\\b',
    '\\bsomeone\\s+(?:is\\s+)?(?:using|used)\\s+my\\s+(?:id|identity|name|photos?)\\b',
  ],
};

// prettier-ignore
const HARASSMENT: SensitiveCategoryInput = {
  category: 'harassment',
  severity: 'high',
  phrases: [
    '性骚扰', '骚扰我', '一直骚扰', '脱衣服', '裸聊', '裸照', '露骨', '录屏威胁', '录了我的脸', '威胁我', '跟踪我', '人肉我',
    '要挟', '发我照片给', '不雅视频',
    'harassing me', 'harassed me', 'sexual harassment', 'sexually harassed', 'said sexual things', 'sexual comments',
    'flashed me', 'exposed himself', 'exposed herself', 'sent me nudes', 'asked for nudes',
    'stalking me', 'keeps calling from new accounts', 'blackmail', 'blackmailing', 'threatening to share',
    'messaging my friends', 'found my instagram', 'found my facebook', 'recorded me',
    '换小号', '小号骚扰', '下流', '不雅照', 'p成', '骂很难听', '威胁要发', '威胁要曝光', '威胁我要', '开我盒', '开盒',
    'new accounts to message me', 'leak my', 'my home town', 'my hometown', 'my real name', 'my home address',
  ],
  patterns: [
    '(?:换|开|注册)(?:了)?(?:个|一个|好?几个|多个|很多|一堆)?小号[^。！？!?]{0,12}(?:骂|打|私信|骚扰|找我|加我|视频|视讯)',
    "\\b(?:threaten(?:ing|ed|s)?)\\s+to\\s+(?:leak|post|share|expose|release|send)\\b",
    '\\b(?:making|made|makes|creating|created)\\s+new\\s+accounts?\\b',
  ],
};

/**
 * Safety: a viewer who may hurt themselves or someone else. Never answered from the knowledge base; the
 * viewer gets a caring word and the hotline, and a person at once (engine/policy).
 */
// prettier-ignore
const SAFETY: SensitiveCategoryInput = {
  category: 'safety',
  severity: 'critical',
  phrases: [
    '不想活了', '不想活', '活着没意思', '活着没意义', '活不下去', '想死', '想自杀', '自杀', '轻生', '跳楼', '割腕', '结束生命',
    '结束自己的生命', '一了百了', '死了算了', '不如死了', '安眠药', '遗书', '撑不下去了',
    'kill myself', 'killing myself', 'kms', 'suicide', 'suicidal', 'end it all', 'end my life', 'ending my life',
    'take my own life', "don't want to live", 'do not want to live', 'want to die', 'wanna die', 'no reason to live',
    'better off dead', 'hurt myself', 'hurting myself', 'cut myself', 'self harm', 'self-harm', 'not worth living',
    "can't go on",
    '跳下去', '从楼上跳', '跳河', '跳江', '上吊', '安眠药', '烧炭', '不会再有我', '一觉不要醒来', '一觉不醒', '不想醒来', '再也不要醒',
    '活得好累', '活着好累', '活得太累', '撑不住了', '离开这个世界', '没有我会更好', '没有我更好', '遗书', '下辈子再见',
    "don't want to wake up", 'do not want to wake up', 'better off without me', 'no reason to keep going', 'goodbye note',
    'goodbye notes', 'goodbye letter', 'suicide note', 'jump off', 'overdose', 'hang myself', "won't be here tomorrow",
    // Threats to others.
    '出门小心点', '出门小心', '放火', '泼硫酸', '找人收拾', '废了他', '废了她',
    'get hurt when i find', 'one way or another', 'when i find him', 'when i find her',
    '杀了他', '杀了她', '杀了你', '弄死他', '弄死她', '弄死你', '砍死', '捅死', '打死他', '打死你', '我知道你住哪', '找到你家',
    '去你家找你', '人肉你', '我要报复', '同归于尽',
    'kill him', 'kill her', 'kill you', 'i know where you live', "i'll find you", 'i will find you', 'hurt the streamer',
    'beat him up', 'beat her up',
  ],
  patterns: [
    '(?:活着|活下去)[^。！？!?]{0,4}(?:没|无|有什么)(?:什么)?(?:意思|意义|盼头)',
    '(?:把|将)[^。！？!?]{0,10}(?:都|全)(?:送|给)(?:完|光|出去)[^。！？!?]{0,8}(?:算了|走了|解脱|告别|再见)',
    "\\b(?:don'?t|do not|can'?t)\\s+see\\s+the\\s+point\\s+(?:anymore|of\\s+(?:living|going\\s+on|anything))",
    "\\b(?:i'?m|i\\s+am|gonna|going\\s+to|i'?ll|i\\s+will)\\s+(?:just\\s+)?end\\s+it\\b",
    '\\bno\\s+(?:reason|point)\\s+(?:to|in)\\s+(?:keep\\s+going|going\\s+on|living|being\\s+here|waking\\s+up)\\b',
    '(?:查到|知道|找到|扒到|人肉到|人肉出)了?(?:那个|这个)?(?:他|她|你|主播|那个人|那个男的|那个女的|房管|管理员|榜一|对方|商家|卖家|这个人)(?:[^。！？!?，,]{0,4})的?(?:电话|地址|住址|家|住哪|公司|学校|身份证)',
    "\\bi\\s+know\\s+(?:her|his|their|your|the\\s+\\w+'s)\\s+(?:address|home|house|school|workplace|office)\\b",
    "\\bmake\\s+sure\\s+(?:she|he|they)\\s+never\\s+\\w+\\s+again\\b",
    '\\bgive\\s+(?:everything|it\\s+all)\\s+away\\b[^.!?]{0,40}\\b(?:anymore|disappear|goodbye|done|gone|over)\\b',
  ],
  ignore: [
    '想死你', '想死我了', '想死了你', '想死他', '想死她', '笑死', '自杀式', '跳楼价', '跳楼甩卖', '跳楼大甩卖', '跳楼大减价',
    'die laughing', 'die of laughter', 'kill myself laughing', 'suicide squad', 'suicide mission', 'suicide run',
  ],
};

// prettier-ignore
export const DEFAULT_SENSITIVE_CATEGORIES: readonly SensitiveCategoryInput[] = [
  SAFETY,
  MINOR_SPENDING,
  OFF_PLATFORM_PAYMENT,
  FRAUD,
  HARASSMENT,
];

/** Words that make a large amount a disputed charge. */
// prettier-ignore
export const DISPUTE_PHRASES = [
  '乱扣', '扣了', '扣费', '扣款', '多扣', '重复扣', '被扣', '扣我', '扣钱', '盗刷', '被刷', '莫名其妙', '没授权', '未授权', '不是我买的',
  '不是我充的', '不是我消费的', '自动续费', '退款', '退钱', '还钱', '没到账', '不到账', '充值失败', '吞了', '被骗',
  'charged me', 'charged twice', 'double charged', 'double charge', 'overcharged', 'unauthorized', 'unauthorised',
  "didn't authorize", 'did not authorize', 'never authorized', 'refund', 'chargeback', 'billed', 'auto-renew', 'auto renew',
  'took my money', 'stole my money', "didn't receive", 'never received', 'not credited', 'dispute', 'disputed',
  "don't recognize", "don't recognise", 'disappeared', 'vanished', 'missing from', '提现失败', '钱去哪了', '不见了', '凭空消失',
  '模型机', '假货', '商家不认', '不给退', '收到是', 'never came back', 'went quiet', 'got a brick', 'counterfeit', 'not as described',
  'withdrawal failed', 'withdrawals show', 'failed',
];
